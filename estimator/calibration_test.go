package estimator

import (
	"fmt"
	"math"
	"testing"

	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// typical is the reference footprint of each path written as an inventory: a
// codebase whose findings, weighed by the default model, come to the path's
// reference effort (guide midpoint × 160 h). Each mix is a plausible production
// codebase for the path, with no blocker; fill is the trivial-level rule that tops
// the work up to the reference exactly. docs/estimation.md quotes these mixes.
var typical = []struct {
	path  string
	mix   []use
	fill  string
	files int
}{
	// Five times the tf1-graph fixture's mix: most TF1 uses are redesigns.
	{"tf1-to-tf2", []use{
		{"est.tf1-rename", 215}, {"est.tf1-minor", 125}, {"est.tf1-placeholder", 95},
		{"est.tf1-session", 365}, {"est.tf1-estimator-model", 5}, {"est.tf-core", 2000},
	}, "est.tf1-rename", 40},
	{"tf2-to-pytorch", []use{
		{"est.tf-core", 3000}, {"est.tf2-function", 700}, {"est.tf2-distribute", 150},
		{"est.keras-model", 40}, {"est.keras-fit-generator", 40},
	}, "est.tf-import", 60},
	{"pytorch-to-jax", []use{
		{"est.torch-api", 2000}, {"est.torch-inplace", 800}, {"est.torch-compile", 400},
		{"est.torch-module", 60},
	}, "est.torch-api", 50},
	{"any-to-keras3", []use{
		{"est.keras-model", 30}, {"est.keras-fit-generator", 100}, {"est.tf2-function", 200},
		{"est.tf-core", 500}, {"est.tf2-distribute", 50}, {"est.keras-layer", 600},
	}, "est.tf-import", 40},
}

type use struct {
	rule string
	n    int
}

// typicalInventory spreads a mix over files in four folders, round robin, then
// tops the path's work up to the reference.
func typicalInventory(t testing.TB, pathID string, mix []use, fill string, files int) *invBuilder {
	t.Helper()
	m := DefaultModel()
	p := findPath(t, pathID)
	b := newInv(t)
	k := 0
	place := func(rule string, n int) {
		for i := 0; i < n; i++ {
			b.add(fmt.Sprintf("pkg%d/module_%02d.py", k%4, k%files), rule, 1)
			k++
		}
	}
	for _, u := range mix {
		place(u.rule, u.n)
	}
	ref, _ := m.ReferenceFor(&p)
	work := workOf(t, b, p, m)
	want := ref / (1 + m.Overhead)
	fillHours := m.Levels.Hours(b.cat.Rule(fill).LevelFor(pathID))
	if want < work {
		t.Fatalf("%s: mix already weighs %.2f h, more than the reference work %.2f h", pathID, work, want)
	}
	n := (want - work) / fillHours
	if n != math.Trunc(n) {
		t.Fatalf("%s: %.4f h of work to fill is not a whole number of %s uses", pathID, want-work, fill)
	}
	place(fill, int(n))
	return b
}

func workOf(t testing.TB, b *invBuilder, p paths.Path, m Model) float64 {
	items := classify(b.build(), b.cat)
	return tallyPath(&p, items, m, func(it *item) (catalog.Level, bool) { return countsOn(&p, it) }).work
}

func findPath(t testing.TB, id string) paths.Path {
	t.Helper()
	for _, p := range DefaultPaths() {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no default path %s", id)
	return paths.Path{}
}

// TestCalibration proves that the default model reproduces the guide's table
// exactly, at the precision of the report, at each path's reference footprint.
func TestCalibration(t *testing.T) {
	for _, tc := range typical {
		t.Run(tc.path, func(t *testing.T) {
			p := findPath(t, tc.path)
			b := typicalInventory(t, tc.path, tc.mix, tc.fill, tc.files)
			m := DefaultModel()
			ref, _ := m.ReferenceFor(&p)
			if effort := effortHours(workOf(t, b, p, m), m.Overhead); effort != ref {
				t.Fatalf("the mix weighs %v effort hours, not the reference %v", effort, ref)
			}
			inv := b.build()
			res := estimate(t, inv, Options{})
			got := pathByID(t, res, tc.path)
			if got.EngMonths.Low != p.EngMonths.Low || got.EngMonths.High != p.EngMonths.High {
				t.Errorf("eng_months = %v–%v, guide says %v–%v", got.EngMonths.Low, got.EngMonths.High, p.EngMonths.Low, p.EngMonths.High)
			}
			if got.TimelineMonths.Low != p.TimelineMonths.Low || got.TimelineMonths.High != p.TimelineMonths.High {
				t.Errorf("timeline_months = %v–%v, guide says %v–%v", got.TimelineMonths.Low, got.TimelineMonths.High, p.TimelineMonths.Low, p.TimelineMonths.High)
			}
			if got.Risk != p.Risk {
				t.Errorf("risk = %s, guide says %s", got.Risk, p.Risk)
			}
			if got.Calculation.Ratio != 1 {
				t.Errorf("ratio = %v, want 1 at the reference footprint", got.Calculation.Ratio)
			}
			t.Logf("%s reference footprint: %d counted uses, %d model definitions, %.2f h work, %.2f h effort",
				tc.path, got.Calculation.Uses, got.Calculation.Models.Count, got.Calculation.WorkHours, got.Calculation.EffortHours)
		})
	}
}

// TestCalibrationExact checks the arithmetic itself with no rounding: work equal to
// the reference gives the guide's numbers bit for bit.
func TestCalibrationExact(t *testing.T) {
	m := DefaultModel()
	for _, p := range DefaultPaths() {
		ref, _ := m.ReferenceFor(&p)
		effort := ref // the reference footprint, by definition
		scale := growth(effort/ref, m.GrowthExponent)
		em := scaleRange(p.EngMonths, scale)
		if em.Low != p.EngMonths.Low || em.High != p.EngMonths.High {
			t.Errorf("%s: eng-months %v, guide %v", p.ID, em, p.EngMonths)
		}
		tl, _ := timelineRange(em, guideStaffing(p.EngMonths, p.TimelineMonths), Range{})
		if math.Abs(tl.Low-p.TimelineMonths.Low) > 1e-12 || math.Abs(tl.High-p.TimelineMonths.High) > 1e-12 {
			t.Errorf("%s: timeline %v, guide %v", p.ID, tl, p.TimelineMonths)
		}
	}
}

// The default references are the guide's midpoints in hours, not free numbers.
func TestDefaultReferenceIsGuideMidpoint(t *testing.T) {
	m := DefaultModel()
	want := map[string]float64{"tf1-to-tf2": 1840, "tf2-to-pytorch": 4800, "pytorch-to-jax": 3200, "any-to-keras3": 1360}
	for _, p := range DefaultPaths() {
		got, basis := m.ReferenceFor(&p)
		if got != want[p.ID] {
			t.Errorf("%s: reference %v h, want %v (%s)", p.ID, got, want[p.ID], basis)
		}
	}
}
