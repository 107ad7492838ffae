// Package terminal writes the plain-text output of report and report/portfolio
// for a terminal: a bold line, upper-case section titles and tables drawn with
// tablewriter's light box style, so a report and a portfolio read alike.
package terminal

import (
	"fmt"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Writer keeps the first write error, so an encoder's sections can write freely
// and the encoder returns the error once, from Err.
type Writer struct {
	w     io.Writer
	color bool
	err   error
}

// New returns a Writer to w; color enables ANSI bold (terminals only).
func New(w io.Writer, color bool) *Writer { return &Writer{w: w, color: color} }

// Err is the first error of a write, or nil.
func (t *Writer) Err() error { return t.err }

// Printf writes formatted text, unless an earlier write failed.
func (t *Writer) Printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

// Bold marks s bold when colour is on.
func (t *Writer) Bold(s string) string {
	if !t.color {
		return s
	}
	return "\x1b[1m" + s + "\x1b[0m"
}

// Section writes a section title after a blank line.
func (t *Writer) Section(title string) {
	t.Printf("\n%s\n", t.Bold(strings.ToUpper(title)))
}

// Table draws a table. aligns holds one letter per column, l for text or r for a
// number, as the Markdown and HTML tables take them.
func (t *Writer) Table(header []string, aligns string, rows [][]string) {
	if t.err != nil {
		return
	}
	perColumn := make([]tw.Align, len(aligns))
	for i := range perColumn {
		perColumn[i] = tw.AlignLeft
		if aligns[i] == 'r' {
			perColumn[i] = tw.AlignRight
		}
	}
	table := tablewriter.NewTable(t.w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: perColumn}),
		tablewriter.WithHeaderAlignmentConfig(tw.CellAlignment{PerColumn: perColumn}),
	)
	h := make([]any, len(header))
	for i, s := range header {
		h[i] = s
	}
	table.Header(h...)
	if err := table.Bulk(rows); err != nil {
		t.err = err
		return
	}
	t.err = table.Render()
}
