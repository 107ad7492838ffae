package estimator

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// testRuleIDs are the est.* rules of testdata/rules.yaml.
func testRuleIDs(t testing.TB) []string {
	var ids []string
	for _, r := range testCatalog(t).Rules() {
		if len(r.ID) > 4 && r.ID[:4] == "est." {
			ids = append(ids, r.ID)
		}
	}
	sort.Strings(ids)
	if len(ids) < 20 {
		t.Fatalf("only %d test rules", len(ids))
	}
	return ids
}

var randomFiles = []string{
	"train.py", "models/net.py", "models/layers.py", "data/input.py",
	"data/aug.py", "serve/export.py", "notebooks/explore.ipynb", "legacy/graph.py",
}

// randomFinding picks a rule and file; keras findings sometimes carry the era the
// scanner settled from the manifests.
func randomFinding(r *rand.Rand, b *invBuilder, rules []string) {
	rule := rules[r.IntN(len(rules))]
	file := randomFiles[r.IntN(len(randomFiles))]
	era := ""
	if b.cat.Rule(rule).Era == "keras2" && r.IntN(4) == 0 {
		era = "keras3"
	}
	b.addEra(file, rule, era, 1)
}

// everyPath estimates every path over the whole inventory, applicable or not.
func everyPath(t testing.TB, inv *scanner.Inventory) map[string]PathEstimate {
	m := DefaultModel()
	items := classify(inv, testCatalog(t))
	out := map[string]PathEstimate{}
	for _, p := range DefaultPaths() {
		p := p
		tl := tallyPath(&p, items, m, func(it *item) (catalog.Level, bool) { return countsOn(&p, it) })
		out[p.ID] = estimatePath(&p, tl, m, teamChoice{basis: "guide"})
	}
	return out
}

func notLower(what string, before, after Range) error {
	if after.Low < before.Low || after.High < before.High {
		return fmt.Errorf("%s fell from %v–%v to %v–%v", what, before.Low, before.High, after.Low, after.High)
	}
	return nil
}

// TestMonotone is the property test: adding a finding to any inventory never
// lowers a bound of any path, of any applicable path, or of the route to any
// target, nor lowers a risk. A seeded generator makes failures reproducible.
func TestMonotone(t *testing.T) {
	rules := testRuleIDs(t)
	r := rand.New(rand.NewPCG(2026, 11))
	cases := 300
	if testing.Short() {
		cases = 60
	}
	for c := 0; c < cases; c++ {
		base := newInv(t)
		for n := r.IntN(60); n > 0; n-- {
			randomFinding(r, base, rules)
		}
		before := base.build()
		randomFinding(r, base, rules)
		after := base.build()
		added := after.Findings[len(after.Findings)-1]
		for i := range after.Findings {
			// find the one finding not in before, for the failure message
			if i >= len(before.Findings) || after.Findings[i] != before.Findings[i] {
				added = after.Findings[i]
				break
			}
		}
		fail := func(err error) {
			t.Fatalf("case %d: adding %s in %s: %v", c, added.Rule, added.File, err)
		}

		pb, pa := everyPath(t, before), everyPath(t, after)
		for id, b := range pb {
			a := pa[id]
			if err := notLower(id+" engineer-months", b.EngMonths, a.EngMonths); err != nil {
				fail(err)
			}
			if err := notLower(id+" timeline", b.TimelineMonths, a.TimelineMonths); err != nil {
				fail(err)
			}
			if a.Risk.Rank() < b.Risk.Rank() {
				fail(fmt.Errorf("%s risk fell from %s to %s", id, b.Risk, a.Risk))
			}
		}

		for _, target := range append([]string{""}, Targets...) {
			rb := estimate(t, before, Options{Target: target})
			ra := estimate(t, after, Options{Target: target})
			listed := map[string]PathEstimate{}
			for _, p := range rb.Paths {
				listed[p.ID] = p
			}
			for _, a := range ra.Paths {
				if b, ok := listed[a.ID]; ok {
					if err := notLower("listed "+a.ID, b.EngMonths, a.EngMonths); err != nil {
						fail(err)
					}
				}
			}
			if target == "" || rb.Route == nil {
				continue
			}
			if err := notLower("route to "+target+" engineer-months", rb.Route.EngMonths, ra.Route.EngMonths); err != nil {
				fail(err)
			}
			if err := notLower("route to "+target+" timeline", rb.Route.TimelineMonths, ra.Route.TimelineMonths); err != nil {
				fail(err)
			}
			if ra.Route.Risk.Rank() < rb.Route.Risk.Rank() {
				fail(fmt.Errorf("route to %s risk fell from %s to %s", target, rb.Route.Risk, ra.Route.Risk))
			}
		}
	}
}
