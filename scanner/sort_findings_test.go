package scanner

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
)

// TestSortFindingsIsAStableSort holds sortFindings to a stable sort on random
// findings with many ties, in the shapes a scan produces (sorted, two sorted
// runs) and in any order. Fingerprints number the findings to check stability.
func TestSortFindingsIsAStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := func(n int) []Finding {
		fs := make([]Finding, n)
		for i := range fs {
			fs[i] = Finding{
				File: fmt.Sprintf("f%d.py", rng.Intn(4)), Line: rng.Intn(5), Column: rng.Intn(2),
				Rule: []string{"a", "b"}[rng.Intn(2)], Fingerprint: fmt.Sprint(i),
			}
			if rng.Intn(3) == 0 {
				c := rng.Intn(2)
				fs[i].Cell = &c
			}
		}
		return fs
	}
	byOrder := func(a, b Finding) int { return cmpFinding(&a, &b) }
	for n := 0; n < 60; n++ {
		for trial := 0; trial < 20; trial++ {
			shapes := map[string][]Finding{"any order": random(n)}
			sorted := random(n)
			slices.SortStableFunc(sorted, byOrder)
			shapes["sorted"] = sorted
			if n > 1 {
				cut := 1 + rng.Intn(n-1)
				head, tail := random(cut), random(n-cut)
				slices.SortStableFunc(head, byOrder)
				slices.SortStableFunc(tail, byOrder)
				runs := append(head, tail...)
				for i := range runs {
					runs[i].Fingerprint = fmt.Sprint(i)
				}
				shapes["two runs"] = runs
			}
			for shape, fs := range shapes {
				want := slices.Clone(fs)
				slices.SortStableFunc(want, byOrder)
				got := slices.Clone(fs)
				sortFindings(got)
				for i := range want {
					if want[i].Fingerprint != got[i].Fingerprint {
						t.Fatalf("%s, %d findings: position %d holds finding %s, want %s", shape, n, i, got[i].Fingerprint, want[i].Fingerprint)
					}
				}
			}
		}
	}
}
