package estimator

import "math"

// The effort model, as pure functions of numbers.
//
// Reference footprint. A row of the guide prices the whole migration of a "typical
// production codebase" without saying how big that is. The model states it in the
// inventory's own measure, effort hours on the path:
//
//	work   = Σ uses × hours of the rule's level on the path
//	       + model definitions × parity_validation_hours
//	       + files showing a blocker tag × that tag's chunk hours
//	effort = work × (1 + overhead)
//
// The typical codebase is the one whose effort equals the guide's midpoint in
// hours: R = (low + high) / 2 engineer-months × hours_per_month. With the default
// 160 hours a month that is 1,840 h for tf1-to-tf2, 4,800 h for tf2-to-pytorch,
// 3,200 h for pytorch-to-jax and 1,360 h for any-to-keras3; with the default 25%
// overhead, 1,472, 3,840, 2,560 and 1,088 hours of work. A model file may set
// reference_hours per path instead.
//
// Scaling rule. ratio = effort / R, and the guide's ranges are multiplied by
//
//	scale = ratio          when ratio ≤ 1: a smaller codebase costs the sum of its parts;
//	scale = ratio ^ b      when ratio > 1: coordination grows faster than size
//	                       (b = growth_exponent, 1.12 by default: COCOMO's
//	                       semi-detached mode, Boehm 1981).
//
// At the reference footprint ratio is 1 and the guide's table comes out exactly.
// Both branches increase with the ratio and meet at 1, so more work never costs
// less. A codebase ten times the reference costs 10^1.12 ≈ 13.2 times the guide.
//
// Floor. A path with any work costs at least floor_hours of effort (half a day by
// default), shaped like the guide's range, so a one-file script gets hours or days.
//
// Timeline. timeline = engineer-months / team, where team is, by default, the
// guide's own staffing for the path (eng-months / months at each bound, 2.5 to
// 3.75), which reproduces the guide's timelines at the reference. Work that cannot
// be split puts a floor under it: one engineer migrates a file, so the timeline is
// at least the costliest file's effort (guide range × file effort / reference), and
// at least the effort floor itself.

// effortHours adds the overhead share to the work.
func effortHours(work, overhead float64) float64 { return work * (1 + overhead) }

// growth is the scale factor at a ratio of the reference.
func growth(ratio, exponent float64) float64 {
	if ratio <= 1 {
		return ratio
	}
	return math.Pow(ratio, exponent)
}

// scaleRange multiplies both bounds of the guide's range.
func scaleRange(guide Range, scale float64) Range {
	return Range{Low: guide.Low * scale, High: guide.High * scale}
}

// floorRange is the floor in engineer-months, keeping the guide's range shape
// around it: floorHours is the midpoint.
func floorRange(guide Range, floorHours, hoursPerMonth float64) Range {
	mid := guide.Mid()
	months := floorHours / hoursPerMonth
	return Range{Low: months * guide.Low / mid, High: months * guide.High / mid}
}

// maxRange is the bound-by-bound maximum.
func maxRange(a, b Range) Range {
	return Range{Low: math.Max(a.Low, b.Low), High: math.Max(a.High, b.High)}
}

// guideStaffing is the team the guide's row implies at each bound.
func guideStaffing(engMonths, timelineMonths Range) Range {
	return Range{Low: engMonths.Low / timelineMonths.Low, High: engMonths.High / timelineMonths.High}
}

// indivisibleRange is the floor that work which cannot be split puts under the
// timeline: effort hours that one engineer does alone, in the guide's range shape
// relative to the reference (guide × hours / reference). It depends on those hours
// only, so adding work elsewhere never lowers it.
func indivisibleRange(guide Range, hours, referenceHours float64) Range {
	return scaleRange(guide, hours/referenceHours)
}

// paceRange is the timeline at the team's pace: engineer-months / team.
func paceRange(engMonths, team Range) Range {
	return Range{Low: engMonths.Low / team.Low, High: engMonths.High / team.High}
}

// timelineRange divides the engineer-months by the team, and keeps the timeline
// at or above the floor of indivisible work. It reports whether the floor mattered.
func timelineRange(engMonths, team, floor Range) (Range, bool) {
	t := paceRange(engMonths, team)
	out := maxRange(t, floor)
	return out, out != t
}
