// Package htmlcheck_test opens the portfolio's HTML golden pages in headless
// Chromium. It is a package of its own because linking chromedp into the test
// binary of report/portfolio makes its coverage-guided fuzzing crawl (a few
// executions a second instead of thousands). The pages it opens are the golden
// files, which report/portfolio's TestGolden proves are the encoder's bytes.
//
// The browser harness (chromium lookup, flags, checks for a self-contained page,
// screenshot and PDF) is report/internal/browsertest, shared with report's own
// browser test.
package htmlcheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/frameshift/frameshift/report/internal/browsertest"
)

// goldenPage copies a golden HTML page into dir as a .html file, for the browser.
func goldenPage(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name+".html.golden"))
	if err != nil {
		t.Fatalf("read golden page: %v", err)
	}
	file := filepath.Join(dir, name+".html")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestHTMLInBrowser opens the fixtures' portfolio page (testdata/fixtures.html.golden), opens it in headless chromium
// from a file:// URL, and checks that it renders with no console error and no
// network request, shows the estimate, the ranking and its charts, and prints to
// PDF.
func TestHTMLInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	dir := browsertest.OutputDir(t)
	file := goldenPage(t, dir, "fixtures")

	tab, problems := browsertest.Open(t, browser, file)
	heading, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#estimate-h")))
	if err != nil {
		t.Fatalf("read the estimate heading: %v", err)
	}
	if heading != "Estimate" {
		t.Errorf("estimate heading renders as %q, want Estimate", heading)
	}
	firstRanked, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#effort table tbody tr td:nth-child(2)")))
	if err != nil {
		t.Fatalf("read the ranking: %v", err)
	}
	if !strings.Contains(firstRanked, "tf1-graph") && !strings.Contains(firstRanked, "vision-fork") {
		t.Errorf("the costliest repository renders as %q, want one of the TF1 repositories", firstRanked)
	}
	rows, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("#repositories tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	if rows != 10 {
		t.Errorf("repositories table shows %d rows, want 10", rows)
	}
	failed, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("#failed td")))
	if err != nil {
		t.Fatalf("read the failures: %v", err)
	}
	if failed != "https://github.com/acme/archived" {
		t.Errorf("failed repository renders as %q", failed)
	}
	svgs, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("svg").length`))
	if err != nil {
		t.Fatal(err)
	}
	if svgs < 4 {
		t.Errorf("page shows %d charts, want 4 (effort, framework mix, eras, recommendations)", svgs)
	}
	// The effort chart draws ranges: a light bar to the high bound behind a
	// solid one to the low bound, and every bar must have a width on screen.
	widths, err := chromedp.Run(tab, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll("#effort svg rect")).map(r => r.getBoundingClientRect().width)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(widths) < 2 {
		t.Errorf("effort chart has %d bars", len(widths))
	}
	for i, w := range widths {
		if w <= 0 {
			t.Errorf("effort bar %d has width %g on screen", i, w)
		}
	}
	scripts, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.scripts.length`))
	if err != nil {
		t.Fatal(err)
	}
	if scripts != 0 {
		t.Errorf("page has %d scripts, want none", scripts)
	}

	browsertest.SaveScreenshot(t, tab, filepath.Join(dir, "portfolio.jpg"))
	browsertest.SavePDF(t, tab, filepath.Join(dir, "portfolio.pdf"))
	problems.ExpectNone(t)
}

// TestHostileHTMLInBrowser opens the portfolio whose names and reasons carry
// markup (testdata/hostile.html.golden): nothing of it may run or load.
func TestHostileHTMLInBrowser(t *testing.T) {
	browser := browsertest.New(t)
	file := goldenPage(t, t.TempDir(), "hostile")
	tab, problems := browsertest.Open(t, browser, file)
	counts, err := chromedp.Run(tab, chromedp.Evaluate[[]int](`[document.scripts.length, document.images.length]`))
	if err != nil {
		t.Fatal(err)
	}
	if counts[0] != 0 || counts[1] != 0 {
		t.Errorf("hostile names became %d scripts and %d images", counts[0], counts[1])
	}
	problems.ExpectNone(t)
}
