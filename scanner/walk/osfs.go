package walk

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// OSFS is a folder on disk. Reads go through an os.Root, so even a path that
// passes through symlinks cannot read outside the folder.
//
// os.Root resolves a path one component at a time, with an openat (and a close)
// for each folder on the way, and a scan reads every file: ReadDir therefore
// keeps the last few folders it listed open, each as an os.Root of its own, and
// ReadFile reads a file of one of them by its name alone. That is the same file:
// the folder was reached through the root, and its own root confines links to
// the folder. Anything it does not serve (a link out of its folder, a folder
// already closed, any error) is read through the root as before, so the result
// and the error are what a read through the root gives.
type OSFS struct {
	root     *os.Root
	dir      string // absolute path as given
	realRoot string // dir with every symlink resolved

	mu sync.Mutex
	// open holds recently listed folders by walk path, oldest first in order.
	open  map[string]*os.Root
	order []string
}

// maxOpenFolders bounds the folder handles an OSFS keeps: the walk lists folders
// depth first and the workers read their files just after, so a few suffice.
const maxOpenFolders = 16

var _ FS = (*OSFS)(nil)

// NewOSFS opens the folder root for reading. It fails if root does not exist or
// is not a folder. Close releases the folder handle; a forgotten OSFS is released
// by the garbage collector.
func NewOSFS(root string) (FS, error) {
	return openOSFS(root)
}

func openOSFS(root string) (*OSFS, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("open folder %s: %w", root, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("open folder %s: %w", root, causeOf(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("open folder %s: not a folder", root)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("open folder %s: %w", root, causeOf(err))
	}
	r, err := os.OpenRoot(real)
	if err != nil {
		return nil, fmt.Errorf("open folder %s: %w", root, causeOf(err))
	}
	return &OSFS{root: r, dir: abs, realRoot: real, open: map[string]*os.Root{}}, nil
}

// Close releases the folder handles.
func (o *OSFS) Close() error {
	o.mu.Lock()
	for _, sub := range o.open {
		sub.Close()
	}
	o.open, o.order = map[string]*os.Root{}, nil
	o.mu.Unlock()
	return o.root.Close()
}

// Dir is the absolute path of the folder.
func (o *OSFS) Dir() string { return o.dir }

// ReadDir lists dir without following the links in it.
func (o *OSFS) ReadDir(dir string) ([]DirEntry, error) {
	if dir == "" {
		return o.list(o.root)
	}
	sub, err := o.openDir(dir)
	if err != nil {
		return nil, err
	}
	out, err := o.list(sub)
	if err != nil {
		sub.Close()
		return nil, err
	}
	o.keepOpen(dir, sub)
	return out, nil
}

// openDir opens the folder dir as a root of its own. The walk lists a folder
// just after its parent, which is then still open: opening the last component
// from there costs one openat, where going through the root costs one per
// component. The parent's root confines the name to the parent, so anything it
// refuses (a link to elsewhere in the tree) is opened through the root.
func (o *OSFS) openDir(dir string) (*os.Root, error) {
	if i := strings.LastIndexByte(dir, '/'); i > 0 {
		o.mu.Lock()
		parent := o.open[dir[:i]]
		o.mu.Unlock()
		if parent != nil {
			if sub, err := parent.OpenRoot(dir[i+1:]); err == nil {
				return sub, nil
			}
		}
	}
	return o.root.OpenRoot(osName(dir))
}

// keepOpen remembers the folder dir for ReadFile, closing the oldest one kept
// when there are too many. Closing a root that a read is using is safe: os.Root
// closes it when the read is done, and later reads fall back to the root.
func (o *OSFS) keepOpen(dir string, sub *os.Root) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if old, ok := o.open[dir]; ok {
		old.Close()
	} else {
		o.order = append(o.order, dir)
	}
	o.open[dir] = sub
	for len(o.order) > maxOpenFolders {
		oldest := o.order[0]
		o.order = o.order[1:]
		o.open[oldest].Close()
		delete(o.open, oldest)
	}
}

func (o *OSFS) list(r *os.Root) ([]DirEntry, error) {
	f, err := r.Open(".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	list, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	out := make([]DirEntry, 0, len(list))
	for _, e := range list {
		de := DirEntry{Name: e.Name()}
		switch mode := e.Type(); {
		case mode.IsDir():
			de.Type = TypeDir
		case mode&fs.ModeSymlink != 0:
			de.Type = TypeSymlink
		case mode.IsRegular():
			de.Type = TypeFile
			// A file removed since the listing keeps size 0; reading it will
			// report the problem.
			if info, err := e.Info(); err == nil {
				de.Size = info.Size()
				de.Stamp = stampOf(info)
			}
		default:
			de.Type = TypeOther
		}
		out = append(out, de)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ReadFile reads a file; links on the way are followed only inside the folder.
func (o *OSFS) ReadFile(p string) ([]byte, error) {
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		o.mu.Lock()
		sub := o.open[p[:i]]
		o.mu.Unlock()
		if sub != nil {
			if data, err := sub.ReadFile(p[i+1:]); err == nil {
				return data, nil
			}
		}
	}
	return o.root.ReadFile(osName(p))
}

// ReadFileInto is ReadFile reading into buf's storage, which the result shares
// when it is large enough: a caller that reads many files one after another
// (a scan worker) then allocates no buffer per file. The result is valid until
// buf's storage is used again. It opens the file as ReadFile does, and reads it
// through the root again after any failure, so its errors are ReadFile's.
func (o *OSFS) ReadFileInto(p string, buf []byte) ([]byte, error) {
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		o.mu.Lock()
		sub := o.open[p[:i]]
		o.mu.Unlock()
		if sub != nil {
			if f, err := sub.Open(p[i+1:]); err == nil {
				data, err := readAll(f, buf)
				f.Close()
				if err == nil {
					return data, nil
				}
			}
		}
	}
	f, err := o.root.Open(osName(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, buf)
}

// readAll reads f to its end into buf's storage, growing it as needed.
func readAll(f *os.File, buf []byte) ([]byte, error) {
	size := 0
	if info, err := f.Stat(); err == nil && info.Size() < 1<<40 {
		size = int(info.Size())
	}
	// One byte more than the size, so the end is seen without growing.
	if cap(buf) < size+1 {
		buf = make([]byte, 0, size+512)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Resolve follows the link at p with filepath.EvalSymlinks and checks that the
// result lies inside the folder's own resolved path.
func (o *OSFS) Resolve(p string) (string, EntryType, int64, bool, error) {
	full := filepath.Join(o.realRoot, filepath.FromSlash(p))
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if o.leavesRoot(full) {
				return "", TypeOther, 0, false, nil
			}
			return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, fs.ErrNotExist)
		}
		// EvalSymlinks reports an endless chain only in words; stat tells it
		// apart from other failures.
		if _, serr := os.Stat(full); errors.Is(serr, syscall.ELOOP) {
			return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, ErrSymlinkLoop)
		}
		return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, causeOf(err))
	}
	rel, err := filepath.Rel(o.realRoot, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		typ := TypeOther
		if info, err := os.Stat(real); err == nil {
			typ = typeOf(info.Mode())
		}
		return "", typ, 0, false, nil
	}
	info, err := os.Lstat(real)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, fs.ErrNotExist)
		}
		return "", TypeOther, 0, false, fmt.Errorf("resolve %s: %w", p, causeOf(err))
	}
	target := filepath.ToSlash(rel)
	if target == "." {
		target = ""
	}
	typ := typeOf(info.Mode())
	var size int64
	if typ == TypeFile {
		size = info.Size()
	}
	return target, typ, size, true, nil
}

// leavesRoot reports whether the link at full names a place outside the folder on
// its face, so a link out of the folder is reported as such even when its target
// is missing.
func (o *OSFS) leavesRoot(full string) bool {
	target, err := os.Readlink(full)
	if err != nil {
		return false
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(full), target)
	}
	rel, err := filepath.Rel(o.realRoot, filepath.Clean(target))
	return err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func typeOf(mode fs.FileMode) EntryType {
	switch {
	case mode.IsDir():
		return TypeDir
	case mode.IsRegular():
		return TypeFile
	case mode&fs.ModeSymlink != 0:
		return TypeSymlink
	}
	return TypeOther
}

// osName turns a walk path into a name for os.Root, where "." is the root.
func osName(p string) string {
	if p == "" {
		return "."
	}
	return filepath.FromSlash(p)
}

func causeOf(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
