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
// folders (v1, v2, ...), their entries, temporary files and the CACHEDIR.TAG,
// because FRAMESHIFT_CACHE_DIR may point at a folder that holds other things.

// staleTempAge is how old a temporary file must be before Prune deletes it: a
// younger one may belong to a run that is writing it right now.
const staleTempAge = time.Hour

// Stats describes a cache folder's contents.
type Stats struct {
	Dir string
	// Entries and Bytes count the entries of the current format.
	Entries int
	Bytes   int64
	// StaleEntries and StaleBytes count what Prune would remove whatever the
	// budget: entries of other format versions and leftover temporary files.
	StaleEntries int
	StaleBytes   int64
	// Oldest and Newest are the modification times of the current entries (zero
	// when there are none).
	Oldest, Newest time.Time
}

// Removed says what Prune or Clean deleted.
type Removed struct {
	Entries int
	Bytes   int64
}

type entryInfo struct {
	path  string
	size  int64
	mtime time.Time
	stale bool
	temp  bool
}

// Stat counts the entries under dir. A folder that does not exist is an empty cache.
func Stat(dir string) (Stats, error) {
	st := Stats{Dir: dir}
	entries, err := list(dir)
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		if e.stale || e.temp {
			st.StaleEntries++
			st.StaleBytes += e.size
			continue
		}
		st.Entries++
		st.Bytes += e.size
		if st.Oldest.IsZero() || e.mtime.Before(st.Oldest) {
			st.Oldest = e.mtime
		}
		if e.mtime.After(st.Newest) {
			st.Newest = e.mtime
		}
	}
	return st, nil
}

// Prune deletes entries of other format versions and temporary files older than
// an hour, then the least recently used entries until the rest fit in budget bytes.
func Prune(dir string, budget int64) (Removed, error) {
	var rm Removed
	if budget < 0 {
		return rm, fmt.Errorf("prune cache %s: negative size budget %d", dir, budget)
	}
	entries, err := list(dir)
	if err != nil {
		return rm, err
	}
	var current []entryInfo
	var total int64
	var errs []error
	for _, e := range entries {
		switch {
		case e.temp && time.Since(e.mtime) < staleTempAge:
		case e.stale || e.temp:
			errs = append(errs, rm.remove(e))
		default:
			current = append(current, e)
			total += e.size
		}
	}
	if total > budget {
		sort.Slice(current, func(i, j int) bool { return current[i].mtime.Before(current[j].mtime) })
		for _, e := range current {
			if total <= budget {
				break
			}
			if err := rm.remove(e); err != nil {
				errs = append(errs, err)
				continue
			}
			total -= e.size
		}
	}
	removeEmptyDirs(dir)
	if err := errors.Join(errs...); err != nil {
		return rm, fmt.Errorf("prune cache %s: %w", dir, err)
	}
	return rm, nil
}

// Clean deletes every entry and the CACHEDIR.TAG, and leaves dir itself.
func Clean(dir string) (Removed, error) {
	var rm Removed
	entries, err := list(dir)
	if err != nil {
		return rm, err
	}
	var errs []error
	for _, e := range entries {
		errs = append(errs, rm.remove(e))
	}
	removeEmptyDirs(dir)
	if err := os.Remove(filepath.Join(dir, tagFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return rm, fmt.Errorf("clean cache %s: %w", dir, err)
	}
	return rm, nil
}

func (rm *Removed) remove(e entryInfo) error {
	if err := os.Remove(e.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	rm.Entries++
	rm.Bytes += e.size
	return nil
}

// list returns every file this package may have created under dir.
func list(dir string) ([]entryInfo, error) {
	versions, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read cache %s: %w", dir, err)
	}
	var out []entryInfo
	for _, v := range versions {
		ver, ok := parseVersionDir(v.Name())
		if !ok || !v.IsDir() {
			continue
		}
		stale := ver != formatVersion
		vdir := filepath.Join(dir, v.Name())
		shards, err := os.ReadDir(vdir)
		if err != nil {
			return nil, fmt.Errorf("read cache %s: %w", vdir, err)
		}
		for _, sh := range shards {
			if !sh.IsDir() {
				if strings.HasPrefix(sh.Name(), tempPrefix) || strings.HasPrefix(sh.Name(), ".probe-") {
					out = appendInfo(out, vdir, sh, true, true)
				}
				continue
			}
			sdir := filepath.Join(vdir, sh.Name())
			files, err := os.ReadDir(sdir)
			if err != nil {
				return nil, fmt.Errorf("read cache %s: %w", sdir, err)
			}
			for _, f := range files {
				if !f.Type().IsRegular() {
					continue
				}
				out = appendInfo(out, sdir, f, stale, strings.HasPrefix(f.Name(), tempPrefix))
			}
		}
	}
	return out, nil
}

func appendInfo(out []entryInfo, dir string, d fs.DirEntry, stale, temp bool) []entryInfo {
	info, err := d.Info()
	if err != nil {
		// Deleted since ReadDir, most likely by a concurrent prune.
		return out
	}
	return append(out, entryInfo{path: filepath.Join(dir, d.Name()), size: info.Size(), mtime: info.ModTime(), stale: stale, temp: temp})
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

// removeEmptyDirs tidies shard and version folders that pruning emptied, so that
// stale versions disappear entirely. os.Remove refuses non-empty folders, which
// makes this safe against a concurrent writer.
func removeEmptyDirs(dir string) {
	versions, _ := os.ReadDir(dir)
	for _, v := range versions {
		ver, ok := parseVersionDir(v.Name())
		if !ok || !v.IsDir() {
			continue
		}
		vdir := filepath.Join(dir, v.Name())
		shards, _ := os.ReadDir(vdir)
		for _, sh := range shards {
			if sh.IsDir() {
				_ = os.Remove(filepath.Join(vdir, sh.Name()))
			}
		}
		if ver != formatVersion {
			_ = os.Remove(vdir)
		}
	}
}
