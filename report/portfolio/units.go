package portfolio

import (
	"math"
	"strconv"
	"strings"
)

// defaultHoursPerMonth is the default model's conversion, used when no report
// carries an estimate.
const defaultHoursPerMonth = 160

// Calendar conventions, as the estimator shows its ranges.
const (
	hoursPerDay = 8
	daysPerWeek = 5
)

// withText rounds a range of months and renders it as the estimator does: in the
// unit a person would use, "3–6 engineer-weeks" or "4.5–9 months".
func withText(r Range, hoursPerMonth float64, engineer bool) Range {
	out := Range{Low: round3(r.Low), High: round3(r.High)}
	out.Text = rangeText(out.Low, out.High, hoursPerMonth, engineer)
	return out
}

// rangeText follows estimator's rendering (estimator/units.go), which is not
// exported: hours under a day, days under two weeks, weeks under two months,
// months beyond.
func rangeText(low, high, hoursPerMonth float64, engineer bool) string {
	if high <= 0 {
		return "none"
	}
	if hoursPerMonth <= 0 {
		hoursPerMonth = defaultHoursPerMonth
	}
	name, size := "months", hoursPerMonth
	switch h := high * hoursPerMonth; {
	case h < hoursPerDay:
		name, size = "hours", 1
	case h < 2*hoursPerDay*daysPerWeek:
		name, size = "days", hoursPerDay
	case h < 2*hoursPerMonth:
		name, size = "weeks", hoursPerDay*daysPerWeek
	}
	if engineer {
		name = "engineer-" + name
	}
	l := oneDecimal(low * hoursPerMonth / size)
	h := oneDecimal(high * hoursPerMonth / size)
	if l == h {
		if l == "1" {
			name = strings.TrimSuffix(name, "s")
		}
		return l + " " + name
	}
	return l + "–" + h + " " + name
}

func oneDecimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
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
