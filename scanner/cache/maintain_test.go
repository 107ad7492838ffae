package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fillStore writes n entries whose modification times are 2n, 2n-2, ... 2 days ago,
// so entry 0 is the least recently used.
func fillStore(t *testing.T, s *Store, n int) []string {
	t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%064x", i+1)
		s.Put(keys[i], pytorchFile())
		when := time.Now().Add(-time.Duration(n-i) * 48 * time.Hour)
		if err := os.Chtimes(s.entryPath(keys[i]), when, when); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func writeFile(t *testing.T, p string, data string, age time.Duration) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(-age)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
}

func TestStatPruneClean(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	keys := fillStore(t, s, 10)
	entrySize := int64(len(sealEntry(keys[0], pytorchFile())))

	// Things Prune removes whatever the budget, and things it must never touch.
	writeFile(t, filepath.Join(dir, "v0", "ab", "abcdef0123"), "old format", 0)
	writeFile(t, filepath.Join(s.entries, "12", tempPrefix+"dead"), "killed writer", 2*time.Hour)
	writeFile(t, filepath.Join(s.entries, "12", tempPrefix+"live"), "writing now", 0)
	writeFile(t, filepath.Join(dir, "notes.txt"), "the user's own file", 0)
	writeFile(t, filepath.Join(dir, "vendor", "x"), "not a version folder", 0)

	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 10 || st.Bytes != 10*entrySize || st.StaleEntries != 3 {
		t.Errorf("Stat = %+v, want 10 entries of %d bytes and 3 stale files", st, entrySize)
	}
	if !st.Oldest.Before(st.Newest) {
		t.Errorf("Stat: oldest %v not before newest %v", st.Oldest, st.Newest)
	}

	// A hit on the oldest entry refreshes it, so pruning keeps it.
	if _, ok := s.Get(keys[0]); !ok {
		t.Fatal("Get missed")
	}
	rm, err := Prune(dir, 4*entrySize)
	if err != nil {
		t.Fatal(err)
	}
	if rm.Entries != 6+2 {
		t.Errorf("Prune removed %d files, want 6 entries + 1 old-format entry + 1 dead temporary file", rm.Entries)
	}
	for i, k := range keys {
		_, err := os.Stat(s.entryPath(k))
		kept := err == nil
		if wantKept := i == 0 || i >= 7; kept != wantKept {
			t.Errorf("after Prune, entry %d kept = %v, want %v", i, kept, wantKept)
		}
	}
	for _, p := range []string{filepath.Join(dir, "v0"), filepath.Join(s.entries, "12", tempPrefix+"dead")} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("Prune left %s", p)
		}
	}
	for _, p := range []string{filepath.Join(s.entries, "12", tempPrefix+"live"), filepath.Join(dir, "notes.txt"), filepath.Join(dir, "vendor", "x")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Prune removed %s: %v", p, err)
		}
	}

	if _, err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	st, err = Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 0 || st.StaleEntries != 0 {
		t.Errorf("after Clean: %+v", st)
	}
	for _, p := range []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "vendor", "x")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Clean removed %s: %v", p, err)
		}
	}
	// The store still works after a clean, recreating its shard folders.
	s.Put(keys[3], skippedFile())
	if _, ok := s.Get(keys[3]); !ok || s.Err() != nil {
		t.Errorf("Put after Clean: hit=%v err=%v", ok, s.Err())
	}
}

func TestStatMissingFolder(t *testing.T) {
	st, err := Stat(filepath.Join(t.TempDir(), "never-created"))
	if err != nil || st.Entries != 0 {
		t.Errorf("Stat(missing) = %+v, %v; want an empty cache", st, err)
	}
}

func TestPruneRejectsNegativeBudget(t *testing.T) {
	if _, err := Prune(t.TempDir(), -1); err == nil {
		t.Error("Prune(-1) succeeded")
	}
}
