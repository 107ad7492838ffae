package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// These functions serve `frameshift cache stats|prune|clean`. They take the folder
// rather than a Store so that they work on a cache that cannot be opened for
// writing, and they only ever touch what this package creates there: version
// folders (v1, v2, ...) and what is inside them, and the CACHEDIR.TAG, because
// FRAMESHIFT_CACHE_DIR may point at a folder that holds other things.

// staleTempAge is how old a temporary pack must be before Prune deletes it: a
// younger one may belong to a run that is writing it right now.
const staleTempAge = time.Hour

// Stats describes a cache folder's contents.
type Stats struct {
	Dir string
	// Entries counts distinct keys in the current format's good packs; Bytes is
	// their size on disk with that of the compiled rule catalogs and stamp
	// indexes; Packs is the number of packs.
	Entries int
	Bytes   int64
	Packs   int
	// StaleFiles and StaleBytes count what Prune removes whatever the budget:
	// other format versions, corrupt packs and leftover temporary files.
	StaleFiles int
	StaleBytes int64
	// Oldest and Newest are the modification times of the good packs (zero when
	// there are none): a pack's time moves forward when a scan uses it.
	Oldest, Newest time.Time
}

// Removed says what Prune or Clean deleted.
type Removed struct {
	Files int
	Bytes int64
}

// fileInfo is one file of the cache folder.
type fileInfo struct {
	path  string
	size  int64
	mtime time.Time
	// stale is a file of another format version, or a corrupt pack.
	stale bool
	// temp is a pack being written, or left by a run that was killed.
	temp bool
	// keys of a good pack.
	keys []string
	// side is a compiled rule catalog or a stamp index, not a pack.
	side bool
}

// Stat describes the cache in dir. A folder that does not exist is an empty cache.
func Stat(dir string) (Stats, error) {
	st := Stats{Dir: dir}
	files, err := list(dir)
	if err != nil {
		return st, err
	}
	keys := map[string]bool{}
	for _, f := range files {
		if f.stale || f.temp {
			st.StaleFiles++
			st.StaleBytes += f.size
			continue
		}
		st.Bytes += f.size
		if f.side {
			continue
		}
		st.Packs++
		for _, k := range f.keys {
			keys[k] = true
		}
		if st.Oldest.IsZero() || f.mtime.Before(st.Oldest) {
			st.Oldest = f.mtime
		}
		if f.mtime.After(st.Newest) {
			st.Newest = f.mtime
		}
	}
	st.Entries = len(keys)
	return st, nil
}

// Prune deletes other format versions, corrupt packs and temporary packs older
// than an hour, then the least recently used packs until the rest fit in budget
// bytes.
func Prune(dir string, budget int64) (Removed, error) {
	var rm Removed
	if budget < 0 {
		return rm, fmt.Errorf("prune cache %s: negative size budget %d", dir, budget)
	}
	files, err := list(dir)
	if err != nil {
		return rm, err
	}
	var good []fileInfo
	var total int64
	var errs []error
	for _, f := range files {
		switch {
		case f.temp && time.Since(f.mtime) < staleTempAge:
		case f.stale || f.temp:
			errs = append(errs, rm.remove(f))
		default:
			good = append(good, f)
			total += f.size
		}
	}
	sort.Slice(good, func(i, j int) bool { return good[i].mtime.Before(good[j].mtime) })
	for _, f := range good {
		if total <= budget {
			break
		}
		if err := rm.remove(f); err != nil {
			errs = append(errs, err)
			continue
		}
		total -= f.size
	}
	removeStaleDirs(dir)
	if err := errors.Join(errs...); err != nil {
		return rm, fmt.Errorf("prune cache %s: %w", dir, err)
	}
	return rm, nil
}

// Clean deletes every pack and the CACHEDIR.TAG, and leaves dir itself.
func Clean(dir string) (Removed, error) {
	var rm Removed
	files, err := list(dir)
	if err != nil {
		return rm, err
	}
	var errs []error
	for _, f := range files {
		errs = append(errs, rm.remove(f))
	}
	removeStaleDirs(dir)
	if err := os.Remove(filepath.Join(dir, tagFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return rm, fmt.Errorf("clean cache %s: %w", dir, err)
	}
	return rm, nil
}

func (rm *Removed) remove(f fileInfo) error {
	if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	rm.Files++
	rm.Bytes += f.size
	return nil
}

// list returns every file this package may have created under dir, reading the
// index of each pack of the current format to tell good packs from corrupt ones.
func list(dir string) ([]fileInfo, error) {
	versions, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read cache %s: %w", dir, err)
	}
	var out []fileInfo
	for _, v := range versions {
		ver, ok := parseVersionDir(v.Name())
		if !ok || !v.IsDir() {
			continue
		}
		vdir := filepath.Join(dir, v.Name())
		err := filepath.WalkDir(vdir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil // removed by a concurrent prune
				}
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			f := fileInfo{path: p, size: info.Size(), mtime: info.ModTime()}
			switch {
			case ver != formatVersion:
				f.stale = true
			case strings.HasPrefix(d.Name(), tempPrefix):
				f.temp = true
			case filepath.Dir(p) == filepath.Join(vdir, catalogDir) && strings.HasSuffix(d.Name(), ".gob"),
				filepath.Dir(p) == filepath.Join(vdir, stampsDir) && strings.HasSuffix(d.Name(), ".idx"):
				// A compiled catalog or a stamp index: its own checksum guards
				// it when read.
				f.side = true
			case filepath.Dir(p) != filepath.Join(vdir, packsDir) || !strings.HasSuffix(d.Name(), packExt):
				f.stale = true
			default:
				pr, err := openPack(p)
				if err != nil {
					f.stale = true
					break
				}
				for _, e := range pr.entries {
					f.keys = append(f.keys, e.key)
				}
				_ = pr.f.Close()
			}
			out = append(out, f)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read cache %s: %w", vdir, err)
		}
	}
	return out, nil
}

func parseVersionDir(name string) (uint16, bool) {
	digits, ok := strings.CutPrefix(name, "v")
	if !ok || digits == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, 10, 16)
	if err != nil {
		return 0, false
	}
	return uint16(n), true
}

// removeStaleDirs removes the folders of other format versions once pruning has
// emptied them. os.Remove refuses a folder that is not empty, which makes this
// safe against a concurrent writer.
func removeStaleDirs(dir string) {
	versions, _ := os.ReadDir(dir)
	for _, v := range versions {
		ver, ok := parseVersionDir(v.Name())
		if !ok || !v.IsDir() || ver == formatVersion {
			continue
		}
		removeEmpty(filepath.Join(dir, v.Name()))
	}
}

// removeEmpty removes empty folders bottom-up.
func removeEmpty(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.IsDir() {
			removeEmpty(filepath.Join(dir, e.Name()))
		}
	}
	_ = os.Remove(dir)
}

// compact merges the packs named into one, newest copy of each key first, and
// deletes them. A pack that fails verification is dropped. Another run may be
// reading a merged pack: on Unix its open file stays readable after the delete,
// and elsewhere the delete fails and the next compaction retries it.
func compact(packsPath string, names []string) (string, error) {
	type entry struct {
		pr  *packReader
		loc indexEntry
	}
	latest := map[string]entry{}
	var order []string
	var readers []*packReader
	defer func() {
		for _, pr := range readers {
			_ = pr.f.Close()
		}
	}()
	for _, name := range names {
		pr, err := openPack(filepath.Join(packsPath, name))
		if err != nil {
			continue
		}
		readers = append(readers, pr)
		for _, e := range pr.entries {
			if _, seen := latest[e.key]; !seen {
				order = append(order, e.key)
			}
			latest[e.key] = entry{pr, e}
		}
	}
	w, err := newPackWriter(packsPath)
	if err != nil {
		return "", err
	}
	for _, key := range order {
		e := latest[key]
		data, err := location{pack: e.pr, off: e.loc.off, size: e.loc.size}.read()
		if err != nil {
			continue
		}
		if _, err := openEntry(key, data); err != nil {
			continue
		}
		if err := w.add(key, data); err != nil {
			w.abort()
			return "", err
		}
	}
	merged, err := w.finish(packsPath)
	if err != nil {
		return "", err
	}
	for _, name := range names {
		_ = os.Remove(filepath.Join(packsPath, name))
	}
	return merged, nil
}
