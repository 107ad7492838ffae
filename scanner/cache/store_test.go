package cache

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

// putAndClose writes entries through one store, as one scan does.
func putAndClose(t *testing.T, dir string, entries map[string]*scanner.CachedFile) {
	t.Helper()
	s := mustOpen(t, dir)
	for k, v := range entries {
		s.Put(k, v)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		v    *scanner.CachedFile
	}{
		{"pytorch script", pytorchFile()},
		{"notebook with cells", notebookFile()},
		{"skipped file", skippedFile()},
		{"plain file without findings", &scanner.CachedFile{Report: &scanner.FileReport{Kind: "python", Lines: 12}}},
		{"empty", &scanner.CachedFile{}},
	}
	dir := t.TempDir()
	s := mustOpen(t, dir)
	for i, tt := range tests {
		key := strings.Repeat(string(rune('a'+i)), 64)
		if _, ok := s.Get(key); ok {
			t.Fatalf("%s: Get before Put hit", tt.name)
		}
		s.Put(key, tt.v)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if c := s.Counters(); c.Misses != int64(len(tests)) || c.Writes != int64(len(tests)) || c.WriteErrors != 0 {
		t.Errorf("first run Counters() = %+v", c)
	}
	s = mustOpen(t, dir)
	defer s.Close()
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.Get(strings.Repeat(string(rune('a'+i)), 64))
			if !ok {
				t.Fatal("Get after Put and Close missed")
			}
			if d := diffFiles(tt.v, got); d != "" {
				t.Errorf("round trip changed the value (-want +got):\n%s", d)
			}
		})
	}
	if c := s.Counters(); c.Hits != int64(len(tests)) || c.Corrupt != 0 || c.Entries != len(tests) {
		t.Errorf("second run Counters() = %+v", c)
	}
	if _, err := os.Stat(filepath.Join(dir, tagFile)); err != nil {
		t.Errorf("no CACHEDIR.TAG: %v", err)
	}
}

func TestOddKeys(t *testing.T) {
	dir := t.TempDir()
	keys := []string{"../../../../tmp/evil", "", "ABCDEF0123456789", "a/b", strings.Repeat("f", 500), "\x00\xff"}
	entries := map[string]*scanner.CachedFile{}
	for _, k := range keys {
		entries[k] = skippedFile()
	}
	putAndClose(t, dir, entries)
	s := mustOpen(t, dir)
	defer s.Close()
	for _, k := range keys {
		if _, ok := s.Get(k); !ok {
			t.Errorf("key %q: Get after Put missed", k)
		}
	}
	names, err := packNames(s.packs)
	if err != nil || len(names) != 1 {
		t.Errorf("packs = %v, %v; want one pack inside the store", names, err)
	}
}

// onePack returns the path of the only pack in dir and where key sits in it.
func onePack(t *testing.T, dir, key string) (string, location) {
	t.Helper()
	s := mustOpen(t, dir)
	defer s.Close()
	loc, ok := s.index[key]
	if !ok {
		t.Fatalf("key %s not in the index", key)
	}
	return loc.pack.path, loc
}

func TestCorruptionIsMissThenRewritten(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(pack []byte, loc location) []byte
	}{
		{"empty pack", func([]byte, location) []byte { return nil }},
		{"truncated pack", func(p []byte, _ location) []byte { return p[:len(p)-10] }},
		{"flipped entry payload byte", func(p []byte, loc location) []byte {
			p[loc.off+int64(loc.size)-5] ^= 0x20
			return p
		}},
		{"flipped entry checksum", func(p []byte, loc location) []byte {
			p[loc.off+11] ^= 1
			return p
		}},
		{"entry of another format version", func(p []byte, loc location) []byte {
			binary.LittleEndian.PutUint16(p[loc.off+4:], formatVersion+1)
			return p
		}},
		{"valid entry of another key in its place", func(p []byte, loc location) []byte {
			copy(p[loc.off:], sealEntry(strings.Repeat("0", 64), pytorchFile()))
			return p
		}},
		{"flipped index byte", func(p []byte, _ location) []byte {
			p[len(p)-packTrailer-3] ^= 0x40
			return p
		}},
		{"flipped trailer magic", func(p []byte, _ location) []byte {
			p[len(p)-1] = 'X'
			return p
		}},
		{"pack header of another version", func(p []byte, _ location) []byte {
			binary.LittleEndian.PutUint16(p[4:], formatVersion+1)
			return p
		}},
		{"garbage", func(p []byte, _ location) []byte {
			for i := range p {
				p[i] = byte(i * 7)
			}
			return p
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			want := pytorchFile()
			putAndClose(t, dir, map[string]*scanner.CachedFile{testKey: want, testKey + "00": notebookFile()})
			path, loc := onePack(t, dir, testKey)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tt.corrupt(data, loc), 0o600); err != nil {
				t.Fatal(err)
			}

			s := mustOpen(t, dir)
			if got, ok := s.Get(testKey); ok {
				t.Fatalf("corrupt entry was trusted: %+v", got)
			}
			if s.Counters().Corrupt == 0 {
				t.Error("corruption was not counted")
			}
			s.Put(testKey, want)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			s = mustOpen(t, dir)
			defer s.Close()
			got, ok := s.Get(testKey)
			if !ok {
				t.Fatal("rewritten entry missed")
			}
			if d := diffFiles(want, got); d != "" {
				t.Errorf("rewritten entry (-want +got):\n%s", d)
			}
		})
	}
}

func TestFolderNamedLikeAPackIsIgnored(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	if err := os.MkdirAll(filepath.Join(s.packs, "0000-x"+packExt), 0o700); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = mustOpen(t, dir)
	defer s.Close()
	if c := s.Counters(); c.Entries != 0 {
		t.Errorf("Counters() = %+v", c)
	}
}

// TestConcurrentWriters runs writers and readers of shared keys from two Stores on
// one folder (two processes, as far as the file system can tell). Run with -race.
func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	putAndClose(t, dir, map[string]*scanner.CachedFile{testKey: pytorchFile()})
	stores := []*Store{mustOpen(t, dir), mustOpen(t, dir)}
	want := pytorchFile()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(s *Store, g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				s.Put(testKey+string(rune('0'+g)), want)
				got, ok := s.Get(testKey)
				if !ok {
					errs <- "a stored key missed"
					return
				}
				if d := diffFiles(want, got); d != "" {
					errs <- d
					return
				}
			}
		}(stores[g%2], g)
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Errorf("concurrent use: %s", d)
	}
	for _, s := range stores {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	s := mustOpen(t, dir)
	defer s.Close()
	for g := 0; g < 8; g++ {
		if _, ok := s.Get(testKey + string(rune('0'+g))); !ok {
			t.Errorf("key of writer %d missed after both runs closed", g)
		}
	}
	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Packs != 3 || st.StaleFiles != 0 || st.Entries != 9 {
		t.Errorf("after concurrent runs: %+v, want 3 packs, 9 keys, nothing stale", st)
	}
}

func TestRunKilledBeforeClose(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	s.Put(testKey, pytorchFile()) // and never Close, as if killed
	s2 := mustOpen(t, dir)
	defer s2.Close()
	if _, ok := s2.Get(testKey); ok {
		t.Error("an unfinished pack was read")
	}
	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.StaleFiles != 1 || st.Entries != 0 {
		t.Errorf("Stat = %+v, want the unfinished pack counted as stale", st)
	}
	s.mu.Lock()
	tmp := s.w.tmp.Name()
	s.mu.Unlock()
	if _, err := Prune(dir, 1<<30); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); err != nil {
		t.Errorf("Prune removed a young temporary pack that may still be written: %v", err)
	}
	ageFile(t, tmp, 2*staleTempAge)
	if _, err := Prune(dir, 1<<30); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("Prune left an old temporary pack: %v", err)
	}
}

func TestCompactionKeepsNewestCopy(t *testing.T) {
	dir := t.TempDir()
	old := pytorchFile()
	newer := notebookFile()
	putAndClose(t, dir, map[string]*scanner.CachedFile{testKey: old})
	// maxPacks runs after the first make maxPacks+1 packs: the last Close merges.
	for i := 0; i < maxPacks; i++ {
		entries := map[string]*scanner.CachedFile{strings.Repeat("0", 60) + string(rune('a'+i%6)) + string(rune('a'+i/6)) + "00": skippedFile()}
		if i == maxPacks-3 {
			entries[testKey] = newer
		}
		putAndClose(t, dir, entries)
	}
	s := mustOpen(t, dir)
	defer s.Close()
	names, _ := packNames(s.packs)
	if len(names) != 1 {
		t.Errorf("%d packs after %d runs, want them merged into 1", len(names), maxPacks+1)
	}
	if c := s.Counters(); c.Entries != maxPacks+1 {
		t.Errorf("%d keys after compaction, want %d", c.Entries, maxPacks+1)
	}
	got, ok := s.Get(testKey)
	if !ok {
		t.Fatal("key lost in compaction")
	}
	if d := diffFiles(newer, got); d != "" {
		t.Errorf("compaction kept an older copy (-want +got):\n%s", d)
	}
}

func TestOpenUnusableFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(filepath.Join(file, "cache")); err == nil {
		t.Error("Open under a regular file succeeded")
	}
	if _, err := Open(""); err == nil {
		t.Error(`Open("") succeeded`)
	}
}

func TestOpenReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if _, err := Open(filepath.Join(dir, "cache")); err == nil {
		t.Error("Open in a read-only folder succeeded")
	}
}

// TestPutFailureIsRememberedNotFatal breaks the store after Open, as a full disk or
// a concurrent `cache clean` followed by a file in the way would.
func TestPutFailureIsRememberedNotFatal(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	if err := os.RemoveAll(s.packs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.packs, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Put(testKey, pytorchFile())
	s.Put(testKey+"00", pytorchFile())
	err := s.Close()
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Close() = %v, want an error naming %s", err, dir)
	}
	if !errors.Is(s.Err(), err) && s.Err().Error() != err.Error() {
		t.Errorf("Err() = %v, Close() = %v", s.Err(), err)
	}
	if c := s.Counters(); c.WriteErrors != 1 || c.Writes != 0 {
		t.Errorf("Counters() = %+v, want one write error and no retry", c)
	}
}

func TestCleanFolderUnderARunningStore(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	if _, err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	s.Put(testKey, pytorchFile())
	if err := s.Close(); err != nil {
		t.Fatalf("Put after a concurrent clean: %v", err)
	}
	s = mustOpen(t, dir)
	defer s.Close()
	if _, ok := s.Get(testKey); !ok {
		t.Error("entry written after a concurrent clean missed")
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv(EnvDir, "relative/cache")
	got, err := DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) || !strings.HasSuffix(got, filepath.Join("relative", "cache")) {
		t.Errorf("DefaultDir() with %s=relative/cache = %s", EnvDir, got)
	}

	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CACHE_HOME", "/somewhere/cache")
	t.Setenv("HOME", "/home/someone")
	got, err = DefaultDir()
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("/somewhere/cache", "frameshift")
	if runtime.GOOS != "linux" {
		base, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		want = filepath.Join(base, "frameshift")
	}
	if got != want {
		t.Errorf("DefaultDir() = %s, want %s", got, want)
	}
}

func TestOpenEntryErrorsWrapErrCorrupt(t *testing.T) {
	_, err := openEntry(testKey, []byte("FSC"))
	if !errors.Is(err, errCorrupt) {
		t.Errorf("openEntry(short) = %v, want errCorrupt", err)
	}
}

// TestStoreRefusesCompactEntries: a compact entry's counts are not in the
// on-disk format, so storing one would read back as a file without findings.
func TestStoreRefusesCompactEntries(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	full := pytorchFile()
	s.Put("compact", full.Compact())
	s.Put("full", full)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, dir)
	defer s.Close()
	if _, ok := s.Get("compact"); ok {
		t.Error("a compact entry was stored")
	}
	if got, ok := s.Get("full"); !ok || len(got.Findings) != len(full.Findings) {
		t.Error("the full entry was not stored whole")
	}
}
