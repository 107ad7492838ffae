package portfolio

import (
	"math"

	"github.com/frameshift/frameshift/estimator"
)

// defaultHoursPerMonth is the default model's conversion, used when no report
// carries an estimate.
const defaultHoursPerMonth = 160

// withText rounds a range of months and renders it as the estimator renders its
// own: in the unit a person would use, "3–6 engineer-weeks" or "4.5–9 months".
// hoursPerMonth is positive (commonHoursPerMonth).
func withText(r Range, hoursPerMonth float64, engineer bool) Range {
	out := Range{Low: round3(r.Low), High: round3(r.High)}
	out.Text = estimator.RangeText(out.Low, out.High, hoursPerMonth, engineer)
	return out
}

// round3 rounds months, as the estimator does: a thousandth of a month is about
// ten minutes.
func round3(x float64) float64 {
	return roundTo(x, 1000)
}

// round4 rounds shares.
func round4(x float64) float64 {
	return roundTo(x, 10000)
}

// roundTo rounds to 1/scale; a number too large to scale is already whole.
func roundTo(x, scale float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	if math.IsInf(x*scale, 0) {
		return x
	}
	r := math.Round(x*scale) / scale
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}
