package estimator

import (
	"math"
	"testing"
)

func TestGrowth(t *testing.T) {
	tests := []struct {
		ratio, exponent, want float64
	}{
		{0, 1.12, 0},
		{0.01, 1.12, 0.01},
		{0.5, 1.12, 0.5},
		{1, 1.12, 1},
		{2, 1, 2},
		{10, 1.12, math.Pow(10, 1.12)},
		{10, 2, 100},
	}
	for _, tt := range tests {
		if got := growth(tt.ratio, tt.exponent); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("growth(%v, %v) = %v, want %v", tt.ratio, tt.exponent, got, tt.want)
		}
	}
}

// The growth rule must never decrease, and must not jump at the reference.
func TestGrowthIsMonotoneAndContinuous(t *testing.T) {
	for _, b := range []float64{1, 1.05, 1.12, 1.2, 2} {
		prev := -1.0
		for r := 0.0; r <= 20; r += 0.001 {
			g := growth(r, b)
			if g < prev {
				t.Fatalf("growth(%v, %v) = %v is below growth at the previous ratio %v", r, b, g, prev)
			}
			prev = g
		}
		if d := growth(1+1e-9, b) - growth(1, b); d > 1e-8 {
			t.Errorf("growth jumps by %v at the reference for exponent %v", d, b)
		}
	}
}

func TestFloorRangeKeepsGuideShape(t *testing.T) {
	guide := Range{Low: 20, High: 40}
	got := floorRange(guide, 4, 152)
	mid := 4.0 / 152
	if math.Abs(got.Low-mid*20/30) > 1e-12 || math.Abs(got.High-mid*40/30) > 1e-12 {
		t.Errorf("floorRange = %+v, want a range around %v months shaped like 20–40", got, mid)
	}
	if math.Abs((got.Low+got.High)/2-mid) > 1e-12 {
		t.Errorf("floor midpoint %v, want %v", (got.Low+got.High)/2, mid)
	}
}

func TestTimelineRange(t *testing.T) {
	tests := []struct {
		name       string
		em, team   Range
		floor      Range
		want       Range
		floorBinds bool
	}{
		{"team divides", Range{Low: 8, High: 15}, Range{Low: 4, High: 5}, Range{}, Range{Low: 2, High: 3}, false},
		{"one engineer", Range{Low: 1, High: 2}, Range{Low: 1, High: 1}, Range{Low: 0.5, High: 1}, Range{Low: 1, High: 2}, false},
		{"indivisible file", Range{Low: 3, High: 6}, Range{Low: 3, High: 3}, Range{Low: 2, High: 4}, Range{Low: 2, High: 4}, true},
		{"floor on one bound", Range{Low: 3, High: 6}, Range{Low: 3, High: 3}, Range{Low: 1.5, High: 1}, Range{Low: 1.5, High: 2}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, binds := timelineRange(tt.em, tt.team, tt.floor)
			if got != tt.want || binds != tt.floorBinds {
				t.Errorf("timelineRange = %+v (floor %v), want %+v (floor %v)", got, binds, tt.want, tt.floorBinds)
			}
		})
	}
}

func TestGuideStaffingIsAboutThree(t *testing.T) {
	for _, p := range DefaultPaths() {
		s := guideStaffing(p.EngMonths, p.TimelineMonths)
		for _, n := range []float64{s.Low, s.High} {
			if n < 2.5 || n > 3.75 {
				t.Errorf("%s: the guide's staffing %v is outside 2.5–3.75", p.ID, n)
			}
		}
	}
}

// TestCodeAlreadyOnTargetDoesNotCount: a Keras 3 model on any-to-keras3 costs
// nothing, even though its rule sets a level for that path (the rule also covers
// Keras 2 models, which do cost).
func TestCodeAlreadyOnTargetDoesNotCount(t *testing.T) {
	keras2 := estimate(t, newInv(t).addEra("m.py", "est.keras-model", "keras2", 10).build(), Options{Catalog: testCatalog(t)})
	keras3 := estimate(t, newInv(t).addEra("m.py", "est.keras-model", "keras3", 10).build(), Options{Catalog: testCatalog(t)})
	var on2, on3 bool
	for _, p := range keras2.Paths {
		on2 = on2 || p.ID == "any-to-keras3" && p.Calculation.Uses > 0
	}
	for _, p := range keras3.Paths {
		on3 = on3 || p.ID == "any-to-keras3" && p.Calculation.Uses > 0
	}
	if !on2 {
		t.Error("Keras 2 models should count on any-to-keras3")
	}
	if on3 {
		t.Error("Keras 3 models are already on the target and must not count on any-to-keras3")
	}
}
