package portfolio

import "testing"

// TestRangeTextMatchesEstimator renders every range of the fixtures' estimates
// again: the portfolio's totals must read in the estimator's own units.
func TestRangeTextMatchesEstimator(t *testing.T) {
	n := 0
	for _, name := range fixtureNames {
		est := fixtureReport(t, name).Estimate
		check := func(what string, r Range, engineer bool) {
			t.Helper()
			if r.Text == "" {
				return
			}
			n++
			if got := rangeText(r.Low, r.High, est.HoursPerMonth, engineer); got != r.Text {
				t.Errorf("%s %s: rangeText(%g, %g) = %q, the estimator wrote %q", name, what, r.Low, r.High, got, r.Text)
			}
		}
		for _, p := range est.Paths {
			check(p.ID+" eng_months", p.EngMonths, true)
			check(p.ID+" timeline", p.TimelineMonths, false)
		}
		if est.Route != nil {
			check("route eng_months", est.Route.EngMonths, true)
			check("route timeline", est.Route.TimelineMonths, false)
		}
	}
	if n < 10 {
		t.Fatalf("only %d ranges checked", n)
	}
}

func TestRangeTextUnits(t *testing.T) {
	tests := []struct {
		low, high float64
		engineer  bool
		want      string
	}{
		{0, 0, true, "none"},
		{0.01, 0.02, true, "1.6–3.2 engineer-hours"},
		{0.1, 0.2, false, "2–4 days"},
		{0.25, 0.5, true, "1–2 engineer-weeks"},
		{3, 6, false, "3–6 months"},
		{2, 2, false, "2 months"},
		{0.0125, 0.0125, true, "2 engineer-hours"},
	}
	for _, tt := range tests {
		if got := rangeText(tt.low, tt.high, 160, tt.engineer); got != tt.want {
			t.Errorf("rangeText(%g, %g) = %q, want %q", tt.low, tt.high, got, tt.want)
		}
	}
}
