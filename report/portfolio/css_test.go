package portfolio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestStylesheetMatchesReport keeps the portfolio page in the report's visual
// language: templates/style.css must be report's stylesheet, byte for byte (go:embed
// cannot reach a parent folder, so the file is copied). After a change to
// report/templates/style.css, copy it here.
func TestStylesheetMatchesReport(t *testing.T) {
	ours, err := os.ReadFile(filepath.Join("templates", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := os.ReadFile(filepath.Join("..", "templates", "style.css"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours, theirs) {
		t.Error("report/portfolio/templates/style.css differs from report/templates/style.css: cp report/templates/style.css report/portfolio/templates/")
	}
}
