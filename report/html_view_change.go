package report

import (
	"fmt"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
)

// View models of the HTML sections about change: policy violations, drift,
// findings new since a baseline and the history.

type violationView struct {
	Policy, Message string
	Findings        []string
	More            int
}

type driftView struct {
	Old, New                         string
	Added, Removed, Moved, Unchanged string
	Frameworks, Eras, Estimate       [][]string
	AddedList, RemovedList           findingList
}

type baselineView struct {
	Summary string
	New     findingList
}

type findingList struct {
	Rows [][]string
	More int
}

type historyView struct {
	Chart          *lineChart
	Summary        string
	Points, Reused string
	Header         []string
	Rows           [][]string
}

// htmlHistoryRows is the most commits the table under the history chart lists.
const htmlHistoryRows = 24

func newHistoryView(h *history.Result, chart *lineChart) *historyView {
	v := &historyView{
		Chart: chart, Summary: chart.Desc,
		Points: humanize.Comma(int64(h.Blobs)), Reused: humanize.Comma(int64(h.Reused)),
		Header: []string{"Date", "Commit", "Subject", "Findings"},
	}
	fws := historyFrameworks(h)
	v.Header = append(v.Header, fws...)
	for _, p := range sampledPoints(h.Points, htmlHistoryRows) {
		row := []string{dateOf(p.Date), shortHash(p.Commit), clip(p.Subject, 80), humanize.Comma(int64(p.Findings))}
		for _, fw := range fws {
			row = append(row, humanize.Comma(int64(countOf(p, fw))))
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

func violationViews(vs []drift.Violation) []violationView {
	var out []violationView
	for _, vi := range vs {
		fs, more := capped(vi.Findings, 10)
		out = append(out, violationView{Policy: vi.Policy, Message: vi.Message, Findings: fs, More: more})
	}
	return out
}

func newDriftView(d *drift.Result) *driftView {
	if d == nil {
		return nil
	}
	v := &driftView{
		Old: driftSide(d.Old), New: driftSide(d.New),
		Added: humanize.Comma(int64(len(d.Added))), Removed: humanize.Comma(int64(len(d.Removed))),
		Moved: humanize.Comma(int64(d.Moved)), Unchanged: humanize.Comma(int64(d.Unchanged)),
		AddedList: newFindingList(d.Added, htmlDriftList), RemovedList: newFindingList(d.Removed, htmlDriftList),
	}
	shares := map[string]drift.Share{}
	for _, s := range d.Shares {
		shares[s.Framework] = s
	}
	seen := map[string]bool{}
	for _, f := range d.Frameworks {
		seen[f.Key] = true
		s := shares[f.Key]
		v.Frameworks = append(v.Frameworks, []string{f.Key, humanize.Comma(int64(f.Old)), humanize.Comma(int64(f.New)), signed(f.New - f.Old), percent(s.Old), percent(s.New)})
	}
	for _, s := range d.Shares {
		if !seen[s.Framework] && s.Old != s.New {
			v.Frameworks = append(v.Frameworks, []string{s.Framework, "—", "—", "0", percent(s.Old), percent(s.New)})
		}
	}
	eras, more := capped(d.Eras, htmlDriftList)
	for _, e := range eras {
		v.Eras = append(v.Eras, []string{e.Key, humanize.Comma(int64(e.Old)), humanize.Comma(int64(e.New)), signed(e.New - e.Old)})
	}
	if more > 0 {
		v.Eras = append(v.Eras, []string{fmt.Sprintf("… and %s more", humanize.Comma(int64(more))), "", "", ""})
	}
	for _, e := range d.Estimate {
		v.Estimate = append(v.Estimate, []string{e.Path,
			driftRange(e.OldEngMonths) + " → " + driftRange(e.NewEngMonths),
			driftRange(e.OldTimeline) + " → " + driftRange(e.NewTimeline),
			orDash(e.OldRisk) + " → " + orDash(e.NewRisk)})
	}
	return v
}

func driftSide(s drift.Side) string {
	label := s.Input
	if s.Ref != "" {
		label += "@" + s.Ref
	}
	if s.Commit != "" {
		label += " (" + shortHash(s.Commit) + ")"
	}
	return fmt.Sprintf("%s, %s", orText(label, "(unnamed)"), plural(s.Findings, "finding"))
}

func newFindingList(findings []scanner.Finding, n int) findingList {
	shown, more := capped(sortedFindings(findings), n)
	l := findingList{More: more}
	for _, f := range shown {
		l.Rows = append(l.Rows, []string{clip(findingPlace(f), htmlValueRunes), f.Rule, clip(f.Symbol, htmlValueRunes)})
	}
	return l
}

func newBaselineView(bl *drift.Baseline, inv *scanner.Inventory) *baselineView {
	if bl == nil && !hasBaselineMarks(inv) {
		return nil
	}
	newOnes := baselineFindings(inv, "new")
	v := &baselineView{New: newFindingList(newOnes, htmlDriftList)}
	if bl != nil {
		against := bl.Input
		if bl.Commit != "" {
			against += " (" + shortHash(bl.Commit) + ")"
		}
		v.Summary = fmt.Sprintf("Against %s: %s new, %s existing, %s no longer present.", orText(against, "the baseline"),
			humanize.Comma(int64(bl.New)), humanize.Comma(int64(bl.Existing)), humanize.Comma(int64(bl.Removed)))
	} else {
		v.Summary = plural(len(newOnes), "new finding") + "."
	}
	return v
}
