package walk

import "context"

// DefaultMaxFileSize is the default cap on one file's size: 5 MiB.
const DefaultMaxFileSize = 5 << 20

// Options control a walk.
type Options struct {
	// Include and Exclude are doublestar globs matched against slash paths relative
	// to the root (e.g. "src/**", "**/test_*.py"). With Include set, only matching
	// files are visited. Exclude wins over Include. An Exclude glob that matches a
	// folder (or a glob "dir/**" whose "dir" part matches it) leaves out the whole
	// folder, reported once.
	Include []string
	Exclude []string
	// MaxFileSize skips files larger than this many bytes; 0 means DefaultMaxFileSize,
	// a negative value means no cap.
	MaxFileSize int64
	// NoIgnore disables .gitignore handling (and .git/info/exclude). The built-in
	// vendored-folder rules still apply.
	NoIgnore bool
	// Select reports whether a file is a candidate at all (a .py file, a notebook, a
	// manifest). Non-candidates are neither visited nor reported as skipped. Nil
	// selects every file.
	Select func(path string) bool
	// IgnoreMemo, when set, is shared by walks of trees with the same ignore
	// files (the commits of a history), to decide each path once.
	IgnoreMemo *IgnoreMemo
}

// File is a file to analyse.
type File struct {
	Path string
	Size int64
	// ID is the content identity from DirEntry.ID, if any. For a file reached
	// through a symlink it is the identity of the link's target.
	ID string
	// Stamp is the file's metadata from the listing, when the tree has it.
	Stamp Stamp
}

// Skip codes, stable across releases: reports and CI policies key on them.
const (
	CodeIgnored    = "ignored"
	CodeExcluded   = "excluded"
	CodeVendored   = "vendored"
	CodeSize       = "size"
	CodeSymlink    = "symlink"
	CodeUnreadable = "unreadable"
	CodeOther      = "other"
)

// Skipped is a file or folder left out, with a stable code and a readable reason.
// Codes: ignored (.gitignore), excluded (--exclude / not --include), vendored
// (virtualenvs, site-packages, node_modules, build, dist, .git, caches), size,
// symlink (outside the root, broken, a loop, or a duplicate reached through a
// link), unreadable, other (devices, submodules). Folder paths end in "/".
type Skipped struct {
	Path   string
	Code   string
	Reason string
}

// Walk visits every candidate file under the root of fsys in a deterministic
// (sorted, depth-first) order, calling visit for files to analyse and skip for
// what it leaves out. Folders skipped wholesale are reported once, as a folder
// path ending in "/", not file by file. It stops early if ctx is cancelled or a
// callback returns an error. Problems with one file or folder (unreadable, a bad
// link, a malformed .gitignore) become skips and never stop the walk; Walk only
// fails when the options are invalid, the root cannot be listed, or it is stopped.
// skip may be nil.
func Walk(ctx context.Context, fsys FS, opts Options, visit func(File) error, skip func(Skipped)) error {
	w, err := newWalker(ctx, fsys, opts, visit, skip)
	if err != nil {
		return err
	}
	return w.run()
}
