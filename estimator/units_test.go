package estimator

import "testing"

func TestRangeText(t *testing.T) {
	tests := []struct {
		low, high, hoursPerMonth float64
		engineer                 bool
		want                     string
	}{
		{0, 0, 152, true, "none"},
		{-2, -1, 152, true, "none"},
		{2.0 / 152, 4.0 / 152, 152, true, "2–4 engineer-hours"},
		{8.0 / 152, 24.0 / 152, 152, true, "1–3 engineer-days"},
		{1.0 / 19, 1.0 / 19, 152, false, "1 day"},
		{40.0 / 152, 72.0 / 152, 152, true, "5–9 engineer-days"},
		{80.0 / 152, 160.0 / 152, 152, false, "2–4 weeks"},
		{3, 6, 152, false, "3–6 months"},
		{8, 15, 152, true, "8–15 engineer-months"},
		{10.66, 21.33, 152, true, "10.7–21.3 engineer-months"},
		// At the default model's 160 hours a month, as a portfolio's totals are.
		{0.01, 0.02, 160, true, "1.6–3.2 engineer-hours"},
		{0.1, 0.2, 160, false, "2–4 days"},
		{0.25, 0.5, 160, true, "1–2 engineer-weeks"},
		{2, 2, 160, false, "2 months"},
		{0.0125, 0.0125, 160, true, "2 engineer-hours"},
	}
	for _, tt := range tests {
		if got := RangeText(tt.low, tt.high, tt.hoursPerMonth, tt.engineer); got != tt.want {
			t.Errorf("RangeText(%v, %v, %v) = %q, want %q", tt.low, tt.high, tt.hoursPerMonth, got, tt.want)
		}
	}
}

func TestHoursText(t *testing.T) {
	tests := map[float64]string{0: "0.00", 0.25: "0.25", 1344.5: "1,344.50", 4560: "4,560.00", 1234567.891: "1,234,567.89", -1500: "-1,500.00"}
	for in, want := range tests {
		if got := hoursText(in); got != want {
			t.Errorf("hoursText(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestRoundingHasNoNegativeZero(t *testing.T) {
	if s := num(round2(-0.001)); s != "0" {
		t.Errorf("round2(-0.001) renders as %q", s)
	}
}
