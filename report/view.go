package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
)

// The helpers below are shared by the encoders that lay out the same facts for
// people (Markdown, HTML): they never format, they only select and order.

// inventoryOf returns the document's inventory, or an empty one for a document
// without, such as a report read back from a JSON file that held only "{}":
// encoders render it as a scan that found nothing instead of failing.
func inventoryOf(doc *Document) *scanner.Inventory {
	if doc == nil || doc.Inventory == nil {
		return &scanner.Inventory{}
	}
	return doc.Inventory
}

// recommendedTarget is the estimate's target framework, or "" without one.
func recommendedTarget(doc *Document) string {
	if doc == nil || doc.Estimate == nil {
		return ""
	}
	return doc.Estimate.Recommendation.Target
}

// sortedFindings returns a copy of findings in report order: file, cell, line,
// column, then rule and symbol, so output never depends on the input's order.
func sortedFindings(in []scanner.Finding) []scanner.Finding {
	out := append([]scanner.Finding(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return findingLess(out[i], out[j]) })
	return out
}

func findingLess(a, b scanner.Finding) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if ca, cb := cellOf(a), cellOf(b); ca != cb {
		return ca < cb
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return a.Symbol < b.Symbol
}

func cellOf(f scanner.Finding) int {
	if f.Cell == nil {
		return -1
	}
	return *f.Cell
}

// findingsByFile groups sorted findings by file.
func findingsByFile(findings []scanner.Finding) map[string][]scanner.Finding {
	out := map[string][]scanner.Finding{}
	for _, f := range sortedFindings(findings) {
		out[f.File] = append(out[f.File], f)
	}
	return out
}

// findingPlace is where a finding sits, for people: "train.py:12" or, in a
// notebook, "nb.ipynb cell 3:12".
func findingPlace(f scanner.Finding) string {
	if f.Cell != nil {
		return fmt.Sprintf("%s cell %d:%d", f.File, *f.Cell, f.Line)
	}
	return fmt.Sprintf("%s:%d", f.File, f.Line)
}

// lineInFile is the line (and cell) part of findingPlace.
func lineInFile(f scanner.Finding) string {
	if f.Cell != nil {
		return fmt.Sprintf("cell %d:%d", *f.Cell, f.Line)
	}
	return strconv.Itoa(f.Line)
}

// baselineFindings returns the findings with a given baseline mark (new or
// existing), in report order.
func baselineFindings(inv *scanner.Inventory, mark string) []scanner.Finding {
	var out []scanner.Finding
	for _, f := range sortedFindings(inv.Findings) {
		if f.Baseline == mark {
			out = append(out, f)
		}
	}
	return out
}

// hasBaselineMarks reports whether any finding was compared with a baseline.
func hasBaselineMarks(inv *scanner.Inventory) bool {
	for _, f := range inv.Findings {
		if f.Baseline != "" {
			return true
		}
	}
	return false
}

// rangeText renders an estimator range: its own Text when the estimator set one,
// else the bare numbers with the unit.
func rangeText(r estimator.Range, unit string) string {
	if r.Text != "" {
		return r.Text
	}
	if r.Low == r.High {
		return trimFloat(r.Low) + " " + unit
	}
	return trimFloat(r.Low) + "–" + trimFloat(r.High) + " " + unit
}

func trimFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// percent renders a 0..1 fraction.
func percent(x float64) string { return strconv.FormatFloat(x*100, 'f', 1, 64) + "%" }

// recommendedPath is the estimate for the recommended path, or the first path.
func recommendedPath(est *estimator.Result) *estimator.PathEstimate {
	if est == nil || len(est.Paths) == 0 {
		return nil
	}
	for i := range est.Paths {
		if est.Paths[i].ID == est.Recommendation.Path {
			return &est.Paths[i]
		}
	}
	return &est.Paths[0]
}

// oneLine makes a value from the scanned repository safe to place on one line:
// control characters, newlines included, become spaces.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// clip shortens s to at most n runes, cutting the middle out and marking the cut
// with an ellipsis: a path or symbol from a hostile repository must not blow up a
// report's size, and the end of a path (the file's name) is what people look for.
func clip(s string, n int) string {
	s = oneLine(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	head := (n - 1) / 3
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// capped returns at most n items and how many were left out.
func capped[T any](items []T, n int) ([]T, int) {
	if n <= 0 || len(items) <= n {
		return items, 0
	}
	return items[:n], len(items) - n
}

// sortedFrameworks orders a summary's frameworks by findings, most first.
func sortedFrameworks(s scanner.Summary) []scanner.FrameworkSummary {
	fws := append([]scanner.FrameworkSummary{}, s.Frameworks...)
	sort.SliceStable(fws, func(i, j int) bool {
		if fws[i].Findings != fws[j].Findings {
			return fws[i].Findings > fws[j].Findings
		}
		return fws[i].Name < fws[j].Name
	})
	return fws
}

// sortedEras orders eras by framework (as sortedFrameworks does), then findings.
func sortedEras(s scanner.Summary) []scanner.EraSummary {
	rank := map[string]int{}
	for i, fw := range sortedFrameworks(s) {
		rank[fw.Name] = i
	}
	eras := append([]scanner.EraSummary{}, s.Eras...)
	sort.SliceStable(eras, func(i, j int) bool {
		ri, iok := rank[eras[i].Framework]
		rj, jok := rank[eras[j].Framework]
		if iok != jok {
			return iok
		}
		if ri != rj {
			return ri < rj
		}
		if eras[i].Findings != eras[j].Findings {
			return eras[i].Findings > eras[j].Findings
		}
		return eras[i].Name < eras[j].Name
	})
	return eras
}

// sortedCategories orders categories by findings, most first.
func sortedCategories(s scanner.Summary) []scanner.CategorySummary {
	cats := append([]scanner.CategorySummary{}, s.Categories...)
	sort.SliceStable(cats, func(i, j int) bool {
		if cats[i].Findings != cats[j].Findings {
			return cats[i].Findings > cats[j].Findings
		}
		return cats[i].Name < cats[j].Name
	})
	return cats
}

// skippedGroup is the skipped files of one reason code.
type skippedGroup struct {
	Code  string
	Count int
	Items []scanner.Skipped
}

// groupSkipped groups skipped files by code, codes sorted, paths sorted.
func groupSkipped(skipped []scanner.Skipped) []skippedGroup {
	by := map[string][]scanner.Skipped{}
	for _, s := range skipped {
		by[s.Code] = append(by[s.Code], s)
	}
	codes := make([]string, 0, len(by))
	for c := range by {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	out := make([]skippedGroup, 0, len(codes))
	for _, c := range codes {
		items := by[c]
		sort.SliceStable(items, func(i, j int) bool { return items[i].Path < items[j].Path })
		out = append(out, skippedGroup{Code: c, Count: len(items), Items: items})
	}
	return out
}

// topN is the length of the "top" lists: the option, or 10.
func topN(opts Options) int {
	if opts.Top <= 0 {
		return 10
	}
	return opts.Top
}

// sampledPoints picks at most n points of a history, evenly spread, always with
// the first and the last, for tables that must stay short.
func sampledPoints(points []history.Point, n int) []history.Point {
	if len(points) <= n || n < 2 {
		return points
	}
	out := make([]history.Point, 0, n)
	for k := 0; k < n; k++ {
		out = append(out, points[k*(len(points)-1)/(n-1)])
	}
	return out
}

// folderLabel names the estimator's folder "." (files at the top of the
// repository) in words.
func folderLabel(name string) string {
	if name == "." {
		return "(top level)"
	}
	return name
}

// driverName is a cost driver's name for people: folders through folderLabel.
func driverName(kind, name string) string {
	if kind == "folder" {
		return folderLabel(name)
	}
	return name
}
