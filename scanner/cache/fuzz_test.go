package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

// FuzzOpenEntry feeds arbitrary bytes to the entry reader, as a damaged or hostile
// cache folder would. It must never panic, and whatever it accepts must survive
// a second round trip unchanged.
func FuzzOpenEntry(f *testing.F) {
	for _, cf := range []*scanner.CachedFile{pytorchFile(), notebookFile(), skippedFile(), {}} {
		entry := sealEntry(testKey, cf)
		f.Add(entry)
		f.Add(entry[:len(entry)/2])
		f.Add(entry[headerSize:])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := openEntry(testKey, data)
		if err != nil {
			return
		}
		again, err := openEntry(testKey, sealEntry(testKey, cf))
		if err != nil {
			t.Fatalf("re-sealed entry rejected: %v", err)
		}
		if d := diffFiles(cf, again); d != "" {
			t.Fatalf("second round trip differs (-first +second):\n%s", d)
		}
	})
}

// FuzzDecodeFile skips the checksum, which random bytes would almost never pass,
// to exercise the payload decoder itself.
func FuzzDecodeFile(f *testing.F) {
	for _, cf := range []*scanner.CachedFile{pytorchFile(), notebookFile(), skippedFile(), {}} {
		payload := encodeFile(cf)
		f.Add(payload)
		f.Add(payload[:len(payload)/3])
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		cf, err := decodeFile(payload)
		if err != nil {
			return
		}
		again, err := decodeFile(encodeFile(cf))
		if err != nil {
			t.Fatalf("re-encoded payload rejected: %v", err)
		}
		if d := diffFiles(cf, again); d != "" {
			t.Fatalf("second round trip differs (-first +second):\n%s", d)
		}
	})
}

// FuzzReadIndex feeds arbitrary bytes to the pack reader, as a damaged or foreign
// file in the packs folder would. It must never panic, and every entry it accepts
// must lie inside the entries section.
func FuzzReadIndex(f *testing.F) {
	dir := f.TempDir()
	for i, cf := range []*scanner.CachedFile{pytorchFile(), notebookFile(), skippedFile(), {}} {
		s, err := Open(filepath.Join(dir, fmt.Sprint(i)))
		if err != nil {
			f.Fatal(err)
		}
		s.Put(testKey, cf)
		s.Put(testKey+"ff", skippedFile())
		if err := s.Close(); err != nil {
			f.Fatal(err)
		}
		names, err := packNames(s.packs)
		if err != nil || len(names) != 1 {
			f.Fatalf("packs %v, %v", names, err)
		}
		data, err := os.ReadFile(filepath.Join(s.packs, names[0]))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)-packTrailer/2])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := readIndex(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		end := int64(len(data) - packTrailer)
		for _, e := range entries {
			if e.off < int64(packHeader) || e.off+int64(e.size) > end {
				t.Fatalf("accepted entry %+v outside the entries section of a %d-byte pack", e, len(data))
			}
		}
	})
}
