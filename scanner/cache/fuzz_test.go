package cache

import (
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
