package estimator

import "testing"

func TestRangeText(t *testing.T) {
	tests := []struct {
		low, high float64
		engineer  bool
		want      string
	}{
		{0, 0, true, "none"},
		{2.0 / 152, 4.0 / 152, true, "2–4 engineer-hours"},
		{8.0 / 152, 24.0 / 152, true, "1–3 engineer-days"},
		{1.0 / 19, 1.0 / 19, false, "1 day"},
		{40.0 / 152, 72.0 / 152, true, "5–9 engineer-days"},
		{80.0 / 152, 160.0 / 152, false, "2–4 weeks"},
		{3, 6, false, "3–6 months"},
		{8, 15, true, "8–15 engineer-months"},
		{10.66, 21.33, true, "10.7–21.3 engineer-months"},
	}
	for _, tt := range tests {
		if got := rangeText(tt.low, tt.high, 152, tt.engineer); got != tt.want {
			t.Errorf("rangeText(%v, %v) = %q, want %q", tt.low, tt.high, got, tt.want)
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
