// Package cache stores per-file scan results on disk, addressed by content, so a
// rescan of an unchanged or slightly changed repository analyses only what changed.
//
// The scanner makes the keys: a hash of the tool version, the catalog digest, the
// kind of file and the file's content (or git blob id). This package keeps the
// entries in pack files (pack.go) under a folder named after the format version:
//
//	<dir>/CACHEDIR.TAG
//	<dir>/v2/packs/0000018d2a3f4c1e-123456789.pack
//
// Open reads every pack's index into memory; Get reads one entry with one pread;
// Put appends to this run's own temporary pack, and Close renames it into place.
// Concurrent runs therefore never write the same file and need no lock, and a
// run that dies before Close loses only its own new entries. Every entry carries
// a format version and a checksum over its key and payload; an entry or pack
// that fails them is a miss, is never trusted, and is superseded by the good copy
// the scanner writes next.
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
	"sync"
	"sync/atomic"
	"time"

	"github.com/frameshift/frameshift/scanner"
)

// EnvDir names the environment variable that overrides the cache folder.
const EnvDir = "FRAMESHIFT_CACHE_DIR"

// refreshAfter is how stale a pack's modification time may get before a hit on
// one of its entries touches it. Prune removes the least recently used packs
// first; a day is precise enough for a size budget.
const refreshAfter = 24 * time.Hour

// maxPacks is how many packs Close lets accumulate before merging them into one,
// which bounds the files Open must read.
const maxPacks = 32

const (
	tagFile  = "CACHEDIR.TAG"
	packsDir = "packs"
	// catalogDir holds compiled rule catalogs (catalog.LoadCompiled).
	catalogDir = "catalog"
	// tempPrefix starts the names of packs being written; Prune and Clean remove
	// stale ones left by a run that was killed.
	tempPrefix = ".tmp-"
)

// cacheDirTag marks the folder for backup tools (https://bford.info/cachedir/).
const cacheDirTag = "Signature: 8a477f597d28d172789f06886806bc55\n" +
	"# This file is a cache directory tag created by frameshift.\n" +
	"# For information about cache directory tags see https://bford.info/cachedir/\n"

// Store is an on-disk cache of scan results. Get and Put are safe for concurrent
// use; several processes may use one folder at once. Call Close to persist what
// Put added.
type Store struct {
	dir   string
	packs string
	// index is built by Open and only read afterwards, so Get takes no lock.
	index   map[string]location
	readers []*packReader

	mu      sync.Mutex
	w       *packWriter
	writeOK bool
	closed  bool
	touchMu sync.Mutex

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

// Open creates dir if needed, checks that it is writable, and loads the index of
// every pack. An error means the cache cannot be used; the scan should go on
// without one after a warning. Unreadable or corrupt packs are not an error: their
// entries are misses.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("open cache: no folder given")
	}
	s := &Store{dir: dir, packs: filepath.Join(dir, versionDir(formatVersion), packsDir), writeOK: true}
	if err := os.MkdirAll(s.packs, 0o700); err != nil {
		return nil, fmt.Errorf("open cache %s: %w", dir, err)
	}
	probe, err := os.CreateTemp(s.packs, tempPrefix+"probe-*")
	if err != nil {
		return nil, fmt.Errorf("open cache %s: folder is not writable: %w", dir, err)
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	tag := filepath.Join(dir, tagFile)
	if _, err := os.Stat(tag); errors.Is(err, fs.ErrNotExist) {
		// Losing a race with another run here is harmless: both write the same text.
		_ = os.WriteFile(tag, []byte(cacheDirTag), 0o600)
	}
	s.load()
	return s, nil
}

// load opens every complete pack, oldest first, so a newer pack's copy of a key
// replaces an older one's.
func (s *Store) load() {
	names, _ := packNames(s.packs)
	s.index = make(map[string]location)
	for _, name := range names {
		pr, err := openPack(filepath.Join(s.packs, name))
		if err != nil {
			if errors.Is(err, errCorrupt) {
				s.corrupt.Add(1)
			}
			continue
		}
		s.readers = append(s.readers, pr)
		for _, e := range pr.entries {
			s.index[e.key] = location{pack: pr, off: e.off, size: e.size}
		}
		pr.entries = nil
	}
}

// packNames lists the complete packs in a folder, sorted by name (creation time).
func packNames(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && strings.HasSuffix(n, packExt) && !strings.HasPrefix(n, tempPrefix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// CatalogDir is where a cache in dir keeps compiled rule catalogs, for
// catalog.LoadCompiled.
func CatalogDir(dir string) string {
	return filepath.Join(dir, versionDir(formatVersion), catalogDir)
}

// Dir returns the folder the store lives in.
func (s *Store) Dir() string { return s.dir }

func versionDir(v uint16) string { return "v" + strconv.Itoa(int(v)) }

// normKey keeps the scanner's hex keys as they are and hashes anything else, so
// index entries stay small whatever a caller passes.
func normKey(key string) string {
	if isHexName(key) {
		return key
	}
	return hashKey(key)
}

// Get returns the result stored under key. A missing, unreadable, truncated,
// corrupt or foreign entry is a miss.
func (s *Store) Get(key string) (*scanner.CachedFile, bool) {
	k := normKey(key)
	loc, ok := s.index[k]
	if !ok {
		s.misses.Add(1)
		return nil, false
	}
	data, err := loc.read()
	if err != nil {
		s.misses.Add(1)
		return nil, false
	}
	cf, err := openEntry(k, data)
	if err != nil {
		s.corrupt.Add(1)
		s.misses.Add(1)
		return nil, false
	}
	s.touch(loc.pack)
	s.hits.Add(1)
	return cf, true
}

// touch refreshes a pack's modification time on its first hit of the run, when it
// is older than refreshAfter, so Prune sees that the pack is in use.
func (s *Store) touch(pr *packReader) {
	s.touchMu.Lock()
	defer s.touchMu.Unlock()
	if pr.touched {
		return
	}
	pr.touched = true
	if time.Since(pr.mtime) > refreshAfter {
		now := time.Now()
		_ = os.Chtimes(pr.path, now, now)
	}
}

// Put adds v under key to this run's pack. A failure to write costs only the
// cache's benefit: it is counted and remembered for Err, never returned, so a full
// disk or a read-only cache folder does not stop a scan. Put after Close is ignored.
func (s *Store) Put(key string, v *scanner.CachedFile) {
	// A compact entry's counts are not in the format: it would be read back as
	// a file without findings.
	if v == nil || v.IsCompact() {
		return
	}
	k := normKey(key)
	sealed := sealEntry(k, v)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || !s.writeOK {
		return
	}
	if s.w == nil {
		w, err := newPackWriter(s.packs)
		if errors.Is(err, fs.ErrNotExist) {
			// A concurrent `cache clean` removed the folder.
			if err = os.MkdirAll(s.packs, 0o700); err == nil {
				w, err = newPackWriter(s.packs)
			}
		}
		if err != nil {
			s.writeOK = false
			s.fail(err)
			return
		}
		s.w = w
	}
	if err := s.w.add(k, sealed); err != nil {
		s.writeOK = false
		s.w.abort()
		s.w = nil
		s.fail(err)
		return
	}
	s.writes.Add(1)
}

func (s *Store) fail(err error) {
	s.writeErrs.Add(1)
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if s.firstErr == nil {
		s.firstErr = fmt.Errorf("write cache in %s: %w", s.dir, err)
	}
}

// Close writes this run's new entries as one pack, merges packs when too many have
// accumulated, and releases the store's files. The error, if any, is also what
// Err returns: the CLI prints it as a warning, since the scan itself succeeded.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return s.Err()
	}
	s.closed = true
	if s.w != nil {
		if _, err := s.w.finish(s.packs); err != nil {
			s.fail(err)
		}
		s.w = nil
	}
	for _, pr := range s.readers {
		_ = pr.f.Close()
	}
	if names, err := packNames(s.packs); err == nil && len(names) > maxPacks {
		if _, err := compact(s.packs, names); err != nil {
			s.fail(err)
		}
	}
	return s.Err()
}

// Err returns the first write error of this store's life, or nil.
func (s *Store) Err() error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.firstErr
}

// Counters are this process's cache traffic.
type Counters struct {
	Hits, Misses, Corrupt, Writes, WriteErrors int64
	// Entries is the number of distinct keys found by Open.
	Entries int
}

// Counters returns the traffic since Open.
func (s *Store) Counters() Counters {
	return Counters{
		Hits: s.hits.Load(), Misses: s.misses.Load(), Corrupt: s.corrupt.Load(),
		Writes: s.writes.Load(), WriteErrors: s.writeErrs.Load(), Entries: len(s.index),
	}
}
