package report

import (
	"fmt"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/report/internal/markdown"
)

// The Markdown sections about change: drift between two reports, findings new
// since a baseline, broken policies and the footprint over history.

func (m *mdReport) drift() {
	d := m.doc.Drift
	if d == nil {
		return
	}
	m.printf("## Drift\n\n")
	m.printf("Compared %s (%s) with %s (%s): **+%s added**, **−%s removed**, %s moved, %s unchanged.\n\n",
		sideLabel(d.Old), plural(d.Old.Findings, "finding"), sideLabel(d.New), plural(d.New.Findings, "finding"),
		humanize.Comma(int64(len(d.Added))), humanize.Comma(int64(len(d.Removed))),
		humanize.Comma(int64(d.Moved)), humanize.Comma(int64(d.Unchanged)))
	if rows := shareRows(d); len(rows) > 0 {
		markdown.Table(m.b, []string{"Framework", "Before", "After", "Change", "Share before", "Share after"},
			"lrrrrr", rows)
	}
	if len(d.Eras) > 0 {
		eras, more := capped(d.Eras, m.top)
		var rows [][]string
		for _, e := range eras {
			rows = append(rows, []string{mdCode(e.Key, true), humanize.Comma(int64(e.Old)), humanize.Comma(int64(e.New)), signed(e.New - e.Old)})
		}
		if more > 0 {
			rows = append(rows, []string{fmt.Sprintf("… and %s more", humanize.Comma(int64(more))), "", "", ""})
		}
		markdown.Table(m.b, []string{"Era", "Before", "After", "Change"}, "lrrr", rows)
	}
	if len(d.Estimate) > 0 {
		var rows [][]string
		for _, e := range d.Estimate {
			rows = append(rows, []string{
				mdCode(e.Path, true),
				driftRange(e.OldEngMonths) + " → " + driftRange(e.NewEngMonths),
				driftRange(e.OldTimeline) + " → " + driftRange(e.NewTimeline),
				orDash(e.OldRisk) + " → " + orDash(e.NewRisk),
			})
		}
		markdown.Table(m.b, []string{"Path", "Engineer-months", "Timeline (months)", "Risk"}, "", rows)
	}
	m.findingList("Added findings", d.Added)
	m.findingList("Removed findings", d.Removed)
}

func (m *mdReport) baseline() {
	bl := m.doc.Baseline
	if bl == nil && !hasBaselineMarks(m.inv) {
		return
	}
	newOnes := baselineFindings(m.inv, "new")
	m.printf("## New since the baseline\n\n")
	if bl != nil {
		against := mdCode(bl.Input, false)
		if bl.Commit != "" {
			against += " (" + mdCode(shortHash(bl.Commit), false) + ")"
		}
		m.printf("Against %s: **%s new**, %s existing, %s no longer present.\n\n",
			against, humanize.Comma(int64(bl.New)), humanize.Comma(int64(bl.Existing)), humanize.Comma(int64(bl.Removed)))
	} else {
		m.printf("**%s**.\n\n", plural(len(newOnes), "new finding"))
	}
	m.findingList("New findings", newOnes)
}

func (m *mdReport) violations() {
	if len(m.doc.Violations) == 0 {
		return
	}
	m.printf("## Policy violations\n\n")
	vs, more := capped(m.doc.Violations, mdListCap)
	for _, v := range vs {
		m.printf("- **%s**: %s\n", mdText(v.Policy), mdText(v.Message))
		fs, fmore := capped(v.Findings, 5)
		for _, f := range fs {
			m.printf("  - %s\n", mdCode(f, false))
		}
		if fmore > 0 {
			m.printf("  - … and %s more\n", humanize.Comma(int64(fmore)))
		}
	}
	if more > 0 {
		m.printf("- … and %s more\n", humanize.Comma(int64(more)))
	}
	m.printf("\n")
}

// historyRows is the most commits the Markdown history table shows.
const historyRows = 12

func (m *mdReport) history() {
	h := m.doc.History
	if h == nil || len(h.Points) == 0 {
		return
	}
	first, last := h.Points[0], h.Points[len(h.Points)-1]
	m.printf("## History\n\n")
	m.printf("%s sampled from %s to %s: %s findings, then %s.\n\n", plural(len(h.Points), "commit"),
		mdText(dateOf(first.Date)), mdText(dateOf(last.Date)), humanize.Comma(int64(first.Findings)), humanize.Comma(int64(last.Findings)))
	fws := historyFrameworks(h)
	header := []string{"Date", "Commit", "Findings"}
	for _, fw := range fws {
		header = append(header, mdText(fw))
	}
	aligns := "llr" + strings.Repeat("r", len(fws))
	var rows [][]string
	for _, p := range sampledPoints(h.Points, historyRows) {
		row := []string{mdText(dateOf(p.Date)), mdCode(shortHash(p.Commit), true), humanize.Comma(int64(p.Findings))}
		for _, fw := range fws {
			row = append(row, humanize.Comma(int64(countOf(p, fw))))
		}
		rows = append(rows, row)
	}
	markdown.Table(m.b, header, aligns, rows)
}

func shareRows(d *drift.Result) [][]string {
	shares := map[string]drift.Share{}
	for _, s := range d.Shares {
		shares[s.Framework] = s
	}
	var rows [][]string
	seen := map[string]bool{}
	for _, f := range d.Frameworks {
		seen[f.Key] = true
		s := shares[f.Key]
		rows = append(rows, []string{mdCode(f.Key, true), humanize.Comma(int64(f.Old)), humanize.Comma(int64(f.New)), signed(f.New - f.Old), percent(s.Old), percent(s.New)})
	}
	for _, s := range d.Shares {
		if !seen[s.Framework] && s.Old != s.New {
			// Deltas list only frameworks whose count changed; this one's share moved
			// because the others' counts did.
			rows = append(rows, []string{mdCode(s.Framework, true), "—", "—", "0", percent(s.Old), percent(s.New)})
		}
	}
	return rows
}

func sideLabel(s drift.Side) string {
	label := s.Input
	if s.Ref != "" {
		label += "@" + s.Ref
	}
	if s.Commit != "" {
		label += " (" + shortHash(s.Commit) + ")"
	}
	if label == "" {
		label = "(unnamed)"
	}
	return mdCode(label, false)
}

func driftRange(r *drift.Range) string {
	if r == nil {
		return "—"
	}
	if r.Low == r.High {
		return trimFloat(r.Low)
	}
	return trimFloat(r.Low) + "–" + trimFloat(r.High)
}

func signed(n int) string {
	switch {
	case n > 0:
		return "+" + humanize.Comma(int64(n))
	case n < 0:
		return "−" + humanize.Comma(int64(-n))
	}
	return "0"
}
