// Package browsertest opens the self-contained HTML pages of report and
// report/portfolio in headless Chromium, for their tests only: it finds the
// browser (skipping, or failing under FRAMESHIFT_REQUIRE_BROWSER=1, when it is
// missing), starts it with no background traffic, collects what a page must never
// cause (console errors, exceptions, network requests), and saves a screenshot and
// a PDF print.
//
// It is an ordinary package rather than test code because test code cannot be
// shared across packages. Only tests import it: it links chromedp, which no
// encoder needs.
package browsertest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Without it the browser tests skip, unless
// FRAMESHIFT_REQUIRE_BROWSER=1 (set by .ci/run) makes the absence a failure.
func chromiumPath(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("FRAMESHIFT_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium is not installed and FRAMESHIFT_REQUIRE_BROWSER=1: install it with apt-get install -y chromium")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); set FRAMESHIFT_REQUIRE_BROWSER=1 to fail instead of skipping")
	return ""
}

// New starts a headless chromium with a fresh profile and no background traffic,
// so any network request seen comes from the page. The browser stops when the
// test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 60*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancelTimeout()
	})
	return browserCtx
}

// OutputDir is the folder for a test's page, screenshot and PDF: a temporary one,
// or $FRAMESHIFT_KEEP_SCREENSHOTS to look at them after the test.
func OutputDir(t testing.TB) string {
	if keep := os.Getenv("FRAMESHIFT_KEEP_SCREENSHOTS"); keep != "" {
		return keep
	}
	return t.TempDir()
}

// SaveScreenshot writes a full-page JPEG of the tab to path.
func SaveScreenshot(t testing.TB, tab context.Context, path string) {
	t.Helper()
	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(shot))
}

// SavePDF prints the tab on A4, as a reader's "print to PDF" would with the
// page's print styles, checks that the result is a PDF and writes it to path.
func SavePDF(t testing.TB, tab context.Context, path string) {
	t.Helper()
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("print produced %d bytes that are not a PDF", len(pdf))
	}
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("pdf: %s (%d bytes)", path, len(pdf))
}
