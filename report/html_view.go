package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/htmlpage"
	"github.com/frameshift/frameshift/scanner"
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

	FrameworkChart *htmlpage.StackChart
	EraChart       *htmlpage.BarChart
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
	var fwRows []htmlpage.Row
	for _, fw := range sortedFrameworks(s) {
		fwRows = append(fwRows, htmlpage.Row{
			Label: fw.Name, Value: percent(fw.Share), Low: float64(fw.Findings), High: float64(fw.Findings), Fill: htmlpage.FrameworkColor(fw.Name),
			Tooltip: fmt.Sprintf("%s: %s in %s", fw.Name, plural(fw.Findings, "finding"), plural(fw.Files, "file")),
		})
	}
	v.FrameworkChart = charts().Stack("chart-frameworks", "Framework mix",
		"Share of findings per framework.", fwRows)
	var eraRows []htmlpage.Row
	for _, e := range sortedEras(s) {
		eraRows = append(eraRows, htmlpage.Row{
			Label: e.Framework + " / " + e.Name, Value: humanize.Comma(int64(e.Findings)), Low: float64(e.Findings), High: float64(e.Findings),
			Fill:    htmlpage.EraColor(e.Name),
			Tooltip: fmt.Sprintf("%s %s: %s in %s", e.Framework, e.Name, plural(e.Findings, "finding"), plural(e.Files, "file")),
		})
	}
	v.EraChart = charts().Bars("chart-eras", "Era mix", "Findings per framework era.", eraRows)
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

func hoursText(h float64) string {
	return strconv.FormatFloat(h, 'f', 1, 64)
}
