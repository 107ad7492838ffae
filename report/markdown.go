package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/markdown"
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
		markdown.Table(m.b, []string{"Framework", "Eras", "Files", "Findings", "Lines", "Share"},
			"llrrrr", rows)
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
	markdown.Table(m.b, []string{"File", "Findings", "Frameworks", "Lines"}, "lrlr", rows)
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
	markdown.Table(m.b, []string{"Reason", "Count", "Examples"}, "lrl", rows)
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

func orDash(s string) string { return orText(s, "—") }

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
