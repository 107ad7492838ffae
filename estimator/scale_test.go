package estimator

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// A one-file script is priced in days, not months, on every path that applies.
func TestOneFileScriptGetsDays(t *testing.T) {
	tests := []struct {
		name string
		b    func(*invBuilder)
	}{
		{"tf1 script", func(b *invBuilder) {
			b.add("train.py", "est.tf1-session", 1).add("train.py", "est.tf1-placeholder", 2).
				add("train.py", "est.tf1-rename", 10).add("train.py", "est.tf-core", 15)
		}},
		{"keras script", func(b *invBuilder) {
			b.add("train.py", "est.tf-import", 1).add("train.py", "est.keras-model", 1).
				add("train.py", "est.keras-layer", 10).add("train.py", "est.tf-core", 5)
		}},
		{"torch script", func(b *invBuilder) {
			b.add("train.py", "est.torch-module", 1).add("train.py", "est.torch-api", 30).add("train.py", "est.torch-inplace", 4)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newInv(t)
			tt.b(b)
			res := estimate(t, b.build(), Options{})
			if len(res.Paths) == 0 {
				t.Fatal("no path applies")
			}
			for _, p := range res.Paths {
				text := p.EngMonths.Text
				if !strings.HasSuffix(text, "engineer-days") && !strings.HasSuffix(text, "engineer-hours") {
					t.Errorf("%s: %q, want days or hours", p.ID, text)
				}
				if p.EngMonths.High == 0 || p.EngMonths.High > 0.5 {
					t.Errorf("%s: %v engineer-months for one file", p.ID, p.EngMonths)
				}
				// One file is one engineer's: the timeline is the effort itself.
				if p.TimelineMonths.Low != p.EngMonths.Low || p.TimelineMonths.High != p.EngMonths.High {
					t.Errorf("%s: timeline %v, want the engineer-months %v (one file, one engineer)", p.ID, p.TimelineMonths, p.EngMonths)
				}
			}
		})
	}
}

// The floor gives a one-line import half a day rather than minutes.
func TestFloorForTinyWork(t *testing.T) {
	res := estimate(t, newInv(t).add("a.py", "est.tf-import", 1).build(), Options{})
	p := pathByID(t, res, "tf2-to-pytorch")
	if !p.Calculation.FloorApplied {
		t.Fatalf("floor not applied to %v h of work", p.Calculation.WorkHours)
	}
	mid := (p.EngMonths.Low + p.EngMonths.High) / 2 * 160
	if math.Abs(mid-4) > 0.05 {
		t.Errorf("floor midpoint %.2f h, want the model's 4 h", mid)
	}
	if !strings.HasSuffix(p.EngMonths.Text, "engineer-hours") {
		t.Errorf("text %q, want hours", p.EngMonths.Text)
	}
}

// A path with nothing to do costs nothing and has no floor.
func TestNoWorkNoFloor(t *testing.T) {
	// Keras layers have level none on any-to-keras3 in the test rules.
	res := estimate(t, newInv(t).add("m.py", "est.keras-layer", 20).build(), Options{})
	p := pathByID(t, res, "any-to-keras3")
	if p.EngMonths.High != 0 || p.TimelineMonths.High != 0 || p.Calculation.FloorApplied {
		t.Errorf("any-to-keras3 with no counted work: %+v / %+v", p.EngMonths, p.TimelineMonths)
	}
	if p.EngMonths.Text != "none" {
		t.Errorf("text %q, want none", p.EngMonths.Text)
	}
}

// Ten times the reference costs more than ten times the guide: the growth rule.
func TestTenTimesReference(t *testing.T) {
	for _, tc := range typical {
		t.Run(tc.path, func(t *testing.T) {
			one := typicalInventory(t, tc.path, tc.mix, tc.fill, tc.files)
			ten := newInv(t)
			for _, f := range one.build().Findings {
				for copyN := 0; copyN < 10; copyN++ {
					ten.add(fmt.Sprintf("copy%d/%s", copyN, f.File), f.Rule, 1)
				}
			}
			p := findPath(t, tc.path)
			got := pathByID(t, estimate(t, ten.build(), Options{}), tc.path)
			if math.Abs(got.Calculation.Ratio-10) > 0.001 {
				t.Fatalf("ratio %v, want 10", got.Calculation.Ratio)
			}
			want := math.Pow(10, 1.12)
			if math.Abs(got.EngMonths.Low-p.EngMonths.Low*want) > 0.05 || math.Abs(got.EngMonths.High-p.EngMonths.High*want) > 0.05 {
				t.Errorf("eng_months %v, want guide × 10^1.12 = %.2f–%.2f", got.EngMonths, p.EngMonths.Low*want, p.EngMonths.High*want)
			}
			if got.EngMonths.Low <= 10*p.EngMonths.Low {
				t.Errorf("eng_months %v is not above ten times the guide's", got.EngMonths)
			}
		})
	}
}

func TestTeamSize(t *testing.T) {
	tc := typical[1] // tf2-to-pytorch at its reference: 20–40 engineer-months
	inv := typicalInventory(t, tc.path, tc.mix, tc.fill, tc.files).build()
	model := DefaultModel()
	model.Team = 4
	tests := []struct {
		name      string
		opts      Options
		wantTeam  float64 // 0: the guide's
		timeline  Range
		teamBasis string
	}{
		{"guide staffing", Options{}, 0, Range{Low: 6, High: 12}, "guide"},
		{"team of 5", Options{Team: 5}, 5, Range{Low: 4, High: 8}, "option"},
		{"team of 10", Options{Team: 10}, 10, Range{Low: 2, High: 4}, "option"},
		{"model team", Options{Model: model}, 4, Range{Low: 5, High: 10}, "model"},
		{"option beats model", Options{Model: model, Team: 2}, 2, Range{Low: 10, High: 20}, "option"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := estimate(t, inv, tt.opts)
			p := pathByID(t, res, tc.path)
			if p.TimelineMonths.Low != tt.timeline.Low || p.TimelineMonths.High != tt.timeline.High {
				t.Errorf("timeline %v, want %v", p.TimelineMonths, tt.timeline)
			}
			if p.EngMonths.Low != 20 || p.EngMonths.High != 40 {
				t.Errorf("team size changed the engineer-months: %v", p.EngMonths)
			}
			if p.Calculation.TeamBasis != tt.teamBasis {
				t.Errorf("team basis %q, want %q", p.Calculation.TeamBasis, tt.teamBasis)
			}
			switch {
			case tt.wantTeam == 0 && res.Team != nil:
				t.Errorf("team %v, want null (the guide's per path)", *res.Team)
			case tt.wantTeam != 0 && (res.Team == nil || *res.Team != tt.wantTeam):
				t.Errorf("team %v, want %v", res.Team, tt.wantTeam)
			}
		})
	}
}

// Work that cannot be split: one huge file keeps the timeline long however big
// the team.
func TestIndivisibleFileFloorsTimeline(t *testing.T) {
	b := newInv(t).add("legacy/monolith.py", "est.tf1-contrib", 40).add("legacy/small.py", "est.tf1-rename", 4)
	res := estimate(t, b.build(), Options{Team: 20})
	p := pathByID(t, res, "tf1-to-tf2")
	if !p.Calculation.TimelineFloorApplied {
		t.Fatalf("floor not applied: %+v", p.Calculation)
	}
	if p.Calculation.LargestFile != "legacy/monolith.py" {
		t.Errorf("largest file %q", p.Calculation.LargestFile)
	}
	if p.TimelineMonths.Low <= p.EngMonths.Low/20 {
		t.Errorf("timeline %v is just engineer-months / 20", p.TimelineMonths)
	}
	if p.TimelineMonths.High > p.EngMonths.High {
		t.Errorf("timeline %v longer than the whole effort %v", p.TimelineMonths, p.EngMonths)
	}
}
