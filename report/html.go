package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/htmlpage"
)

//go:embed templates/report.gohtml
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
	}{newHTMLView(doc, e.Options), htmlpage.Stylesheet()}
	var buf bytes.Buffer
	if err := page.Execute(&buf, view); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlPage parses the embedded template once; it is immutable afterwards and
// html/template is safe for concurrent Execute.
var htmlPage = sync.OnceValues(func() (*template.Template, error) {
	return htmlpage.Parse(templateFS, "templates/report.gohtml", template.FuncMap{
		"comma": func(n int) string { return humanize.Comma(int64(n)) },
	})
})
