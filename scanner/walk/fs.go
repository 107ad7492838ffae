// Package walk discovers the files to analyse in a tree: it honours .gitignore,
// skips vendored and build folders, applies --include/--exclude globs and a size
// cap, never follows a symlink out of the root, survives symlink loops, and
// reports every file or folder it leaves out with the reason.
package walk

import "errors"

// EntryType is the type of a directory entry.
type EntryType int

// Entry types.
const (
	TypeFile EntryType = iota
	TypeDir
	TypeSymlink
	// TypeOther covers devices, sockets, pipes and git submodules.
	TypeOther
)

// DirEntry is one entry of a directory listing.
type DirEntry struct {
	Name string
	Type EntryType
	// Size is the file size in bytes, for TypeFile (0 when unknown).
	Size int64
	// ID is a content identity when the tree knows one for free (a git blob
	// hash), "" otherwise. Caches key on it.
	ID string
	// Stamp is what a folder on disk says of a file without reading it; zero
	// elsewhere.
	Stamp Stamp
}

// ErrSymlinkLoop is returned (wrapped) by Resolve when following a symlink never
// ends, as with a link that points to itself.
var ErrSymlinkLoop = errors.New("symlink loop")

// FS is a read-only tree addressed by slash-separated paths relative to its root
// ("" is the root). Implementations: a folder on disk, a git tree.
//
// Paths handed to ReadDir and ReadFile may pass through symlinks that resolve
// inside the root (the walk reports files under a followed link by the link's
// path); implementations must never read outside the root. Implementations must be
// safe for concurrent use, since the scanner reads files from several workers.
type FS interface {
	// ReadDir lists a directory, sorted by name. It does not follow symlinks in
	// the listing: a link is reported as TypeSymlink.
	ReadDir(dir string) ([]DirEntry, error)
	// ReadFile returns a file's content.
	ReadFile(path string) ([]byte, error)
	// Resolve follows the symlink at path and returns the slash path, relative to
	// the root, that it finally points to, with every intermediate link resolved
	// (so two routes to one file give one target), its type and size.
	//
	// ok is false when the target is outside the root or does not exist:
	//   - outside the root: err is nil, target is "", and typ is the target's type
	//     when the implementation can tell it cheaply (TypeOther otherwise);
	//   - missing (a broken link): err wraps fs.ErrNotExist;
	//   - endless: err wraps ErrSymlinkLoop.
	// Any other err is a failure to read the link.
	Resolve(path string) (target string, typ EntryType, size int64, ok bool, err error)
}
