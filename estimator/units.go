package estimator

import (
	"math"
	"strconv"
	"strings"
)

// Calendar conventions for showing an estimate in people's units. The model's
// hours_per_month sets how many days a month holds.
const (
	hoursPerDay = 8
	daysPerWeek = 5
)

// unit is a display unit with its size in hours.
type unit struct {
	name  string
	hours float64
}

// pickUnit chooses the unit a person would use for an amount of high hours: hours
// under a day, days under two weeks, weeks under two months, months beyond.
func pickUnit(high, hoursPerMonth float64) unit {
	switch {
	case high < hoursPerDay:
		return unit{"hours", 1}
	case high < 2*hoursPerDay*daysPerWeek:
		return unit{"days", hoursPerDay}
	case high < 2*hoursPerMonth:
		return unit{"weeks", hoursPerDay * daysPerWeek}
	}
	return unit{"months", hoursPerMonth}
}

// RangeText renders a range of months in the unit a person would use, e.g.
// "3–6 days", or with engineer set "3–6 engineer-days"; a range with nothing to
// do (high at or below zero) is "none". hoursPerMonth is the model's
// hours_per_month and must be positive. Every estimate's Text is written by it,
// and so are the totals of a portfolio, so both read alike.
func RangeText(low, high, hoursPerMonth float64, engineer bool) string {
	if high <= 0 {
		return "none"
	}
	u := pickUnit(high*hoursPerMonth, hoursPerMonth)
	name := u.name
	if engineer {
		name = "engineer-" + name
	}
	l := oneDecimal(low * hoursPerMonth / u.hours)
	h := oneDecimal(high * hoursPerMonth / u.hours)
	if l == h {
		if l == "1" {
			name = strings.TrimSuffix(name, "s")
		}
		return l + " " + name
	}
	return l + "–" + h + " " + name
}

// rangeText is RangeText under the name the estimator's own files call it by.
func rangeText(low, high, hoursPerMonth float64, engineer bool) string {
	return RangeText(low, high, hoursPerMonth, engineer)
}

func oneDecimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// round2 rounds hours to two decimals. Every number in a Result is rounded (hours
// to 2 decimals, months to 3, ratios and shares to 4), so the JSON is the same
// bytes on every platform.
func round2(x float64) float64 {
	r := math.Round(x*100) / 100
	if r == 0 {
		return 0 // no negative zero
	}
	return r
}

// round3 rounds months: a thousandth of a month is about ten minutes, so small
// estimates keep their meaning while the JSON stays stable.
func round3(x float64) float64 {
	r := math.Round(x*1000) / 1000
	if r == 0 {
		return 0
	}
	return r
}

// round4 keeps ratios and scale factors readable without hiding small codebases.
func round4(x float64) float64 {
	r := math.Round(x*10000) / 10000
	if r == 0 {
		return 0
	}
	return r
}

// num renders a number for text with at most two decimals and no trailing zeros.
func num(x float64) string {
	return strconv.FormatFloat(round2(x), 'f', -1, 64)
}

// months renders a number of months with at most three decimals.
func months(x float64) string {
	return strconv.FormatFloat(round3(x), 'f', -1, 64)
}

// count renders a whole number with thousands separators.
func count(n int) string {
	s := hoursText(float64(n))
	return s[:len(s)-3]
}

// hoursText renders hours with two decimals and thousands separators, for the
// columns of Explain.
func hoursText(x float64) string {
	s := strconv.FormatFloat(round2(x), 'f', 2, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}
