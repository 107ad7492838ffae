package portfolio

import (
	"io"
	"math/rand"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/report/internal/golden"
)

// fixturePortfolio is an organisation's portfolio: the seven fixture repositories,
// a fork of tf1-graph and a vendored copy of the TFX pipeline (so chunks are
// shared), the PyTorch fixture scanned again at a release branch, and a
// repository that could not be cloned.
func fixturePortfolio(t testing.TB) *Builder {
	t.Helper()
	b := NewBuilder()
	for _, n := range fixtureNames {
		doc := fixtureReport(t, n)
		if n == "tf1-graph" {
			doc.Violations = []drift.Violation{{Policy: "era:tf1>0", Message: "270 findings of era tf1"}}
		}
		add(t, b, n+".json", doc)
	}
	add(t, b, "fork.json", renamed(t, fixtureReport(t, "tf1-graph"), "https://github.com/acme/vision-fork", ""))
	add(t, b, "vendored.json", renamed(t, fixtureReport(t, "tfx-pipeline"), "git@github.com:acme/ads-pipeline.git", ""))
	add(t, b, "release.json", renamed(t, fixtureReport(t, "pytorch"), "fixtures/pytorch", "release/2.x"))
	b.AddRun(&Run{Repositories: []RunEntry{
		{Name: "https://github.com/acme/archived", Input: "https://github.com/acme/archived", Status: StatusFailed, Reason: "scan https://github.com/acme/archived: repository not found"},
	}})
	return b
}

// hostilePortfolio carries, in every field a report controls, what could break a
// format: Markdown and HTML markup, table pipes, spreadsheet formulas, mentions,
// line breaks and a credential-bearing URL (which Key redacts).
func hostilePortfolio(t testing.TB) *Builder {
	t.Helper()
	b := NewBuilder()
	doc := renamed(t, fixtureReport(t, "tf2-keras"), "https://user:s3cr3t@git.example.com/<script>alert(1)</script>|@team", "=HYPERLINK(\"x\")")
	doc.Estimate.Recommendation.Summary = "**bold** <b>html</b> | pipe @owner #12"
	add(t, b, "hostile.json", doc)
	b.AddRun(&Run{Repositories: []RunEntry{
		{Input: "+cmd|' /C calc'!A0", Status: StatusFailed, Reason: "=1+1 <img src=x onerror=alert(1)>\nsecond line | @here"},
	}})
	return b
}

func add(t testing.TB, b *Builder, origin string, doc *report.Document) {
	t.Helper()
	if err := b.AddReport(origin, doc); err != nil {
		t.Fatalf("add %s: %v", origin, err)
	}
}

// TestGolden renders every case in every format and compares the bytes with
// testdata/<case>.<ext>.golden. Regenerate with:
//
//	UPDATE_GOLDEN=1 go test ./report/portfolio/...
func TestGolden(t *testing.T) {
	cases := map[string]*Portfolio{
		"fixtures": mustBuild(t, fixturePortfolio(t)),
		"hostile":  mustBuild(t, hostilePortfolio(t)),
		"empty":    mustBuild(t, NewBuilder()),
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		for _, enc := range Encoders(Options{}) {
			t.Run(name+"/"+enc.ID(), func(t *testing.T) {
				golden.Check(t, golden.Path(t, name, enc.ID()), "./report/portfolio/...", func(w io.Writer) error {
					return enc.Encode(w, cases[name])
				})
			})
		}
	}
}

// TestOrderIndependence adds the same reports and runs in many orders, under
// other file names, with duplicates: the JSON must not change.
func TestOrderIndependence(t *testing.T) {
	type item struct {
		doc *report.Document
		run *Run
	}
	var items []item
	for _, n := range fixtureNames {
		items = append(items, item{doc: fixtureReport(t, n)})
	}
	items = append(items,
		item{doc: renamed(t, fixtureReport(t, "tf1-graph"), "https://github.com/acme/vision-fork", "")},
		item{run: &Run{Repositories: []RunEntry{{Input: "gone", Status: StatusFailed, Reason: "no such folder"}}}},
		item{run: &Run{Repositories: []RunEntry{{Input: "gone", Status: StatusFailed, Reason: "no such folder"}}}},
	)
	build := func(order []int, prefix string) string {
		b := NewBuilder()
		for i, k := range order {
			it := items[k]
			if it.run != nil {
				b.AddRun(it.run)
				continue
			}
			add(t, b, prefix+string(rune('a'+i))+".json", copyDoc(t, it.doc))
			if i%3 == 0 { // an identical duplicate, as two shards of an overlapping list would give
				add(t, b, prefix+"dup.json", copyDoc(t, it.doc))
			}
		}
		return encodeJSON(t, mustBuild(t, b))
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	want := build(order, "run/")
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 8; trial++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		if got := build(order, "elsewhere/shard-"+string(rune('0'+trial))+"/"); got != want {
			t.Fatalf("order %v gives another portfolio:\n%s", order, cmp.Diff(want, got))
		}
	}
}
