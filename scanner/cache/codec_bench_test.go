package cache

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

// BenchmarkCodec compares the encodings considered for entries on a typical file's
// analysis (40 findings, 2 classes). The binary form was chosen from these numbers
// (docs/performance.md).
func BenchmarkCodec(b *testing.B) {
	cf := pytorchFile()
	codecs := []struct {
		name   string
		encode func(*scanner.CachedFile) []byte
		decode func([]byte) (*scanner.CachedFile, error)
	}{
		{"binary", encodeFile, decodeFile},
		{"json", func(v *scanner.CachedFile) []byte {
			data, _ := json.Marshal(v)
			return data
		}, func(data []byte) (*scanner.CachedFile, error) {
			var v scanner.CachedFile
			return &v, json.Unmarshal(data, &v)
		}},
		// gob as a cache entry must be self-describing: one encoder per entry, so
		// every entry carries the type description.
		{"gob", func(v *scanner.CachedFile) []byte {
			var buf bytes.Buffer
			_ = gob.NewEncoder(&buf).Encode(v)
			return buf.Bytes()
		}, func(data []byte) (*scanner.CachedFile, error) {
			var v scanner.CachedFile
			return &v, gob.NewDecoder(bytes.NewReader(data)).Decode(&v)
		}},
	}
	for _, c := range codecs {
		data := c.encode(cf)
		if got, err := c.decode(data); err != nil || diffFiles(cf, got) != "" {
			b.Fatalf("%s: round trip failed: %v", c.name, err)
		}
		b.Run(c.name+"/encode", func(b *testing.B) {
			b.ReportAllocs()
			b.ReportMetric(float64(len(data)), "bytes/entry")
			for i := 0; i < b.N; i++ {
				c.encode(cf)
			}
		})
		b.Run(c.name+"/decode", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := c.decode(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWarmGet reads 3,000 entries from disk (page cache warm), as a rescan of
// a 3,000-file repository does, on 1 and 2 goroutines. ns/op is per 3,000 entries.
func BenchmarkWarmGet(b *testing.B) {
	const entries = 3000
	dir := b.TempDir()
	s := mustOpen(b, dir)
	keys := make([]string, entries)
	for i := range keys {
		keys[i] = fmt.Sprintf("%064x", i*7919+1)
		s.Put(keys[i], pytorchFile())
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	s = mustOpen(b, dir)
	defer s.Close()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var wg sync.WaitGroup
				for w := 0; w < workers; w++ {
					wg.Add(1)
					go func(w int) {
						defer wg.Done()
						for k := w; k < entries; k += workers {
							if _, ok := s.Get(keys[k]); !ok {
								b.Error("miss")
								return
							}
						}
					}(w)
				}
				wg.Wait()
			}
		})
	}
}

// BenchmarkOpen loads the index of a cache holding 3,000 entries, which every
// run with a cache pays before its first Get.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	s := mustOpen(b, dir)
	for i := 0; i < 3000; i++ {
		s.Put(fmt.Sprintf("%064x", i+1), pytorchFile())
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := mustOpen(b, dir)
		if s.Counters().Entries != 3000 {
			b.Fatal("entries lost")
		}
		s.Close()
	}
}

// BenchmarkPutAndClose writes 3,000 entries and closes the store, as a cold scan
// of 3,000 files does. ns/op is per 3,000 entries.
func BenchmarkPutAndClose(b *testing.B) {
	cf := pytorchFile()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s := mustOpen(b, b.TempDir())
		for k := 0; k < 3000; k++ {
			s.Put(fmt.Sprintf("%064x", k+1), cf)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
