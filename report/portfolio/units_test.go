package portfolio

import (
	"math"
	"testing"
)

// TestWithText checks the rounding a portfolio adds to the estimator's rendering:
// months to three decimals, and numbers a hostile report could carry read as
// nothing rather than as a broken text.
func TestWithText(t *testing.T) {
	tests := []struct {
		in       Range
		engineer bool
		want     Range
	}{
		{Range{Low: 0.01234, High: 0.02468}, true, Range{Low: 0.012, High: 0.025, Text: "1.9–4 engineer-hours"}},
		{Range{Low: 3, High: 6}, false, Range{Low: 3, High: 6, Text: "3–6 months"}},
		{Range{Low: math.NaN(), High: math.NaN()}, true, Range{Text: "none"}},
		{Range{Low: -1, High: -0.5}, true, Range{Low: -1, High: -0.5, Text: "none"}},
		{Range{Low: 0.0001, High: 0.0004}, true, Range{Text: "none"}},
	}
	for _, tt := range tests {
		if got := withText(tt.in, 160, tt.engineer); got != tt.want {
			t.Errorf("withText(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}
