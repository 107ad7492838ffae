package estimator

import (
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

var (
	testCatOnce sync.Once
	testCat     *catalog.Catalog
	testCatErr  error
)

// testCatalog is the embedded catalog plus testdata/rules.yaml, whose est.* rules
// are the only ones the tests' inventories use.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	testCatOnce.Do(func() { testCat, testCatErr = catalog.Load("testdata/rules.yaml") })
	if testCatErr != nil {
		t.Fatalf("load test rules: %v", testCatErr)
	}
	return testCat
}

// invBuilder builds inventories by hand, the way the scanner would fill them.
type invBuilder struct {
	t     testing.TB
	cat   *catalog.Catalog
	inv   scanner.Inventory
	lines map[string]int
	next  map[string]int
}

func newInv(t testing.TB) *invBuilder {
	return &invBuilder{t: t, cat: testCatalog(t), lines: map[string]int{}, next: map[string]int{}}
}

// add records n uses of a rule in a file, on successive lines, with the rule's
// framework and era.
func (b *invBuilder) add(file, ruleID string, n int) *invBuilder {
	return b.addEra(file, ruleID, "", n)
}

// addEra is add with the era the scanner settled (e.g. keras → keras3); "" keeps
// the rule's.
func (b *invBuilder) addEra(file, ruleID, era string, n int) *invBuilder {
	b.t.Helper()
	r := b.cat.Rule(ruleID)
	if r == nil {
		b.t.Fatalf("no rule %s in the test catalog", ruleID)
	}
	if era == "" {
		era = r.Era
	}
	kind := scanner.KindCall
	if r.HasTag("model") {
		kind = scanner.KindBase
	}
	if len(r.Kinds) == 1 {
		kind = r.Kinds[0]
	}
	for i := 0; i < n; i++ {
		b.next[file]++
		b.inv.Findings = append(b.inv.Findings, scanner.Finding{
			Rule: r.ID, Framework: r.Framework, Era: era, Category: r.Category,
			Symbol: firstSymbol(r), Kind: kind, File: file, Line: b.next[file], Column: 1,
			Fingerprint: fmt.Sprintf("%s/%s/%d", file, r.ID, b.next[file]),
		})
		b.lines[file] += 3
	}
	return b
}

// unknown records a finding of a rule the catalog does not know.
func (b *invBuilder) unknown(file, ruleID, framework string) *invBuilder {
	b.next[file]++
	b.inv.Findings = append(b.inv.Findings, scanner.Finding{
		Rule: ruleID, Framework: framework, Era: "tf2", Category: "ops", Symbol: "x.y",
		Kind: scanner.KindCall, File: file, Line: b.next[file], Column: 1,
	})
	return b
}

func firstSymbol(r *catalog.Rule) string {
	if len(r.Symbols) > 0 {
		return r.Symbols[0]
	}
	return r.ID
}

// build returns the inventory with its files listed and everything sorted, as
// the scanner returns it.
func (b *invBuilder) build() *scanner.Inventory {
	inv := b.inv
	inv.Findings = append([]scanner.Finding(nil), b.inv.Findings...)
	sort.SliceStable(inv.Findings, func(i, j int) bool {
		a, c := inv.Findings[i], inv.Findings[j]
		if a.File != c.File {
			return a.File < c.File
		}
		return a.Line < c.Line
	})
	inv.Files = nil
	count := map[string]int{}
	for _, f := range inv.Findings {
		count[f.File]++
	}
	for _, file := range sortedKeys(count) {
		inv.Files = append(inv.Files, scanner.FileReport{Path: file, Kind: "python", Lines: b.lines[file] + 10, Findings: count[file]})
	}
	inv.Summary.Findings = len(inv.Findings)
	return &inv
}

// estimate runs Estimate with the test catalog and fails the test on error.
func estimate(t testing.TB, inv *scanner.Inventory, opts Options) *Result {
	t.Helper()
	opts.Catalog = testCatalog(t)
	res, err := Estimate(inv, opts)
	if err != nil {
		t.Fatalf("Estimate: %v", err)
	}
	return res
}

func pathByID(t testing.TB, res *Result, id string) PathEstimate {
	t.Helper()
	for _, p := range res.Paths {
		if p.ID == id {
			return p
		}
	}
	var ids []string
	for _, p := range res.Paths {
		ids = append(ids, p.ID)
	}
	t.Fatalf("path %s not in the estimate (has %v)", id, ids)
	return PathEstimate{}
}
