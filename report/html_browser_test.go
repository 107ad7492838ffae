package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/frameshift/frameshift/report/internal/browsertest"
)

// TestHTMLInBrowser renders the richest report, opens it in headless chromium
// from a file:// URL, and checks that it renders with no console error and no
// network request, shows the estimate, and prints to PDF.
func TestHTMLInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	dir := browsertest.OutputDir(t)
	file := filepath.Join(dir, "report.html")
	doc := ciDriftDoc(t)
	var buf bytes.Buffer
	if err := (&HTMLEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	tab, problems := browsertest.Open(t, browser, file)
	heading, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#estimate-h")))
	if err != nil {
		t.Fatalf("read the estimate heading: %v", err)
	}
	if heading != "Estimate" {
		t.Errorf("estimate heading renders as %q, want Estimate", heading)
	}
	firstPath, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#estimate table tbody tr td")))
	if err != nil {
		t.Fatalf("read the estimate table: %v", err)
	}
	if want := doc.Estimate.Paths[0].ID; firstPath != want {
		t.Errorf("first estimate row starts with %q, want the path %s", firstPath, want)
	}
	svgs, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("svg").length`))
	if err != nil {
		t.Fatal(err)
	}
	if svgs < 3 {
		t.Errorf("page shows %d charts, want at least 3 (framework mix, era mix, effort by folder, history)", svgs)
	}
	scripts, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.scripts.length`))
	if err != nil {
		t.Fatal(err)
	}
	if scripts != 0 {
		t.Errorf("page has %d scripts, want none", scripts)
	}

	browsertest.SaveScreenshot(t, tab, filepath.Join(dir, "report.jpg"))
	browsertest.SavePDF(t, tab, filepath.Join(dir, "report.pdf"))
	problems.ExpectNone(t)
}
