package walk

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// walker holds the state of one walk. A folder is known by two paths: the walk
// path, which the user sees (through any link), and the real path, with every
// link resolved, which identifies it for loop and duplicate detection.
type walker struct {
	ctx     context.Context
	fsys    FS
	visit   func(File) error
	skipFn  func(Skipped)
	selectF func(string) bool
	maxSize int64
	globs   globs
	ignore  *ignoreStack

	// active holds the real paths of the folders on the current descent; meeting
	// one again through a link is a loop.
	active map[string]bool
	// seenDirs and seenFiles map a real path to the walk path it was first met at.
	seenDirs  map[string]string
	seenFiles map[string]string
	// targetDirs caches the listings read to find a link target's identity.
	targetDirs map[string][]DirEntry
}

func newWalker(ctx context.Context, fsys FS, opts Options, visit func(File) error, skip func(Skipped)) (*walker, error) {
	if fsys == nil {
		return nil, errors.New("walk: no file tree given")
	}
	if visit == nil {
		return nil, errors.New("walk: no visit function given")
	}
	g, err := newGlobs(opts.Include, opts.Exclude)
	if err != nil {
		return nil, err
	}
	maxSize := opts.MaxFileSize
	if maxSize == 0 {
		maxSize = DefaultMaxFileSize
	}
	if skip == nil {
		skip = func(Skipped) {}
	}
	return &walker{
		ctx:        ctx,
		fsys:       fsys,
		visit:      visit,
		skipFn:     skip,
		selectF:    opts.Select,
		maxSize:    maxSize,
		globs:      g,
		ignore:     newIgnoreStack(!opts.NoIgnore, opts.IgnoreMemo),
		active:     map[string]bool{},
		seenDirs:   map[string]string{},
		seenFiles:  map[string]string{},
		targetDirs: map[string][]DirEntry{},
	}, nil
}

func (w *walker) run() error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	entries, err := w.fsys.ReadDir("")
	if err != nil {
		return fmt.Errorf("list the scanned folder: %w", err)
	}
	if hasEntry(entries, ".git", TypeDir) {
		w.loadIgnoreFile(".git/info/exclude", nil)
	}
	w.seenDirs[""] = ""
	return w.dir("", "", entries)
}

func (w *walker) dir(walkPath, realPath string, entries []DirEntry) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.active[realPath] = true
	defer delete(w.active, realPath)
	mark := w.ignore.mark()
	defer w.ignore.reset(mark)
	if hasEntry(entries, ".gitignore", TypeFile) {
		w.loadIgnoreFile(join(walkPath, ".gitignore"), splitPath(walkPath))
	}
	for _, e := range entries {
		if err := w.entry(walkPath, realPath, e); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) entry(parentWalk, parentReal string, e DirEntry) error {
	p := join(parentWalk, e.Name)
	real := join(parentReal, e.Name)
	switch e.Type {
	case TypeDir:
		return w.enterDir(p, real, e.Name)
	case TypeFile:
		return w.file(p, real, e.Size, e.ID, e.Stamp)
	case TypeSymlink:
		return w.symlink(p, real)
	default:
		if w.selected(p) {
			w.skip(p, CodeOther, "not a regular file or folder (a device, socket, pipe or git submodule)")
		}
		return nil
	}
}

// enterDir decides whether to descend into the folder at walk path p, whose real
// path is real, and does so.
func (w *walker) enterDir(p, real, name string) error {
	dirPath := p + "/"
	if reason := vendoredName(name); reason != "" {
		w.skip(dirPath, CodeVendored, reason)
		return nil
	}
	if reason, ok := w.ignore.match(p, true); ok {
		w.skip(dirPath, CodeIgnored, reason)
		return nil
	}
	if reason, ok := w.globs.excludesDir(p); ok {
		w.skip(dirPath, CodeExcluded, reason)
		return nil
	}
	if w.active[real] {
		w.skip(dirPath, CodeSymlink, "symlink loop")
		return nil
	}
	if first, ok := w.seenDirs[real]; ok {
		w.skip(dirPath, CodeSymlink, "already scanned at "+first+"/")
		return nil
	}
	entries, err := w.fsys.ReadDir(real)
	if err != nil {
		w.skip(dirPath, CodeUnreadable, "cannot read folder: "+osCause(err))
		return nil
	}
	if reason := w.virtualenv(real, name, entries); reason != "" {
		w.skip(dirPath, CodeVendored, reason)
		return nil
	}
	w.seenDirs[real] = p
	return w.dir(p, real, entries)
}

func (w *walker) file(p, real string, size int64, id string, stamp Stamp) error {
	if !w.selected(p) {
		return nil
	}
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if reason, ok := w.ignore.match(p, false); ok {
		w.skip(p, CodeIgnored, reason)
		return nil
	}
	if reason, ok := w.globs.excludesFile(p); ok {
		w.skip(p, CodeExcluded, reason)
		return nil
	}
	if w.maxSize > 0 && size > w.maxSize {
		w.skip(p, CodeSize, fmt.Sprintf("larger than the %s cap (%s)", formatSize(w.maxSize), formatSize(size)))
		return nil
	}
	if first, ok := w.seenFiles[real]; ok {
		w.skip(p, CodeSymlink, "duplicate of "+first)
		return nil
	}
	w.seenFiles[real] = p
	return w.visit(File{Path: p, Size: size, ID: id, Stamp: stamp})
}

// symlink follows the link at walk path p (real path real) when it stays inside
// the root. Links that are not followed are reported when they would have led to a
// folder or a candidate file, so that nothing the user cares about goes missing
// without a word.
func (w *walker) symlink(p, real string) error {
	target, typ, size, ok, err := w.fsys.Resolve(real)
	switch {
	case errors.Is(err, ErrSymlinkLoop):
		w.skip(p, CodeSymlink, "symlink loop")
		return nil
	case errors.Is(err, fs.ErrNotExist):
		if w.selected(p) {
			w.skip(p, CodeSymlink, "broken symlink: its target does not exist")
		}
		return nil
	case err != nil:
		if w.selected(p) {
			w.skip(p, CodeSymlink, "cannot resolve symlink: "+osCause(err))
		}
		return nil
	case !ok:
		if typ == TypeDir {
			w.skip(p+"/", CodeSymlink, "points outside the scanned folder")
		} else if w.selected(p) {
			w.skip(p, CodeSymlink, "points outside the scanned folder")
		}
		return nil
	}
	switch typ {
	case TypeDir:
		if reason := vendoredPath(target); reason != "" {
			w.skip(p+"/", CodeVendored, "points into a skipped folder: "+reason)
			return nil
		}
		return w.enterDir(p, target, path.Base(p))
	case TypeFile:
		if !w.selected(p) {
			return nil
		}
		return w.file(p, target, size, w.idOf(target), Stamp{})
	default:
		if w.selected(p) {
			w.skip(p, CodeOther, "symlink to something that is not a regular file or folder")
		}
		return nil
	}
}

// idOf finds the content identity of the file at real path target by listing its
// folder: links are rare, and the identity keys caches, so a link's own blob hash
// must never stand in for its target's.
func (w *walker) idOf(target string) string {
	dir, name := path.Split(target)
	dir = trimSlash(dir)
	entries, ok := w.targetDirs[dir]
	if !ok {
		var err error
		if entries, err = w.fsys.ReadDir(dir); err != nil {
			return ""
		}
		w.targetDirs[dir] = entries
	}
	i := sort.Search(len(entries), func(i int) bool { return entries[i].Name >= name })
	if i < len(entries) && entries[i].Name == name {
		return entries[i].ID
	}
	return ""
}

func (w *walker) selected(p string) bool {
	return w.selectF == nil || w.selectF(p)
}

func (w *walker) skip(p, code, reason string) {
	w.skipFn(Skipped{Path: p, Code: code, Reason: reason})
}

// loadIgnoreFile adds the patterns of one ignore file. A file that cannot be read
// is reported, since the walk may then visit files the user meant to leave out.
func (w *walker) loadIgnoreFile(p string, domain []string) {
	if !w.ignore.enabled {
		return
	}
	data, err := w.fsys.ReadFile(p)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.skip(p, CodeUnreadable, "cannot read ignore file, its rules are not applied: "+osCause(err))
		}
		return
	}
	w.ignore.push(parseIgnoreFile(data, p, domain), p, data)
}

// osCause strips the path from an OS error, so reasons name the cause ("permission
// denied") without the absolute path of a temporary folder.
func osCause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func hasEntry(entries []DirEntry, name string, typ EntryType) bool {
	i := sort.Search(len(entries), func(i int) bool { return entries[i].Name >= name })
	return i < len(entries) && entries[i].Name == name && entries[i].Type == typ
}

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

func trimSlash(dir string) string {
	if len(dir) > 0 && dir[len(dir)-1] == '/' {
		return dir[:len(dir)-1]
	}
	return dir
}
