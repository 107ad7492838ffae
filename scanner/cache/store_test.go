package cache

import (
	"bytes"
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
	s := mustOpen(t, t.TempDir())
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key := strings.Repeat(string(rune('a'+i)), 64)
			if _, ok := s.Get(key); ok {
				t.Fatal("Get before Put hit")
			}
			s.Put(key, tt.v)
			got, ok := s.Get(key)
			if !ok {
				t.Fatal("Get after Put missed")
			}
			if d := diffFiles(tt.v, got); d != "" {
				t.Errorf("round trip changed the value (-want +got):\n%s", d)
			}
		})
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err() = %v", err)
	}
	c := s.Counters()
	if c.Hits != int64(len(tests)) || c.Misses != int64(len(tests)) || c.Writes != int64(len(tests)) || c.Corrupt != 0 {
		t.Errorf("Counters() = %+v", c)
	}
}

func TestEntriesSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	mustOpen(t, dir).Put(testKey, pytorchFile())
	got, ok := mustOpen(t, dir).Get(testKey)
	if !ok {
		t.Fatal("a second Store on the same folder missed")
	}
	if d := diffFiles(pytorchFile(), got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if _, err := os.Stat(filepath.Join(dir, tagFile)); err != nil {
		t.Errorf("no CACHEDIR.TAG: %v", err)
	}
}

func TestCorruptEntryIsMissThenRewritten(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, s *Store, p string, data []byte) []byte
	}{
		{"empty file", func(*testing.T, *Store, string, []byte) []byte { return nil }},
		{"truncated header", func(_ *testing.T, _ *Store, _ string, d []byte) []byte { return d[:headerSize-3] }},
		{"truncated payload", func(_ *testing.T, _ *Store, _ string, d []byte) []byte { return d[:len(d)/2] }},
		{"extra bytes", func(_ *testing.T, _ *Store, _ string, d []byte) []byte { return append(d, 0) }},
		{"flipped payload byte", func(_ *testing.T, _ *Store, _ string, d []byte) []byte {
			d[len(d)-5] ^= 0x20
			return d
		}},
		{"flipped checksum byte", func(_ *testing.T, _ *Store, _ string, d []byte) []byte {
			d[11] ^= 1
			return d
		}},
		{"wrong magic", func(_ *testing.T, _ *Store, _ string, d []byte) []byte {
			d[0] = 'X'
			return d
		}},
		{"other format version", func(_ *testing.T, _ *Store, _ string, d []byte) []byte {
			binary.LittleEndian.PutUint16(d[4:], formatVersion+1)
			return d
		}},
		{"valid entry of another key", func(_ *testing.T, _ *Store, _ string, _ []byte) []byte {
			return sealEntry(strings.Repeat("0", 64), pytorchFile())
		}},
		{"garbage", func(_ *testing.T, _ *Store, _ string, d []byte) []byte {
			return bytes.Repeat([]byte{0xff}, len(d))
		}},
		{"correct frame around a garbled payload", func(_ *testing.T, _ *Store, _ string, _ []byte) []byte {
			payload := []byte{1, 0, 200, 1, 'x'}
			out := make([]byte, headerSize)
			copy(out, entryMagic)
			binary.LittleEndian.PutUint16(out[4:], formatVersion)
			binary.LittleEndian.PutUint32(out[6:], uint32(len(payload)))
			binary.LittleEndian.PutUint32(out[10:], checksum(testKey, payload))
			return append(out, payload...)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustOpen(t, t.TempDir())
			want := pytorchFile()
			s.Put(testKey, want)
			p := s.entryPath(testKey)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, tt.corrupt(t, s, p, data), 0o600); err != nil {
				t.Fatal(err)
			}
			if got, ok := s.Get(testKey); ok {
				t.Fatalf("corrupt entry was trusted: %+v", got)
			}
			s.Put(testKey, want)
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

func TestFolderInPlaceOfEntryIsMiss(t *testing.T) {
	s := mustOpen(t, t.TempDir())
	p := s.entryPath(testKey)
	if err := os.MkdirAll(p, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Get(testKey); ok {
		t.Fatal("a folder was read as an entry")
	}
	s.Put(testKey, pytorchFile()) // must not panic; rename over a folder fails
	if s.Err() == nil {
		t.Error("Put over a folder reported no error")
	}
}

func TestKeysStayInsideTheStore(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	for _, key := range []string{"../../../../tmp/evil", "", "ABCDEF0123456789", "a/b", strings.Repeat("f", 500)} {
		p := s.entryPath(key)
		rel, err := filepath.Rel(s.entries, p)
		if err != nil || strings.HasPrefix(rel, "..") || strings.Count(rel, string(filepath.Separator)) != 1 {
			t.Errorf("key %q maps to %s, outside the shard folders", key, p)
		}
		s.Put(key, skippedFile())
		if _, ok := s.Get(key); !ok {
			t.Errorf("key %q: Get after Put missed", key)
		}
	}
}

// TestConcurrentWriters runs writers and readers of one key from two Stores on one
// folder (two processes, as far as the file system can tell). Run with -race.
func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	stores := []*Store{mustOpen(t, dir), mustOpen(t, dir)}
	want := pytorchFile()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(s *Store) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				s.Put(testKey, want)
				if got, ok := s.Get(testKey); ok {
					if d := diffFiles(want, got); d != "" {
						errs <- d
						return
					}
				}
			}
		}(stores[g%2])
	}
	wg.Wait()
	close(errs)
	for d := range errs {
		t.Errorf("a reader saw a different value (-want +got):\n%s", d)
	}
	for _, s := range stores {
		if err := s.Err(); err != nil {
			t.Errorf("concurrent Put failed: %v", err)
		}
		if c := s.Counters(); c.Corrupt != 0 {
			t.Errorf("a reader saw a partial entry: %+v", c)
		}
	}
	st, err := Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entries != 1 || st.StaleEntries != 0 {
		t.Errorf("after concurrent writes: %+v, want one entry and no temporary files", st)
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
// a concurrent `cache clean` replacing the folder would.
func TestPutFailureIsRememberedNotFatal(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	if err := os.RemoveAll(s.entries); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.entries, []byte("in the way"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.Put(testKey, pytorchFile())
	s.Put(testKey+"00", pytorchFile())
	if _, ok := s.Get(testKey); ok {
		t.Error("Get hit after a failed Put")
	}
	err := s.Err()
	if err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("Err() = %v, want an error naming %s", err, dir)
	}
	if c := s.Counters(); c.WriteErrors != 2 || c.Writes != 0 {
		t.Errorf("Counters() = %+v", c)
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
