package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/frameshift/frameshift/scanner"
)

func ageFile(t *testing.T, p string, age time.Duration) {
	t.Helper()
	when := time.Now().Add(-age)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p string, data string, age time.Duration) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	ageFile(t, p, age)
}

// fillPacks writes n runs of one entry each, whose packs were last used 2n, 2n-2,
// ... 2 days ago, so run 0's pack is the least recently used.
func fillPacks(t *testing.T, dir string, n int) []string {
	t.Helper()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%064x", i+1)
		putAndClose(t, dir, map[string]*scanner.CachedFile{keys[i]: pytorchFile()})
		path, _ := onePackOf(t, dir, keys[i])
		ageFile(t, path, time.Duration(n-i)*48*time.Hour)
	}
	return keys
}

func onePackOf(t *testing.T, dir, key string) (string, int64) {
	t.Helper()
	s := mustOpen(t, dir)
	defer s.Close()
	loc, ok := s.index[key]
	if !ok {
		t.Fatalf("key %s not stored", key)
	}
	return loc.pack.path, loc.pack.size
}

func TestStatPruneClean(t *testing.T) {
	dir := t.TempDir()
	keys := fillPacks(t, dir, 10)
	_, packSize := onePackOf(t, dir, keys[0])
	packs := filepath.Join(dir, versionDir(formatVersion), packsDir)

	// Things Prune removes whatever the budget, and things it must never touch.
	writeFile(t, filepath.Join(dir, "v1", "ab", "abcdef0123"), "old format", 0)
	writeFile(t, filepath.Join(packs, tempPrefix+"dead"+packExt), "killed writer", 2*time.Hour)
	writeFile(t, filepath.Join(packs, "00-broken"+packExt), "not a pack", 0)
	writeFile(t, filepath.Join(dir, "notes.txt"), "the user's own file", 0)
	writeFile(t, filepath.Join(dir, "vendor", "x"), "not a version folder", 0)

	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 10 || st.Packs != 10 || st.Bytes != 10*packSize || st.StaleFiles != 3 {
		t.Errorf("Stat = %+v, want 10 packs of %d bytes and 3 stale files", st, packSize)
	}
	if !st.Oldest.Before(st.Newest) {
		t.Errorf("Stat: oldest %v not before newest %v", st.Oldest, st.Newest)
	}

	// A hit on the oldest pack refreshes it, so pruning keeps it.
	s := mustOpen(t, dir)
	if _, ok := s.Get(keys[0]); !ok {
		t.Fatal("Get missed")
	}
	s.Close()
	rm, err := Prune(dir, 4*packSize)
	if err != nil {
		t.Fatal(err)
	}
	if rm.Files != 6+3 {
		t.Errorf("Prune removed %d files, want 6 packs and 3 stale files", rm.Files)
	}
	s = mustOpen(t, dir)
	for i, k := range keys {
		_, kept := s.Get(k)
		if wantKept := i == 0 || i >= 7; kept != wantKept {
			t.Errorf("after Prune, run %d's entry kept = %v, want %v", i, kept, wantKept)
		}
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, "v1")); !os.IsNotExist(err) {
		t.Errorf("Prune left the old format's folder: %v", err)
	}
	for _, p := range []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "vendor", "x")} {
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
	if st.Entries != 0 || st.Packs != 0 || st.StaleFiles != 0 {
		t.Errorf("after Clean: %+v", st)
	}
	for _, p := range []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "vendor", "x")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Clean removed %s: %v", p, err)
		}
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

// TestSideFiles: a compiled catalog and a stamp index count in the cache's size,
// not as packs or stale files; Prune treats them as used files, Clean removes them.
func TestSideFiles(t *testing.T) {
	dir := t.TempDir()
	fillPacks(t, dir, 1)
	stamps := OpenStamps(dir, "/repo", time.Now().Add(time.Hour))
	stamps.Record("a.py", stampA, sumA)
	if err := stamps.Save(); err != nil {
		t.Fatal(err)
	}
	catalogFile := filepath.Join(CatalogDir(dir), "0123.gob")
	writeFile(t, catalogFile, "compiled", 0)
	// A stray file in those folders is stale like any other.
	writeFile(t, filepath.Join(CatalogDir(dir), "notes.txt"), "stray", 0)

	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	before := st
	if st.Packs != 1 || st.StaleFiles != 1 {
		t.Fatalf("Stat = %+v, want 1 pack and 1 stale file", st)
	}
	if _, err := Prune(dir, 1<<30); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{StampsPath(dir, "/repo"), catalogFile} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("Prune under budget removed %s: %v", p, err)
		}
	}
	if st, _ = Stat(dir); st.Bytes != before.Bytes || st.StaleFiles != 0 {
		t.Errorf("after Prune: %+v, before %+v", st, before)
	}
	if _, err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{StampsPath(dir, "/repo"), catalogFile} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("Clean left %s: %v", p, err)
		}
	}
}
