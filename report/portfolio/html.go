package portfolio

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/frameshift/frameshift/report/internal/htmlpage"
)

//go:embed templates/portfolio.gohtml
var templateFS embed.FS

// portfolioCSS adds to the pages' common stylesheet what only a portfolio shows.
//
//go:embed templates/portfolio.css
var portfolioCSS string

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
	}{newHTMLView(orEmpty(p), e.Options), htmlpage.Stylesheet() + template.CSS(portfolioCSS)}
	var buf bytes.Buffer
	if err := page.Execute(&buf, view); err != nil {
		return fmt.Errorf("render html portfolio: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// htmlPage parses the embedded template once; html/template is safe for
// concurrent Execute afterwards.
var htmlPage = sync.OnceValues(func() (*template.Template, error) {
	return htmlpage.Parse(templateFS, "templates/portfolio.gohtml", nil)
})
