package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
)

// mdListCap is the most findings a Markdown list shows before "… and N more".
const mdListCap = 25

// MarkdownEncoder writes GitHub-flavoured Markdown for a job summary or a pull
// request comment: drift first when there is a baseline or a comparison, then the
// summary, the estimate, the recommendation and the top files. Every list is
// capped, so the output stays far below GitHub's 1 MiB limit whatever the size of
// the repository.
type MarkdownEncoder struct {
	Options Options
}

var _ Encoder = (*MarkdownEncoder)(nil)

// ID implements Encoder.
func (*MarkdownEncoder) ID() string { return "markdown" }

// Encode implements Encoder.
func (e *MarkdownEncoder) Encode(w io.Writer, doc *Document) error {
	if doc == nil {
		doc = &Document{}
	}
	m := &mdReport{b: &strings.Builder{}, doc: doc, inv: inventoryOf(doc), top: topN(e.Options)}
	m.title()
	m.drift()
	m.baseline()
	m.violations()
	m.history()
	m.summary()
	m.estimate()
	m.recommendation()
	m.topFiles()
	m.skipped()
	m.footer()
	_, err := io.WriteString(w, m.b.String())
	return err
}

type mdReport struct {
	b   *strings.Builder
	doc *Document
	inv *scanner.Inventory
	top int
}

func (m *mdReport) printf(format string, args ...any) { fmt.Fprintf(m.b, format, args...) }

func (m *mdReport) title() {
	m.printf("# frameshift report\n\n")
	src := m.inv.Source
	label := mdCode(sourceLabel(src), false)
	if label == "" {
		label = "(unnamed source)"
	}
	m.printf("**Source:** %s · %s\n\n", label, describeCounts(m.inv.Summary))
}

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
		mdTable(m.b, []string{"Framework", "Before", "After", "Change", "Share before", "Share after"},
			[]bool{false, true, true, true, true, true}, rows)
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
		mdTable(m.b, []string{"Era", "Before", "After", "Change"}, []bool{false, true, true, true}, rows)
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
		mdTable(m.b, []string{"Path", "Engineer-months", "Timeline (months)", "Risk"}, nil, rows)
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
	right := []bool{false, false, true}
	for _, fw := range fws {
		header = append(header, mdText(fw))
		right = append(right, true)
	}
	var rows [][]string
	for _, p := range sampledPoints(h.Points, historyRows) {
		row := []string{mdText(dateOf(p.Date)), mdCode(shortHash(p.Commit), true), humanize.Comma(int64(p.Findings))}
		for _, fw := range fws {
			row = append(row, humanize.Comma(int64(countOf(p, fw))))
		}
		rows = append(rows, row)
	}
	mdTable(m.b, header, right, rows)
}

func (m *mdReport) summary() {
	s := m.inv.Summary
	m.printf("## Summary\n\n")
	if s.Findings == 0 {
		m.printf("No TensorFlow, Keras, PyTorch or JAX use found.\n\n")
	} else {
		var rows [][]string
		for _, r := range frameworkRows(m.inv) {
			rows = append(rows, []string{mdCode(r[0], true), mdText(r[1]), r[2], r[3], r[4], r[5]})
		}
		mdTable(m.b, []string{"Framework", "Eras", "Files", "Findings", "Lines", "Share"},
			[]bool{false, false, true, true, true, true}, rows)
		cats, more := capped(sortedCategories(s), m.top)
		var parts []string
		for _, c := range cats {
			parts = append(parts, fmt.Sprintf("%s %s", mdText(c.Name), humanize.Comma(int64(c.Findings))))
		}
		if more > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more))
		}
		m.printf("**Categories:** %s\n\n", strings.Join(parts, " · "))
	}
	if len(m.inv.Dependencies) > 0 {
		deps, more := capped(m.inv.Dependencies, m.top)
		var parts []string
		for _, d := range deps {
			spec := d.Spec
			if spec == "" {
				spec = "(any)"
			}
			parts = append(parts, mdCode(d.Package+" "+spec, false)+" in "+mdCode(d.File, false))
		}
		if more > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more))
		}
		m.printf("**Declared dependencies:** %s\n\n", strings.Join(parts, ", "))
	}
}

func (m *mdReport) estimate() {
	est := m.doc.Estimate
	if est == nil {
		return
	}
	m.printf("## Estimate\n\n")
	if len(est.Paths) == 0 {
		m.printf("No migration path applies to this codebase.\n\n")
	} else {
		var rows [][]string
		for _, p := range est.Paths {
			id := mdCode(p.ID, true)
			if p.ID == est.Recommendation.Path {
				id = "**" + id + "** (recommended)"
			}
			rows = append(rows, []string{id, mdText(p.From), mdText(p.To),
				mdText(rangeText(p.TimelineMonths, "months")), mdText(rangeText(p.EngMonths, "engineer-months")), mdText(string(p.Risk))})
		}
		mdTable(m.b, []string{"Path", "From", "To", "Timeline", "Engineer-months", "Risk"}, nil, rows)
		m.printf("%s\n\n", teamSentence(est))
	}
	if r := est.Route; r != nil && len(r.Steps) > 0 {
		var steps []string
		for _, s := range r.Steps {
			steps = append(steps, mdCode(s.ID, false))
		}
		m.printf("**Route to %s** (%s): %s over %s, risk %s.\n\n", mdText(r.Target), strings.Join(steps, " → "),
			mdText(rangeText(r.EngMonths, "engineer-months")), mdText(rangeText(r.TimelineMonths, "months")), mdText(string(r.Risk)))
		for _, a := range r.Alternatives {
			cheaper := ""
			if a.Cheaper {
				cheaper = " (cheaper)"
			}
			m.printf("- Alternative, %s%s: %s over %s, risk %s. %s\n", mdText(a.Name), cheaper,
				mdText(rangeText(a.EngMonths, "engineer-months")), mdText(rangeText(a.TimelineMonths, "months")), mdText(string(a.Risk)), mdText(a.Text))
		}
		if len(r.Alternatives) > 0 {
			m.printf("\n")
		}
	}
	if p := recommendedPath(est); p != nil {
		m.pathDetails(p)
	}
	for _, w := range est.Warnings {
		m.printf("> **Note:** %s\n\n", mdText(w))
	}
}

// pathDetails shows what drives the cost of one path, and its blockers.
func (m *mdReport) pathDetails(p *estimator.PathEstimate) {
	if len(p.Drivers) > 0 {
		ds, _ := capped(p.Drivers, m.top)
		var parts []string
		for _, d := range ds {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", mdText(d.Kind), mdCode(driverName(d.Kind, d.Name), false), percent(d.Share)))
		}
		m.printf("**Cost drivers of %s:** %s\n\n", mdCode(p.ID, false), strings.Join(parts, ", "))
	}
	for _, bl := range p.Blockers {
		ev, more := capped(bl.Evidence, 3)
		var parts []string
		for _, e := range ev {
			parts = append(parts, mdCode(e, false))
		}
		if more+bl.More > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more+bl.More))
		}
		m.printf("- **Blocker %s** (%s) in %s: %s\n", mdText(bl.Tag), mdText(bl.Name), plural(bl.Files, "file"), strings.Join(parts, ", "))
	}
	if len(p.Blockers) > 0 {
		m.printf("\n")
	}
}

func (m *mdReport) recommendation() {
	est := m.doc.Estimate
	if est == nil {
		return
	}
	rec := est.Recommendation
	m.printf("## Recommendation\n\n")
	switch {
	case rec.Target == "":
		m.printf("%s\n\n", mdText(orText(rec.Summary, "No framework found, so nothing to migrate.")))
	default:
		route := ""
		if len(rec.Route) > 0 {
			var steps []string
			for _, s := range rec.Route {
				steps = append(steps, mdCode(s, false))
			}
			route = " via " + strings.Join(steps, " → ")
		}
		m.printf("**Target: %s**%s. %s\n\n", mdText(rec.Target), route, mdText(rec.Summary))
	}
	for _, r := range rec.Reasons {
		ev, more := capped(r.Evidence, 5)
		var parts []string
		for _, e := range ev {
			parts = append(parts, mdCode(e, false))
		}
		if more+r.More > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more+r.More))
		}
		line := fmt.Sprintf("- Guide rule %d: %s", r.Rule, mdText(r.Text))
		if len(parts) > 0 {
			line += " Evidence: " + strings.Join(parts, ", ")
		}
		m.printf("%s\n", line)
	}
	if len(rec.Reasons) > 0 {
		m.printf("\n")
	}
	if rec.Note != "" {
		m.printf("> %s\n\n", mdText(rec.Note))
	}
}

func (m *mdReport) topFiles() {
	files := TopFiles(m.inv, m.top)
	if len(files) == 0 {
		return
	}
	m.printf("## Top files\n\n")
	var rows [][]string
	for _, f := range files {
		var fws []string
		for _, fw := range f.Frameworks {
			fws = append(fws, mdText(fw))
		}
		rows = append(rows, []string{mdCode(f.Path, true), humanize.Comma(int64(f.Findings)), strings.Join(fws, ", "), humanize.Comma(int64(f.Lines))})
	}
	mdTable(m.b, []string{"File", "Findings", "Frameworks", "Lines"}, []bool{false, true, false, true}, rows)
	if n := m.inv.Summary.FilesWithFindings; n > len(files) {
		m.printf("… and %s more files with findings.\n\n", humanize.Comma(int64(n-len(files))))
	}
}

func (m *mdReport) skipped() {
	if len(m.inv.Skipped) == 0 {
		return
	}
	m.printf("## Skipped\n\n")
	var rows [][]string
	for _, g := range groupSkipped(m.inv.Skipped) {
		items, more := capped(g.Items, 3)
		var ex []string
		for _, s := range items {
			ex = append(ex, mdCode(s.Path, true))
		}
		if more > 0 {
			ex = append(ex, fmt.Sprintf("… and %s more", humanize.Comma(int64(more))))
		}
		rows = append(rows, []string{mdCode(g.Code, true), humanize.Comma(int64(g.Count)), strings.Join(ex, ", ")})
	}
	mdTable(m.b, []string{"Reason", "Count", "Examples"}, []bool{false, true, false}, rows)
}

func (m *mdReport) footer() {
	t := m.inv.Tool
	if t.Version == "" && t.Catalog == "" {
		return
	}
	m.printf("<sub>frameshift %s, catalog %s</sub>\n", mdText(orDash(t.Version)), mdText(orDash(t.Catalog)))
}

// findingList writes a capped list of findings under a bold caption.
func (m *mdReport) findingList(caption string, findings []scanner.Finding) {
	if len(findings) == 0 {
		return
	}
	m.printf("**%s (%s):**\n\n", caption, humanize.Comma(int64(len(findings))))
	shown, more := capped(sortedFindings(findings), mdListCap)
	for _, f := range shown {
		m.printf("- %s %s %s\n", mdCode(findingPlace(f), false), mdCode(f.Rule, false), mdCode(f.Symbol, false))
	}
	if more > 0 {
		m.printf("- … and %s more\n", humanize.Comma(int64(more)))
	}
	m.printf("\n")
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

func orDash(s string) string { return orText(s, "—") }

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// teamSentence says what staffing the timelines assume.
func teamSentence(est *estimator.Result) string {
	if est.Team != nil {
		return fmt.Sprintf("Timelines assume a team of %s engineers.", trimFloat(*est.Team))
	}
	return "Timelines assume the guide's staffing for each path (engineer-months ÷ months)."
}
