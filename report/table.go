package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/terminal"
	"github.com/frameshift/frameshift/scanner"
)

// TableEncoder writes the terminal summary: frameworks with their eras, categories,
// top files, the estimate and recommendation, dependencies and skipped files.
type TableEncoder struct {
	Options Options
}

var _ Encoder = (*TableEncoder)(nil)

// ID implements Encoder.
func (*TableEncoder) ID() string { return "table" }

// Encode implements Encoder.
func (e *TableEncoder) Encode(w io.Writer, doc *Document) error {
	tw := &textWriter{terminal.New(w, e.Options.Color)}
	top := e.Options.Top
	if top <= 0 {
		top = 10
	}
	inv := inventoryOf(doc)
	s := inv.Summary
	tw.Printf("%s  %s\n", tw.Bold(sourceLabel(inv.Source)), describeCounts(s))
	if s.Findings == 0 {
		tw.Printf("\nNo TensorFlow, Keras, PyTorch or JAX use found.\n")
	} else {
		tw.Section("Frameworks")
		tw.Table([]string{"Framework", "Eras", "Files", "Findings", "Lines", "Share"},
			"llrrrr", frameworkRows(inv))
		tw.Section("Categories")
		tw.Table([]string{"Category", "Findings"}, "lr", categoryRows(s, top))
		tw.Section("Top files")
		tw.Table([]string{"File", "Findings", "Frameworks", "Lines"}, "lrlr", topFileRows(inv, top))
	}
	tw.estimate(doc.Estimate, top)
	if len(inv.Dependencies) > 0 {
		tw.Section("Declared dependencies")
		deps, more := capped(inv.Dependencies, 3*top)
		rows := dependencyRows(deps)
		if more > 0 {
			rows = append(rows, []string{fmt.Sprintf("… %d more (all in --format json)", more), "", "", "", ""})
		}
		tw.Table([]string{"Package", "Spec", "Major", "Framework", "Declared in"}, "llrll", rows)
	}
	if len(inv.Skipped) > 0 {
		tw.Section("Skipped")
		tw.Table([]string{"Reason", "Count", "Examples"}, "lrl", skippedRows(inv.Skipped))
	}
	return tw.Err()
}

func sourceLabel(src scanner.SourceInfo) string {
	label := src.Input
	if src.Ref != "" {
		label += "@" + src.Ref
	}
	if src.Commit != "" {
		label += " (" + shortHash(src.Commit) + ")"
	}
	return label
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func describeCounts(s scanner.Summary) string {
	parts := []string{
		plural(s.FilesScanned, "file") + " scanned",
		plural(s.Lines, "line") + " of code",
		plural(s.Findings, "finding"),
	}
	if s.FilesSkipped > 0 {
		parts = append(parts, humanize.Comma(int64(s.FilesSkipped))+" skipped")
	}
	if s.FilesWithErrors > 0 {
		parts = append(parts, plural(s.FilesWithErrors, "file")+" with syntax errors")
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return humanize.Comma(int64(n)) + " " + word + "s"
}

func frameworkRows(inv *scanner.Inventory) [][]string {
	eras := map[string][]scanner.EraSummary{}
	for _, e := range inv.Summary.Eras {
		eras[e.Framework] = append(eras[e.Framework], e)
	}
	fws := append([]scanner.FrameworkSummary{}, inv.Summary.Frameworks...)
	sort.SliceStable(fws, func(i, j int) bool { return fws[i].Findings > fws[j].Findings })
	rows := make([][]string, 0, len(fws))
	for _, fw := range fws {
		es := eras[fw.Name]
		sort.SliceStable(es, func(i, j int) bool { return es[i].Findings > es[j].Findings })
		var parts []string
		for _, e := range es {
			parts = append(parts, fmt.Sprintf("%s %s", e.Name, humanize.Comma(int64(e.Findings))))
		}
		rows = append(rows, []string{
			fw.Name, strings.Join(parts, ", "), humanize.Comma(int64(fw.Files)),
			humanize.Comma(int64(fw.Findings)), humanize.Comma(int64(fw.Lines)),
			fmt.Sprintf("%.1f%%", fw.Share*100),
		})
	}
	return rows
}

func categoryRows(s scanner.Summary, top int) [][]string {
	cats := append([]scanner.CategorySummary{}, s.Categories...)
	sort.SliceStable(cats, func(i, j int) bool { return cats[i].Findings > cats[j].Findings })
	var rows [][]string
	for i, c := range cats {
		if i == top {
			rows = append(rows, []string{fmt.Sprintf("… %d more", len(cats)-top), ""})
			break
		}
		rows = append(rows, []string{c.Name, humanize.Comma(int64(c.Findings))})
	}
	return rows
}

// TopFiles returns the files with the most findings, most first, ties by path.
func TopFiles(inv *scanner.Inventory, n int) []scanner.FileReport {
	var files []scanner.FileReport
	for _, f := range inv.Files {
		if f.Findings > 0 {
			files = append(files, f)
		}
	}
	sort.SliceStable(files, func(i, j int) bool {
		if files[i].Findings != files[j].Findings {
			return files[i].Findings > files[j].Findings
		}
		return files[i].Path < files[j].Path
	})
	if n > 0 && len(files) > n {
		files = files[:n]
	}
	return files
}

func topFileRows(inv *scanner.Inventory, top int) [][]string {
	var rows [][]string
	for _, f := range TopFiles(inv, top) {
		rows = append(rows, []string{f.Path, humanize.Comma(int64(f.Findings)), strings.Join(f.Frameworks, ", "), humanize.Comma(int64(f.Lines))})
	}
	return rows
}

func dependencyRows(deps []scanner.Dependency) [][]string {
	rows := make([][]string, 0, len(deps))
	for _, d := range deps {
		major := "?"
		if d.Major != nil {
			major = fmt.Sprint(*d.Major)
		}
		spec := d.Spec
		if spec == "" {
			spec = "(any)"
		}
		rows = append(rows, []string{d.Package, spec, major, d.Framework, fmt.Sprintf("%s:%d", d.File, d.Line)})
	}
	return rows
}

func skippedRows(skipped []scanner.Skipped) [][]string {
	type group struct {
		count    int
		examples []string
	}
	groups := map[string]*group{}
	var order []string
	for _, s := range skipped {
		g := groups[s.Code]
		if g == nil {
			g = &group{}
			groups[s.Code] = g
			order = append(order, s.Code)
		}
		g.count++
		if len(g.examples) < 3 {
			g.examples = append(g.examples, s.Path)
		}
	}
	sort.Strings(order)
	rows := make([][]string, 0, len(order))
	for _, code := range order {
		g := groups[code]
		ex := strings.Join(g.examples, ", ")
		if g.count > len(g.examples) {
			ex += ", …"
		}
		rows = append(rows, []string{code, humanize.Comma(int64(g.count)), ex})
	}
	return rows
}

// textWriter is the terminal writer with the report's own sections
// (table_estimate.go).
type textWriter struct {
	*terminal.Writer
}
