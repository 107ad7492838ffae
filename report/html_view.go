package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
)

// Caps that keep an HTML report of a huge repository readable and printable.
const (
	htmlFindingsPerFile = 50
	htmlDriftList       = 50
	htmlSkippedRows     = 100
	// htmlValueRunes bounds one symbol or path shown in a table cell.
	htmlValueRunes = 300
)

// htmlView is everything the template shows, selected, ordered and formatted in
// Go; the template only lays it out.
type htmlView struct {
	Source     string
	Commit     string
	Stats      []stat
	NoFindings bool

	Violations []violationView
	Drift      *driftView
	Baseline   *baselineView

	FrameworkChart *stackChart
	EraChart       *barChart
	Frameworks     [][]string
	Categories     [][]string

	Estimate       *estimateView
	Recommendation *recommendationView
	History        *historyView

	TopFiles     []fileView
	MoreFiles    string
	Dependencies [][]string
	Skipped      *skippedView

	Tool, Catalog string
}

type stat struct{ Label, Value string }

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

type estimateView struct {
	Team     string
	Paths    [][]string
	Route    *routeView
	Parts    [][]string
	Details  []pathView
	Warnings []string
}

type routeView struct {
	Target, Steps, EngMonths, Timeline, Risk string
	Alternatives                             [][]string
}

type pathView struct {
	ID, Title   string
	Anchor      string
	Drivers     [][]string
	Blockers    []blockerView
	FolderChart *barChart
	Arithmetic  string
}

type blockerView struct {
	Tag, Name, Files, Hours string
	Evidence                []string
	More                    int
}

type recommendationView struct {
	Target, Route, Summary, Note string
	Reasons                      []reasonView
}

type reasonView struct {
	Rule     int
	Text     string
	Evidence []string
	More     int
}

type historyView struct {
	Chart          *lineChart
	Summary        string
	Points, Reused string
	Header         []string
	Rows           [][]string
}

type fileView struct {
	Path, Findings, Frameworks, Lines string
	Rows                              [][]string
	More                              int
}

type skippedView struct {
	Groups [][]string
	Rows   [][]string
	More   int
}

func newHTMLView(doc *Document, opts Options) *htmlView {
	inv := inventoryOf(doc)
	s := inv.Summary
	v := &htmlView{
		Source:     orText(sourceLabel(inv.Source), "(unnamed source)"),
		Commit:     inv.Source.Commit,
		NoFindings: s.Findings == 0,
		Tool:       inv.Tool.Version,
		Catalog:    inv.Tool.Catalog,
		Stats: []stat{
			{"files scanned", humanize.Comma(int64(s.FilesScanned))},
			{"lines of code", humanize.Comma(int64(s.Lines))},
			{"findings", humanize.Comma(int64(s.Findings))},
			{"files with findings", humanize.Comma(int64(s.FilesWithFindings))},
			{"files skipped", humanize.Comma(int64(s.FilesSkipped))},
		},
	}
	if s.FilesWithErrors > 0 {
		v.Stats = append(v.Stats, stat{"files with syntax errors", humanize.Comma(int64(s.FilesWithErrors))})
	}
	if t := recommendedTarget(doc); t != "" {
		v.Stats = append(v.Stats, stat{"recommended target", t})
	}
	v.Violations = violationViews(doc.Violations)
	v.Drift = newDriftView(doc.Drift)
	v.Baseline = newBaselineView(doc.Baseline, inv)
	v.mix(inv)
	v.Estimate = newEstimateView(doc.Estimate, topN(opts))
	v.Recommendation = newRecommendationView(doc.Estimate)
	if doc.History != nil && len(doc.History.Points) > 0 {
		chart := newHistoryChart(doc.History)
		v.History = newHistoryView(doc.History, chart)
	}
	v.files(inv, topN(opts))
	for _, d := range inv.Dependencies {
		v.Dependencies = append(v.Dependencies, dependencyRow(d))
	}
	v.Skipped = newSkippedView(inv.Skipped)
	return v
}

func (v *htmlView) mix(inv *scanner.Inventory) {
	s := inv.Summary
	var fwRows []barRow
	for _, fw := range sortedFrameworks(s) {
		fwRows = append(fwRows, barRow{
			Label: fw.Name, Value: percent(fw.Share), Amount: float64(fw.Findings), Fill: frameworkColor(fw.Name),
			Tooltip: fmt.Sprintf("%s: %s in %s", fw.Name, plural(fw.Findings, "finding"), plural(fw.Files, "file")),
		})
	}
	v.FrameworkChart = newStackChart("chart-frameworks", "Framework mix",
		"Share of findings per framework.", fwRows)
	var eraRows []barRow
	for _, e := range sortedEras(s) {
		eraRows = append(eraRows, barRow{
			Label: e.Framework + " / " + e.Name, Value: humanize.Comma(int64(e.Findings)), Amount: float64(e.Findings),
			Fill:    eraColor(e.Name),
			Tooltip: fmt.Sprintf("%s %s: %s in %s", e.Framework, e.Name, plural(e.Findings, "finding"), plural(e.Files, "file")),
		})
	}
	v.EraChart = newBarChart("chart-eras", "Era mix", "Findings per framework era.", eraRows)
	v.Frameworks = frameworkRows(inv)
	for _, c := range sortedCategories(s) {
		v.Categories = append(v.Categories, []string{c.Name, humanize.Comma(int64(c.Findings))})
	}
}

func (v *htmlView) files(inv *scanner.Inventory, top int) {
	byFile := findingsByFile(inv.Findings)
	files := TopFiles(inv, top)
	for _, f := range files {
		fv := fileView{
			Path: f.Path, Findings: plural(f.Findings, "finding"),
			Frameworks: strings.Join(f.Frameworks, ", "), Lines: plural(f.Lines, "line") + " of code",
		}
		items, more := capped(byFile[f.Path], htmlFindingsPerFile)
		for _, fd := range items {
			fv.Rows = append(fv.Rows, []string{lineInFile(fd), fd.Rule, clip(fd.Symbol, htmlValueRunes), string(fd.Kind), fd.Era, clip(fd.Replacement, htmlValueRunes)})
		}
		fv.More = more
		v.TopFiles = append(v.TopFiles, fv)
	}
	if more := inv.Summary.FilesWithFindings - len(files); more > 0 {
		v.MoreFiles = humanize.Comma(int64(more))
	}
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

func newEstimateView(est *estimator.Result, top int) *estimateView {
	if est == nil {
		return nil
	}
	v := &estimateView{Team: teamSentence(est), Warnings: est.Warnings}
	for i, p := range est.Paths {
		rec := ""
		if p.ID == est.Recommendation.Path {
			rec = "recommended"
		}
		v.Paths = append(v.Paths, []string{p.ID, p.From, p.To, rangeText(p.TimelineMonths, "months"),
			rangeText(p.EngMonths, "engineer-months"), string(p.Risk), teamText(p.Team), rec})
		v.Details = append(v.Details, newPathView(p, top, i))
	}
	for _, part := range est.Parts {
		v.Parts = append(v.Parts, []string{part.Label, part.Name, humanize.Comma(int64(part.Files)),
			humanize.Comma(int64(part.Lines)), humanize.Comma(int64(part.Findings)), strings.Join(part.Paths, ", ")})
	}
	if r := est.Route; r != nil && len(r.Steps) > 0 {
		var steps []string
		for _, s := range r.Steps {
			steps = append(steps, s.ID)
		}
		rv := &routeView{Target: r.Target, Steps: strings.Join(steps, " → "),
			EngMonths: rangeText(r.EngMonths, "engineer-months"), Timeline: rangeText(r.TimelineMonths, "months"), Risk: string(r.Risk)}
		for _, a := range r.Alternatives {
			cheaper := ""
			if a.Cheaper {
				cheaper = "cheaper"
			}
			rv.Alternatives = append(rv.Alternatives, []string{a.Name, rangeText(a.EngMonths, "engineer-months"),
				rangeText(a.TimelineMonths, "months"), string(a.Risk), cheaper, a.Text})
		}
		v.Route = rv
	}
	return v
}

func newPathView(p estimator.PathEstimate, top, index int) pathView {
	pv := pathView{ID: p.ID, Title: p.From + " → " + p.To, Anchor: "path-" + strconv.Itoa(index)}
	ds, _ := capped(p.Drivers, top)
	for _, d := range ds {
		pv.Drivers = append(pv.Drivers, []string{d.Kind, driverName(d.Kind, d.Name), humanize.Comma(int64(d.Uses)), hoursText(d.Hours), percent(d.Share)})
	}
	for _, b := range p.Blockers {
		ev, more := capped(b.Evidence, 5)
		pv.Blockers = append(pv.Blockers, blockerView{Tag: b.Tag, Name: b.Name, Files: humanize.Comma(int64(b.Files)),
			Hours: hoursText(b.Hours), Evidence: ev, More: more + b.More})
	}
	folders, _ := capped(p.Folders, max(top, 12))
	var rows []barRow
	for _, f := range folders {
		rows = append(rows, barRow{Label: folderLabel(f.Name), Amount: f.Hours, Fill: "#56B4E9",
			Value:   percent(f.Share) + " · " + rangeText(f.EngMonths, "eng-months"),
			Tooltip: fmt.Sprintf("%s: %s uses, %s hours, %s of the work", folderLabel(f.Name), humanize.Comma(int64(f.Uses)), hoursText(f.Hours), percent(f.Share))})
	}
	pv.FolderChart = newBarChart("chart-folders-"+strconv.Itoa(index),
		"Effort by folder, "+p.ID, "Share of the path's work hours in each top-level folder.", rows)
	c := p.Calculation
	pv.Arithmetic = fmt.Sprintf("%s counted, %s hours of work plus %s hours overhead = %s hours; the guide's reference is %s hours (%s), ratio %s, scale %s.",
		plural(c.Uses, "use"), hoursText(c.WorkHours), hoursText(c.OverheadHours), hoursText(c.EffortHours),
		hoursText(c.ReferenceHours), orText(c.ReferenceBasis, "model"), trimFloat(c.Ratio), trimFloat(c.Scale))
	return pv
}

func newRecommendationView(est *estimator.Result) *recommendationView {
	if est == nil {
		return nil
	}
	rec := est.Recommendation
	v := &recommendationView{Target: rec.Target, Route: strings.Join(rec.Route, " → "), Summary: rec.Summary, Note: rec.Note}
	for _, r := range rec.Reasons {
		ev, more := capped(r.Evidence, 8)
		v.Reasons = append(v.Reasons, reasonView{Rule: r.Rule, Text: r.Text, Evidence: ev, More: more + r.More})
	}
	return v
}

func newSkippedView(skipped []scanner.Skipped) *skippedView {
	if len(skipped) == 0 {
		return nil
	}
	v := &skippedView{}
	for _, g := range groupSkipped(skipped) {
		v.Groups = append(v.Groups, []string{g.Code, humanize.Comma(int64(g.Count))})
	}
	// Files that could not be read matter more than folders skipped on purpose,
	// so they come first when the list is cut.
	var problems, chosen []scanner.Skipped
	for _, g := range groupSkipped(skipped) {
		if skippedByChoice(g.Code) {
			chosen = append(chosen, g.Items...)
		} else {
			problems = append(problems, g.Items...)
		}
	}
	rows, more := capped(append(problems, chosen...), htmlSkippedRows)
	for _, s := range rows {
		v.Rows = append(v.Rows, []string{s.Path, s.Code, s.Reason})
	}
	v.More = more
	return v
}

func dependencyRow(d scanner.Dependency) []string {
	major := "?"
	if d.Major != nil {
		major = strconv.Itoa(*d.Major)
	}
	return []string{d.Package, orText(d.Spec, "(any)"), major, d.Framework, fmt.Sprintf("%s:%d", d.File, d.Line)}
}

// teamText shows a path's team size as people count it: one decimal, the smaller
// bound first (the guide's staffing can give a larger low than high bound).
func teamText(r estimator.Range) string {
	lo, hi := min(r.Low, r.High), max(r.Low, r.High)
	l, h := strconv.FormatFloat(lo, 'f', 1, 64), strconv.FormatFloat(hi, 'f', 1, 64)
	if l == h {
		return strings.TrimSuffix(l, ".0") + " engineers"
	}
	return strings.TrimSuffix(l, ".0") + "–" + strings.TrimSuffix(h, ".0") + " engineers"
}

func hoursText(h float64) string {
	return strconv.FormatFloat(h, 'f', 1, 64)
}
