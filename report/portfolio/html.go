package portfolio

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"sync"
)

// templates/style.css is report's stylesheet, byte for byte (a test keeps the two
// in step); templates/portfolio.css adds what only a portfolio shows.
//
//go:embed templates/portfolio.gohtml templates/style.css templates/portfolio.css
var templateFS embed.FS

// HTMLEncoder writes one self-contained page for a client or a steering meeting:
// inline CSS and SVG charts, no script, nothing loaded from the network, styles
// for print. Every value passes through html/template's contextual escaping.
type HTMLEncoder struct {
	Options Options
}

var _ Encoder = (*HTMLEncoder)(nil)

// ID implements Encoder.
func (*HTMLEncoder) ID() string { return "html" }

// Encode implements Encoder.
func (e *HTMLEncoder) Encode(w io.Writer, p *Portfolio) error {
	page, err := htmlPage()
	if err != nil {
		return err
	}
	view := struct {
		*htmlView
		CSS template.CSS
	}{newHTMLView(orEmpty(p), e.Options), page.css}
	var buf bytes.Buffer
	if err := page.tmpl.Execute(&buf, view); err != nil {
		return fmt.Errorf("render html portfolio: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type parsedPage struct {
	tmpl *template.Template
	// css is our own embedded stylesheet, so it is trusted as CSS.
	css template.CSS
}

// htmlPage parses the embedded template once; html/template is safe for
// concurrent Execute afterwards.
var htmlPage = sync.OnceValues(func() (*parsedPage, error) {
	var css []byte
	for _, name := range []string{"templates/style.css", "templates/portfolio.css"} {
		b, err := templateFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read embedded stylesheet %s: %w", name, err)
		}
		css = append(css, b...)
	}
	tmpl, err := template.New("portfolio.gohtml").Funcs(template.FuncMap{
		"list":  func(s ...string) []string { return s },
		"table": newTableData,
	}).ParseFS(templateFS, "templates/portfolio.gohtml")
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
