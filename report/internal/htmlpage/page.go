// Package htmlpage holds what the HTML page of a report and the HTML page of a
// portfolio share, so the two look alike and are built alike: the stylesheet,
// the template partials for tables and charts, the template functions, and the
// geometry and palette of the charts. Charts are computed in Go as plain geometry
// and text; the templates turn them into inline SVG, so every label from a
// scanned repository goes through html/template's escaping like any other text.
package htmlpage

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"
)

//go:embed style.css
var stylesheet string

//go:embed partials.gohtml
var partialsFS embed.FS

// Stylesheet is the pages' common CSS: print styles, tables, charts. It is our own
// embedded file, so it is trusted as CSS; a page appends its own rules to it.
func Stylesheet() template.CSS { return template.CSS(stylesheet) }

// Parse parses the page template at name in fsys together with the shared
// partials ("table", "bars", "stack") and functions ("list", "table"), plus the
// page's own funcs. The result is immutable once returned, and html/template is
// safe for concurrent Execute, so a page parses once.
func Parse(fsys fs.FS, name string, funcs template.FuncMap) (*template.Template, error) {
	t := template.New(path.Base(name)).Funcs(template.FuncMap{
		"list":  func(s ...string) []string { return s },
		"table": NewTable,
	}).Funcs(funcs)
	t, err := t.ParseFS(partialsFS, "partials.gohtml")
	if err != nil {
		return nil, fmt.Errorf("parse embedded html partials: %w", err)
	}
	if t, err = t.ParseFS(fsys, name); err != nil {
		return nil, fmt.Errorf("parse embedded html template %s: %w", name, err)
	}
	return t, nil
}
