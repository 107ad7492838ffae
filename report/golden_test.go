package report

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// goldenExt maps a format to its golden file's extension.
var goldenExt = map[string]string{
	"table": "txt", "json": "json", "sarif": "sarif", "markdown": "md", "html": "html", "csv": "csv",
}

// TestGolden renders every golden case in every format and compares the bytes with
// testdata/<case>.<format>.golden. Regenerate with:
//
//	UPDATE_GOLDEN=1 go test ./report/...
func TestGolden(t *testing.T) {
	update := os.Getenv("UPDATE_GOLDEN") != ""
	cases := goldenCases(t)
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		doc := cases[name]
		for _, enc := range Encoders(Options{}) {
			t.Run(name+"/"+enc.ID(), func(t *testing.T) {
				ext, ok := goldenExt[enc.ID()]
				if !ok {
					t.Fatalf("no golden extension for format %s: add it to goldenExt", enc.ID())
				}
				var buf bytes.Buffer
				if err := enc.Encode(&buf, doc); err != nil {
					t.Fatalf("encode: %v", err)
				}
				// Encoding twice must give the same bytes: nothing may depend on map
				// order, time or randomness.
				var again bytes.Buffer
				if err := enc.Encode(&again, doc); err != nil {
					t.Fatalf("encode again: %v", err)
				}
				if !bytes.Equal(buf.Bytes(), again.Bytes()) {
					t.Fatalf("two encodings of the same document differ")
				}
				path := filepath.Join("testdata", name+"."+ext+".golden")
				if update {
					if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("read golden: %v (create it with UPDATE_GOLDEN=1 go test ./report/...)", err)
				}
				if diff := cmp.Diff(string(want), buf.String()); diff != "" {
					t.Errorf("%s differs from the golden file (-want +got); if the change is intended, run UPDATE_GOLDEN=1 go test ./report/...\n%s", path, diff)
				}
			})
		}
	}
}
