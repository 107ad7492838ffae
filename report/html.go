package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/dustin/go-humanize"
)

//go:embed templates/report.gohtml templates/style.css
var templateFS embed.FS

// HTMLEncoder writes one self-contained HTML page a consultant can send a client:
// inline CSS and SVG, no script, nothing loaded from the network, styles for
// print. Every value passes through html/template's contextual escaping.
type HTMLEncoder struct {
	Options Options
}

var _ Encoder = (*HTMLEncoder)(nil)

// ID implements Encoder.
func (*HTMLEncoder) ID() string { return "html" }

// Encode implements Encoder.
func (e *HTMLEncoder) Encode(w io.Writer, doc *Document) error {
	if doc == nil {
		doc = &Document{}
	}
	page, err := htmlPage()
	if err != nil {
		return err
	}
	view := struct {
		*htmlView
		CSS template.CSS
	}{newHTMLView(doc, e.Options), page.css}
	var buf bytes.Buffer
	if err := page.tmpl.Execute(&buf, view); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type parsedPage struct {
	tmpl *template.Template
	// css is our own embedded stylesheet, so it is trusted as CSS.
	css template.CSS
}

// htmlPage parses the embedded template once; it is immutable afterwards and
// html/template is safe for concurrent Execute.
var htmlPage = sync.OnceValues(func() (*parsedPage, error) {
	css, err := templateFS.ReadFile("templates/style.css")
	if err != nil {
		return nil, fmt.Errorf("read embedded stylesheet: %w", err)
	}
	tmpl, err := template.New("report.gohtml").Funcs(template.FuncMap{
		"list":  func(s ...string) []string { return s },
		"comma": func(n int) string { return humanize.Comma(int64(n)) },
		"table": newTableData,
	}).ParseFS(templateFS, "templates/report.gohtml")
	if err != nil {
		return nil, fmt.Errorf("parse embedded html template: %w", err)
	}
	return &parsedPage{tmpl: tmpl, css: template.CSS(css)}, nil
})

// tableData is a generic table for the template: aligns holds one letter per
// column, l or r.
type tableData struct {
	Caption string
	Header  []string
	Rows    [][]string
	aligns  string
}

func newTableData(caption string, header []string, aligns string, rows [][]string) tableData {
	return tableData{Caption: caption, Header: header, Rows: rows, aligns: aligns}
}

// Right reports whether column i is right-aligned (a number).
func (t tableData) Right(i int) bool { return i < len(t.aligns) && t.aligns[i] == 'r' }
