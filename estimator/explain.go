package estimator

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/frameshift/frameshift/estimator/paths"
)

// Explain prints the whole arithmetic of one path's estimate as plain text, line
// by line, so that each number can be traced to a finding count, a model setting
// or the guide. The path may be one that applies to the codebase or a step of the
// route; when it is both and the numbers differ, both are printed.
func Explain(w io.Writer, res *Result, pathID string) error {
	if res == nil {
		return fmt.Errorf("explain %s: no estimate", pathID)
	}
	type found struct {
		est     PathEstimate
		context string
	}
	var all []found
	for _, p := range res.Paths {
		if p.ID == pathID {
			all = append(all, found{p, "applies to this codebase"})
		}
	}
	if res.Route != nil {
		for i, s := range res.Route.Steps {
			if s.ID != pathID {
				continue
			}
			if len(all) > 0 && sameNumbers(all[0].est, s) {
				all[0].context += fmt.Sprintf("; step %d of the route to %s", i+1, targetLabels[res.Route.Target])
				continue
			}
			all = append(all, found{s, fmt.Sprintf("step %d of the route to %s, over the code routed through it", i+1, targetLabels[res.Route.Target])})
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("explain %s: no such path in this estimate (it has: %s)", pathID, strings.Join(estimateIDs(res), ", "))
	}
	bw := bufio.NewWriter(w)
	for i, f := range all {
		if i > 0 {
			fmt.Fprintln(bw)
		}
		explainOne(bw, f.est, f.context)
	}
	return bw.Flush()
}

func sameNumbers(a, b PathEstimate) bool {
	return a.EngMonths == b.EngMonths && a.TimelineMonths == b.TimelineMonths && a.Risk == b.Risk &&
		a.Calculation.Uses == b.Calculation.Uses && a.Calculation.WorkHours == b.Calculation.WorkHours
}

func estimateIDs(res *Result) []string {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, p := range res.Paths {
		add(p.ID)
	}
	if res.Route != nil {
		for _, s := range res.Route.Steps {
			add(s.ID)
		}
	}
	if len(ids) == 0 {
		return []string{"no path"}
	}
	return ids
}

func explainOne(w io.Writer, e PathEstimate, context string) {
	c := e.Calculation
	fmt.Fprintf(w, "%s: %s → %s (%s)\n", e.ID, e.From, e.To, context)
	fmt.Fprintf(w, "Guide row, for a typical production codebase: %s engineer-months over %s months, risk %s\n\n",
		rng(c.GuideEngMonths), rng(c.GuideTimelineMonths), c.GuideRisk)

	fmt.Fprintf(w, "1. Work: the %s %s whose rule has a level on this path, counted per use\n", count(c.Uses), plural(c.Uses, "finding", "findings"))
	fmt.Fprintf(w, "   %-15s %6s %10s %12s\n", "level", "uses", "hours/use", "hours")
	for _, l := range c.Levels {
		fmt.Fprintf(w, "   %-15s %6s %10s %12s\n", l.Level, count(l.Uses), strconv.FormatFloat(l.HoursPerUse, 'f', -1, 64), hoursText(l.Hours))
	}
	fmt.Fprintf(w, "   parity validation: %s model %s × %s h = %s h\n",
		count(c.Models.Count), plural(c.Models.Count, "definition", "definitions"), hoursText(c.Models.HoursEach), hoursText(c.Models.Hours))
	if len(c.Chunks) == 0 {
		fmt.Fprintln(w, "   blocker chunks: none")
	} else {
		fmt.Fprintln(w, "   blocker chunks (one per file that shows the tag):")
		for _, ch := range c.Chunks {
			fmt.Fprintf(w, "     %s: %d %s × %s h = %s h\n", ch.Tag, ch.Files, plural(ch.Files, "file", "files"), hoursText(ch.HoursEach), hoursText(ch.Hours))
		}
	}
	fmt.Fprintf(w, "   work = %s h\n\n", hoursText(c.WorkHours))

	fmt.Fprintf(w, "2. Effort: work + overhead %s%% (testing, CI, review, coordination) = %s + %s = %s h\n\n",
		num(c.Overhead*100), hoursText(c.WorkHours), hoursText(c.OverheadHours), hoursText(c.EffortHours))

	fmt.Fprintf(w, "3. Scale against the reference footprint: %s h (%s)\n", hoursText(c.ReferenceHours), c.ReferenceBasis)
	fmt.Fprintf(w, "   ratio = %s / %s = %s\n", hoursText(c.EffortHours), hoursText(c.ReferenceHours), ratioText(c.Ratio))
	if c.Ratio <= 1 {
		fmt.Fprintf(w, "   ratio ≤ 1, so scale = ratio = %s (linear below the reference)\n\n", ratioText(c.Scale))
	} else {
		fmt.Fprintf(w, "   ratio > 1, so scale = ratio ^ %s = %s (growth rule above the reference)\n\n", num(c.GrowthExponent), ratioText(c.Scale))
	}

	fmt.Fprintf(w, "4. Engineer-months = guide %s × scale %s = %s–%s\n",
		rng(c.GuideEngMonths), ratioText(c.Scale), months(c.ScaledEngMonths.Low), months(c.ScaledEngMonths.High))
	switch {
	case c.WorkHours == 0:
		fmt.Fprintln(w, "   no work counted: no floor")
	case c.FloorApplied:
		fmt.Fprintf(w, "   raised to the floor of %s h (the smallest migration still needs setting up, testing and review)\n", hoursText(c.FloorHours))
	default:
		fmt.Fprintf(w, "   above the floor of %s h\n", hoursText(c.FloorHours))
	}
	fmt.Fprintf(w, "   = %s–%s engineer-months (%s)\n\n", months(e.EngMonths.Low), months(e.EngMonths.High), e.EngMonths.Text)

	fmt.Fprintf(w, "5. Timeline = engineer-months / %s = %s–%s months\n",
		teamText(e.Team, c.TeamBasis), months(c.PaceTimelineMonths.Low), months(c.PaceTimelineMonths.High))
	if c.LargestFile != "" {
		effect := "below the team's pace"
		if c.TimelineFloorApplied {
			effect = "it sets the floor"
		}
		fmt.Fprintf(w, "   work that cannot be split: the costliest file, %s (%s h of work), is one engineer's; %s\n",
			c.LargestFile, hoursText(c.LargestFileHours), effect)
	}
	fmt.Fprintf(w, "   = %s–%s months (%s)\n\n", months(e.TimelineMonths.Low), months(e.TimelineMonths.High), e.TimelineMonths.Text)

	fmt.Fprintf(w, "6. Risk: guide %s", c.GuideRisk)
	steps := 0
	for _, b := range e.Blockers {
		fmt.Fprintf(w, ", + %d for %s", b.RiskSteps, b.Name)
		steps += b.RiskSteps
	}
	capped := ""
	if c.GuideRisk.Rank()+steps >= len(paths.Risks) {
		capped = " (the scale stops at high)"
	}
	fmt.Fprintf(w, " = %s%s\n", e.Risk, capped)
	for _, b := range e.Blockers {
		fmt.Fprintf(w, "   %s: %d %s, %s h; evidence: %s", b.Tag, b.Files, plural(b.Files, "file", "files"), hoursText(b.Hours), strings.Join(b.Evidence, ", "))
		if b.More > 0 {
			fmt.Fprintf(w, " and %d more", b.More)
		}
		fmt.Fprintln(w)
	}

	if len(e.Drivers) > 0 {
		fmt.Fprintln(w, "\nDrivers (hours of work, share of the path's work):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, d := range e.Drivers {
			fmt.Fprintf(tw, "   %s\t%s\t%s %s\t%s h\t%s%%\n", d.Kind, d.Name, count(d.Uses), plural(d.Uses, "use", "uses"), hoursText(d.Hours), num(d.Share*100))
		}
		tw.Flush()
	}
	if len(e.Parts) > 1 {
		fmt.Fprintln(w, "\nBy part of the codebase:")
		writeShares(w, e.Parts)
	}
	if len(e.Folders) > 0 {
		fmt.Fprintln(w, "\nBy top-level folder:")
		writeShares(w, e.Folders)
	}
}

func writeShares(w io.Writer, shares []Share) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range shares {
		fmt.Fprintf(tw, "   %s\t%s h\t%s%%\t%s\n", s.Name, hoursText(s.Hours), num(s.Share*100), s.EngMonths.Text)
	}
	tw.Flush()
}

func rng(r Range) string {
	if r.Low == r.High {
		return num(r.Low)
	}
	return num(r.Low) + "–" + num(r.High)
}

func ratioText(x float64) string {
	return fmt.Sprintf("%.4f", x)
}

// teamText says which team divides the engineer-months, and where it comes from.
func teamText(team Range, basis string) string {
	size := "team of " + num(team.Low)
	if team.Low != team.High {
		size = fmt.Sprintf("team of %s (low) and %s (high)", num(team.Low), num(team.High))
	}
	switch basis {
	case "guide":
		return size + ", the guide's staffing for this path (its engineer-months / months)"
	case "model":
		return size + ", the model's team"
	case "option":
		return size + ", as asked"
	}
	return size
}
