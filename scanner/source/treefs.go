package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/frameshift/frameshift/scanner/walk"
)

// maxSymlinkHops bounds link chains, as the kernel's own limit (40 on Linux) does.
const maxSymlinkHops = 40

// maxLinkTarget bounds the content read from a symlink blob; longer targets are
// not valid paths on any system git runs on.
const maxLinkTarget = 4096

// errOutside marks a path that leaves the tree's root.
var errOutside = errors.New("points outside the tree")

// TreeFS is a walk.FS over a git tree, read straight from the object store with
// no checkout. Folder listings are cached; every read of the object store is
// serialized, since go-git's stores are not documented as safe for concurrent use.
// Two TreeFS over one repository each hold their own lock, unless they share a
// TreeCache, so callers reading several commits at once should do so from one
// goroutine, share a TreeCache, or open the repository once per goroutine.
type TreeFS struct {
	mu    *sync.Mutex
	store storer.EncodedObjectStorer
	dirs  map[string]*treeDir // by real path ("" is the root)
	// shared, when set, holds folders by tree hash across TreeFS values.
	shared *TreeCache
}

// TreeCache lets the TreeFS values of several commits of one repository share
// the folders they have in common. A folder's listing, sizes and blob ids
// included, depends only on its tree's hash, and consecutive commits change few
// folders: history reads each distinct folder once instead of once per commit,
// where listing a folder costs an object-size lookup per file. TreeFS values
// that share a cache share its lock.
type TreeCache struct {
	mu    sync.Mutex
	trees map[plumbing.Hash]*treeDir
}

// NewTreeCache returns an empty cache for one repository's trees.
func NewTreeCache() *TreeCache {
	return &TreeCache{trees: map[plumbing.Hash]*treeDir{}}
}

// TreeFS reads the tree of commit in repo, sharing folders with the other
// TreeFS values of this cache. repo must be the same for all of them.
func (c *TreeCache) TreeFS(repo *git.Repository, commit plumbing.Hash) (walk.FS, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	tree, err := commitTree(repo, commit, "")
	if err != nil {
		return nil, err
	}
	t := &TreeFS{mu: &c.mu, store: repo.Storer, dirs: map[string]*treeDir{}, shared: c}
	t.dirs[""] = c.dir(tree)
	return t, nil
}

// dir returns the cached folder of tree, adding it on first use.
func (c *TreeCache) dir(tree *object.Tree) *treeDir {
	if d, ok := c.trees[tree.Hash]; ok {
		return d
	}
	d := newTreeDir(tree)
	c.trees[tree.Hash] = d
	return d
}

var _ walk.FS = (*TreeFS)(nil)

// treeDir is one folder of the tree, with its listing computed on first use.
type treeDir struct {
	tree    *object.Tree
	byName  map[string]object.TreeEntry
	listing []walk.DirEntry
}

// NewTreeFS reads the tree of commit in repo.
func NewTreeFS(repo *git.Repository, commit plumbing.Hash) (walk.FS, error) {
	return newTreeFSAt(repo, commit, "")
}

// newTreeFSAt reads the folder sub (a slash path, "" for the top) of commit's tree.
func newTreeFSAt(repo *git.Repository, commit plumbing.Hash, sub string) (*TreeFS, error) {
	tree, err := commitTree(repo, commit, sub)
	if err != nil {
		return nil, err
	}
	return NewTreeFSFromTree(repo.Storer, tree), nil
}

// commitTree reads the tree of the folder sub of commit.
func commitTree(repo *git.Repository, commit plumbing.Hash, sub string) (*object.Tree, error) {
	if repo == nil {
		return nil, errors.New("read git tree: no repository given")
	}
	c, err := repo.CommitObject(commit)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", commit, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read the tree of commit %s: %w", commit, err)
	}
	if sub != "" {
		if tree, err = tree.Tree(sub); err != nil {
			return nil, fmt.Errorf("folder %s at commit %s: %w", sub, commit, fs.ErrNotExist)
		}
	}
	return tree, nil
}

// NewTreeFSFromTree serves tree, whose objects live in store.
func NewTreeFSFromTree(store storer.EncodedObjectStorer, tree *object.Tree) *TreeFS {
	t := &TreeFS{mu: &sync.Mutex{}, store: store, dirs: map[string]*treeDir{}}
	t.dirs[""] = newTreeDir(tree)
	return t
}

func newTreeDir(tree *object.Tree) *treeDir {
	d := &treeDir{tree: tree, byName: make(map[string]object.TreeEntry, len(tree.Entries))}
	for _, e := range tree.Entries {
		d.byName[e.Name] = e
	}
	return d
}

// ReadDir lists a folder sorted by name. Sizes come from object headers, so no
// blob is read to size it.
func (t *TreeFS) ReadDir(dir string) ([]walk.DirEntry, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	real, err := t.resolveDir(dir)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
	}
	d, err := t.dirAt(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: dir, Err: err}
	}
	if d.listing == nil {
		d.listing = t.list(d.tree)
	}
	return append([]walk.DirEntry(nil), d.listing...), nil
}

func (t *TreeFS) list(tree *object.Tree) []walk.DirEntry {
	out := make([]walk.DirEntry, 0, len(tree.Entries))
	for _, e := range tree.Entries {
		de := walk.DirEntry{Name: e.Name}
		switch {
		case e.Mode == filemode.Dir:
			de.Type = walk.TypeDir
		case e.Mode == filemode.Symlink:
			de.Type = walk.TypeSymlink
		case e.Mode.IsFile():
			de.Type = walk.TypeFile
			de.ID = e.Hash.String()
			// A missing object (a damaged or partial clone) leaves the size
			// unknown; reading the file reports the problem.
			if size, err := t.store.EncodedObjectSize(e.Hash); err == nil {
				de.Size = size
			}
		default:
			de.Type = walk.TypeOther
		}
		out = append(out, de)
	}
	// Git orders a folder "a" as "a/", so its order is not plain byte order.
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ReadFile reads a file's blob, following links inside the tree.
func (t *TreeFS) ReadFile(p string) ([]byte, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	_, e, err := t.lookup(p, true)
	if err == nil && !e.Mode.IsFile() {
		err = errors.New("not a file")
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: p, Err: err}
	}
	data, err := t.readBlob(e.Hash, -1)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: p, Err: err}
	}
	return data, nil
}

// Resolve follows the link at p. A link's blob holds its target; a target that is
// absolute or climbs above the root points outside the tree.
func (t *TreeFS) Resolve(p string) (string, walk.EntryType, int64, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	real, e, err := t.lookup(p, true)
	switch {
	case errors.Is(err, errOutside):
		return "", walk.TypeOther, 0, false, nil
	case err != nil:
		return "", walk.TypeOther, 0, false, &fs.PathError{Op: "resolve", Path: p, Err: err}
	}
	switch {
	case real == "" || e.Mode == filemode.Dir:
		return real, walk.TypeDir, 0, true, nil
	case e.Mode.IsFile():
		size, err := t.store.EncodedObjectSize(e.Hash)
		if err != nil {
			return "", walk.TypeOther, 0, false, &fs.PathError{Op: "resolve", Path: p, Err: err}
		}
		return real, walk.TypeFile, size, true, nil
	}
	return real, walk.TypeOther, 0, true, nil
}

// resolveDir returns the real path of the folder at p.
func (t *TreeFS) resolveDir(p string) (string, error) {
	real, e, err := t.lookup(p, true)
	if err != nil {
		return "", err
	}
	if real != "" && e.Mode != filemode.Dir {
		return "", errors.New("not a folder")
	}
	return real, nil
}

// lookup walks p one name at a time from the root, replacing each link met on
// the way (and the last name's, when followLast) by its target. It returns the
// real path, with no link left in it, and the entry found there (zero for the
// root).
func (t *TreeFS) lookup(p string, followLast bool) (string, object.TreeEntry, error) {
	pending := splitSlash(p)
	var real []string
	var entry object.TreeEntry
	hops := 0
	for len(pending) > 0 {
		name := pending[0]
		pending = pending[1:]
		switch name {
		case "", ".":
			continue
		case "..":
			if len(real) == 0 {
				return "", object.TreeEntry{}, errOutside
			}
			real = real[:len(real)-1]
			entry = object.TreeEntry{Mode: filemode.Dir}
			continue
		}
		d, err := t.dirAt(strings.Join(real, "/"))
		if err != nil {
			return "", object.TreeEntry{}, err
		}
		e, ok := d.byName[name]
		if !ok {
			return "", object.TreeEntry{}, fs.ErrNotExist
		}
		if e.Mode == filemode.Symlink && (len(pending) > 0 || followLast) {
			if hops++; hops > maxSymlinkHops {
				return "", object.TreeEntry{}, walk.ErrSymlinkLoop
			}
			target, err := t.readBlob(e.Hash, maxLinkTarget)
			if err != nil {
				return "", object.TreeEntry{}, err
			}
			if path.IsAbs(string(target)) {
				return "", object.TreeEntry{}, errOutside
			}
			pending = append(splitSlash(string(target)), pending...)
			continue
		}
		if len(pending) > 0 && e.Mode != filemode.Dir {
			return "", object.TreeEntry{}, fs.ErrNotExist
		}
		real = append(real, name)
		entry = e
	}
	return strings.Join(real, "/"), entry, nil
}

// dirAt returns the folder at a real path, loading it on first use.
func (t *TreeFS) dirAt(real string) (*treeDir, error) {
	if d, ok := t.dirs[real]; ok {
		return d, nil
	}
	parentPath, name := "", real
	if i := strings.LastIndexByte(real, '/'); i >= 0 {
		parentPath, name = real[:i], real[i+1:]
	}
	parent, err := t.dirAt(parentPath)
	if err != nil {
		return nil, err
	}
	e, ok := parent.byName[name]
	if !ok || e.Mode != filemode.Dir {
		return nil, fs.ErrNotExist
	}
	if t.shared != nil {
		if d, ok := t.shared.trees[e.Hash]; ok {
			t.dirs[real] = d
			return d, nil
		}
	}
	tree, err := object.GetTree(t.store, e.Hash)
	if err != nil {
		return nil, err
	}
	var d *treeDir
	if t.shared != nil {
		d = t.shared.dir(tree)
	} else {
		d = newTreeDir(tree)
	}
	t.dirs[real] = d
	return d, nil
}

// readBlob reads a blob, at most limit bytes when limit >= 0 (more is an error).
func (t *TreeFS) readBlob(h plumbing.Hash, limit int64) ([]byte, error) {
	if limit >= 0 {
		size, err := t.store.EncodedObjectSize(h)
		if err != nil {
			return nil, err
		}
		if size > limit {
			return nil, fmt.Errorf("symlink target longer than %d bytes", limit)
		}
	}
	blob, err := object.GetBlob(t.store, h)
	if err != nil {
		return nil, err
	}
	r, err := blob.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

func splitSlash(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}
