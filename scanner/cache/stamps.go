package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/frameshift/frameshift/scanner/internal/checkfile"
	"github.com/frameshift/frameshift/scanner/walk"
)

// stampsDir holds one stamp index per folder scanned.
const stampsDir = "stamps"

// racyWindow is how recent a file's modification may be for its stamp to be
// recorded: a file written again within the file system's timestamp granularity
// of the read could keep its stamp with other bytes (git's "racy" entries).
// Such a file is read again next time, and recorded then.
const racyWindow = 2 * time.Second

// Stamps is the stamp index of one folder: the SHA-256 of each file's content
// by the file's path and stamp (walk.Stamp), from the last scan that read it. A
// rescan of an unchanged folder then finds its cache entries without reading a
// file. The index is rewritten by Save only when it changed, keeps only the files
// this scan saw, and, damaged or foreign, is ignored and rewritten.
type Stamps struct {
	path       string
	root       string
	racyBefore int64

	old map[string]stampEntry

	mu      sync.Mutex
	seen    map[string]stampEntry
	changed bool
}

// stampFile is what an index file holds.
type stampFile struct {
	Root    string
	Entries []stampEntry
}

// stampEntry is one file's stamp and content hash.
type stampEntry struct {
	Path  string
	Stamp walk.Stamp
	Sum   [32]byte
}

// StampsPath is where a cache in dir keeps the stamp index of the folder root
// (an absolute path).
func StampsPath(dir, root string) string {
	sum := sha256.Sum256([]byte(root))
	return filepath.Join(dir, versionDir(formatVersion), stampsDir, hex.EncodeToString(sum[:16])+".idx")
}

// OpenStamps reads the stamp index of the folder root (an absolute path) from a
// cache in dir. Files modified at or after now-racyWindow are never recorded.
func OpenStamps(dir, root string, now time.Time) *Stamps {
	s := &Stamps{
		path:       StampsPath(dir, root),
		root:       root,
		racyBefore: now.Add(-racyWindow).UnixNano(),
		old:        map[string]stampEntry{},
		seen:       map[string]stampEntry{},
	}
	payload, ok := checkfile.Read(s.path)
	if !ok {
		return s
	}
	var f stampFile
	if gob.NewDecoder(bytes.NewReader(payload)).Decode(&f) != nil || f.Root != root {
		return s
	}
	for _, e := range f.Entries {
		s.old[e.Path] = e
	}
	return s
}

// Sum returns the content hash recorded for p when its stamp is unchanged.
func (s *Stamps) Sum(p string, st walk.Stamp) ([32]byte, bool) {
	r, ok := s.old[p]
	if !ok || r.Stamp != st || !st.Known() {
		return [32]byte{}, false
	}
	s.mu.Lock()
	s.seen[p] = r
	s.mu.Unlock()
	return r.Sum, true
}

// Record remembers the hash of what was read from p, stamped st, unless the
// file was modified too recently to trust its stamp.
func (s *Stamps) Record(p string, st walk.Stamp, sum [32]byte) {
	// Only the modification time can be racy: any write of the content moves
	// it. A change time that is recent (a fresh copy or checkout) is fine.
	if !st.Known() || st.ModNs >= s.racyBefore {
		return
	}
	r := stampEntry{Path: p, Stamp: st, Sum: sum}
	s.mu.Lock()
	s.seen[p] = r
	if s.old[p] != r {
		s.changed = true
	}
	s.mu.Unlock()
}

// Save writes the index when it differs from the one read.
func (s *Stamps) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.changed && len(s.seen) == len(s.old) {
		return nil
	}
	f := stampFile{Root: s.root, Entries: make([]stampEntry, 0, len(s.seen))}
	for _, e := range s.seen {
		f.Entries = append(f.Entries, e)
	}
	sort.Slice(f.Entries, func(i, j int) bool { return f.Entries[i].Path < f.Entries[j].Path })
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&f); err != nil {
		return err
	}
	if err := checkfile.Write(s.path, buf.Bytes()); err != nil {
		return err
	}
	s.old, s.seen, s.changed = s.seen, map[string]stampEntry{}, false
	return nil
}
