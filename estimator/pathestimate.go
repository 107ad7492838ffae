package estimator

import (
	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// teamChoice is the team size in force: size 0 follows the guide's staffing.
type teamChoice struct {
	size  float64
	basis string
}

// estimatePath turns a path's tally into its estimate: effort, scale, ranges,
// floors, timeline, risk, drivers and breakdowns. See effort.go for the rules.
func estimatePath(p *paths.Path, t *tally, m Model, team teamChoice) PathEstimate {
	ref, basis := m.ReferenceFor(p)
	effort := effortHours(t.work, m.Overhead)
	ratio := effort / ref
	scale := growth(ratio, m.GrowthExponent)

	scaled := scaleRange(p.EngMonths, scale)
	em := scaled
	floorApplied := false
	var floor Range
	if t.work > 0 {
		floor = floorRange(p.EngMonths, m.FloorHours, m.HoursPerMonth)
		raised := maxRange(em, floor)
		floorApplied = raised != em
		em = raised
	}

	staff := guideStaffing(p.EngMonths, p.TimelineMonths)
	if team.size > 0 {
		staff = Range{Low: team.size, High: team.size}
	}
	largest, largestHours := t.largestFile()
	indivisible := maxRange(floor, indivisibleRange(p.EngMonths, effortHours(largestHours, m.Overhead), ref))
	timeline, timelineFloor := timelineRange(em, staff, indivisible)

	bs := blockers(t, m)
	est := PathEstimate{
		ID:             p.ID,
		From:           p.From,
		To:             p.To,
		Target:         p.Target,
		EngMonths:      m.rangeOut(em, true),
		TimelineMonths: m.rangeOut(timeline, false),
		Risk:           riskWith(p.Risk, bs),
		Team:           Range{Low: round2(staff.Low), High: round2(staff.High)},
		Drivers:        drivers(t),
		Blockers:       bs,
		Parts:          m.sharesOut(t.byPart, t.work, em),
		Folders:        m.sharesOut(t.byFolder, t.work, em),
		Calculation: Calculation{
			Uses:                 t.uses,
			Levels:               levelLines(t, m),
			Models:               ModelLine{Count: t.models, HoursEach: round2(m.ParityValidationHours), Hours: round2(float64(t.models) * m.ParityValidationHours)},
			Chunks:               chunkLines(t, m),
			WorkHours:            round2(t.work),
			Overhead:             round4(m.Overhead),
			OverheadHours:        round2(effort - t.work),
			EffortHours:          round2(effort),
			ReferenceHours:       round2(ref),
			ReferenceBasis:       basis,
			Ratio:                round4(ratio),
			GrowthExponent:       round4(m.GrowthExponent),
			Scale:                round4(scale),
			ScaledEngMonths:      m.rangeOut(scaled, true),
			PaceTimelineMonths:   m.rangeOut(paceRange(em, staff), false),
			GuideEngMonths:       p.EngMonths,
			GuideTimelineMonths:  p.TimelineMonths,
			GuideRisk:            p.Risk,
			FloorHours:           round2(m.FloorHours),
			FloorApplied:         floorApplied,
			LargestFile:          largest,
			LargestFileHours:     round2(largestHours),
			TimelineFloorApplied: timelineFloor,
			TeamBasis:            team.basis,
		},
	}
	return est
}

// rangeOut rounds a range of months for the Result and renders its text.
func (m Model) rangeOut(r Range, engineer bool) Range {
	return Range{
		Low:  round3(r.Low),
		High: round3(r.High),
		Text: rangeText(r.Low, r.High, m.HoursPerMonth, engineer),
	}
}

func (m Model) sharesOut(by map[string]*accum, work float64, em Range) []Share {
	shares := sharesOf(by, work, em)
	for i := range shares {
		s := &shares[i]
		s.EngMonths.Text = rangeText(s.EngMonths.Low, s.EngMonths.High, m.HoursPerMonth, true)
	}
	return shares
}

// levelLines lists every level but none, easiest first, even when unused, so the
// arithmetic always shows the whole scale.
func levelLines(t *tally, m Model) []LevelLine {
	out := make([]LevelLine, 0, len(catalog.Levels)-1)
	for _, l := range catalog.Levels {
		if l == catalog.LevelNone {
			continue
		}
		h := m.Levels.Hours(l)
		n := t.levelUses[l]
		out = append(out, LevelLine{Level: string(l), Uses: n, HoursPerUse: round4(h), Hours: round2(float64(n) * h)})
	}
	return out
}

func chunkLines(t *tally, m Model) []ChunkLine {
	out := []ChunkLine{}
	for _, tag := range paths.BlockerTags {
		files := len(t.chunkFiles[tag])
		if files == 0 {
			continue
		}
		cost, _ := m.Blockers.For(tag)
		out = append(out, ChunkLine{Tag: tag, Files: files, HoursEach: round2(cost.Hours), Hours: round2(cost.Hours * float64(files))})
	}
	return out
}
