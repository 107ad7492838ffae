// Package cache stores per-file scan results on disk, addressed by content, so a
// rescan of an unchanged or slightly changed repository analyses only what changed.
//
// The scanner makes the keys: a hash of the tool version, the catalog digest, the
// kind of file and the file's content (or git blob id). This package stores one
// small file per key, in 256 shard folders under a folder named after the entry
// format version:
//
//	<dir>/CACHEDIR.TAG
//	<dir>/v1/3f/3fa2…c9
//
// Writes go to a temporary file in the shard folder and are renamed into place, so
// concurrent runs never see half an entry and need no lock; the last writer of a
// key wins, and all writers of one key write the same bytes. Every entry carries a
// format version and a checksum over the key and payload; an entry that fails
// either is a miss, is never trusted, and is overwritten by the scanner's next Put.
package cache

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frameshift/frameshift/scanner"
)

// EnvDir names the environment variable that overrides the cache folder.
const EnvDir = "FRAMESHIFT_CACHE_DIR"

// refreshAfter is how stale an entry's modification time may get before a hit
// touches it. Prune removes the least recently used entries first; touching on
// every hit would double the system calls of a warm rescan for a precision that
// a size budget does not need.
const refreshAfter = 24 * time.Hour

const tagFile = "CACHEDIR.TAG"

// cacheDirTag marks the folder for backup tools (https://bford.info/cachedir/).
const cacheDirTag = "Signature: 8a477f597d28d172789f06886806bc55\n" +
	"# This file is a cache directory tag created by frameshift.\n" +
	"# For information about cache directory tags see https://bford.info/cachedir/\n"

// Store is an on-disk cache of scan results. It is safe for concurrent use by
// several goroutines and several processes.
type Store struct {
	dir     string
	entries string

	hits, misses, corrupt, writes, writeErrs atomic.Int64

	errMu    sync.Mutex
	firstErr error
}

var _ scanner.Cache = (*Store)(nil)

// DefaultDir returns $FRAMESHIFT_CACHE_DIR when set, else the user's cache folder
// followed by frameshift (~/.cache/frameshift on Linux).
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache folder (set %s to choose one): %w", EnvDir, err)
	}
	return filepath.Join(base, "frameshift"), nil
}

// Open creates dir if needed and checks that entries can be written there. An error
// means the cache cannot be used; the scan should go on without one after a warning.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open cache: no folder given")
	}
	s := &Store{dir: dir, entries: filepath.Join(dir, versionDir(formatVersion))}
	if err := os.MkdirAll(s.entries, 0o700); err != nil {
		return nil, fmt.Errorf("open cache %s: %w", dir, err)
	}
	probe, err := os.CreateTemp(s.entries, ".probe-*")
	if err != nil {
		return nil, fmt.Errorf("open cache %s: folder is not writable: %w", dir, err)
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	tag := filepath.Join(dir, tagFile)
	if _, err := os.Stat(tag); errors.Is(err, fs.ErrNotExist) {
		// Losing a race with another run here is harmless: both write the same text.
		_ = writeAtomic(dir, tag, []byte(cacheDirTag))
	}
	return s, nil
}

// Dir returns the folder the store lives in.
func (s *Store) Dir() string { return s.dir }

func versionDir(v uint16) string { return "v" + strconv.Itoa(int(v)) }

// entryPath maps a key to its file. Keys that are not plain lowercase hex (the
// scanner's are) are hashed first, so no key can name a path outside the store.
func (s *Store) entryPath(key string) string {
	name := key
	if !isHexName(key) {
		name = hashKey(key)
	}
	return filepath.Join(s.entries, name[:2], name)
}

// Get returns the result stored under key. A missing, unreadable, truncated,
// corrupt or foreign entry is a miss.
func (s *Store) Get(key string) (*scanner.CachedFile, bool) {
	p := s.entryPath(key)
	data, mtime, err := readEntry(p)
	if err != nil {
		s.misses.Add(1)
		return nil, false
	}
	cf, err := openEntry(key, data)
	if err != nil {
		s.corrupt.Add(1)
		s.misses.Add(1)
		return nil, false
	}
	if time.Since(mtime) > refreshAfter {
		now := time.Now()
		_ = os.Chtimes(p, now, now)
	}
	s.hits.Add(1)
	return cf, true
}

// readEntry reads a file of bounded size with one open, one fstat and one read.
func readEntry(p string) ([]byte, time.Time, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	size := fi.Size()
	if !fi.Mode().IsRegular() || size < int64(headerSize) || size > maxEntrySize {
		return nil, time.Time{}, errCorrupt
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, time.Time{}, err
	}
	return data, fi.ModTime(), nil
}

// Put stores v under key. A failure to write costs only the cache's benefit: it is
// counted and remembered for Err, never returned, so a full disk or a read-only
// cache folder does not stop a scan.
func (s *Store) Put(key string, v *scanner.CachedFile) {
	if v == nil {
		return
	}
	p := s.entryPath(key)
	err := writeAtomic(filepath.Dir(p), p, sealEntry(key, v))
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(p), 0o700); err == nil {
			err = writeAtomic(filepath.Dir(p), p, sealEntry(key, v))
		}
	}
	if err != nil {
		s.writeErrs.Add(1)
		s.errMu.Lock()
		if s.firstErr == nil {
			s.firstErr = fmt.Errorf("write cache entry in %s: %w", s.dir, err)
		}
		s.errMu.Unlock()
		return
	}
	s.writes.Add(1)
}

// writeAtomic writes data to a temporary file in dir and renames it to p, so a
// reader sees either the old file or the whole new one.
func writeAtomic(dir, p string, data []byte) error {
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// tempPrefix starts the names of files being written; Prune and Clean remove
// stale ones left by a run that was killed mid-write.
const tempPrefix = ".tmp-"

// Err returns the first write error of this store's life, or nil. The CLI prints
// it once, as a warning, after the scan.
func (s *Store) Err() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.firstErr
}

// Counters are this process's cache traffic.
type Counters struct {
	Hits, Misses, Corrupt, Writes, WriteErrors int64
}

// Counters returns the traffic since Open.
func (s *Store) Counters() Counters {
	return Counters{
		Hits: s.hits.Load(), Misses: s.misses.Load(), Corrupt: s.corrupt.Load(),
		Writes: s.writes.Load(), WriteErrors: s.writeErrs.Load(),
	}
}
