package report

import (
	"io"
	"sort"
	"testing"

	"github.com/frameshift/frameshift/report/internal/golden"
)

// TestGolden renders every golden case in every format and compares the bytes with
// testdata/<case>.<ext>.golden. Regenerate with:
//
//	UPDATE_GOLDEN=1 go test ./report/...
func TestGolden(t *testing.T) {
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
				golden.Check(t, golden.Path(t, name, enc.ID()), "./report/...", func(w io.Writer) error {
					return enc.Encode(w, doc)
				})
			})
		}
	}
}
