// Package htmlcheck_test opens the portfolio's HTML golden pages in headless
// Chromium. It is a package of its own because linking chromedp into the test
// binary of report/portfolio makes its coverage-guided fuzzing crawl (a few
// executions a second instead of thousands). The pages it opens are the golden
// files, which report/portfolio's TestGolden proves are the encoder's bytes.
//
// The browser helpers follow report/html_browser_test.go (test code cannot be
// shared across packages): the same chromium lookup, flags and checks for a
// self-contained page.
package htmlcheck_test

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Without it the browser tests skip, unless
// FRAMESHIFT_REQUIRE_BROWSER=1 (set by .ci/run) makes the absence a failure.
func chromiumPath(t *testing.T) string {
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

// newBrowser starts a headless chromium with a fresh profile and no background
// traffic, so any network request seen comes from the page.
func newBrowser(t *testing.T) context.Context {
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

// pageProblems collects what a self-contained page must never cause: console
// errors, uncaught exceptions, error entries of the browser log (CSP violations
// land there) and any network request other than the page itself.
type pageProblems struct {
	mu   sync.Mutex
	page string
	list []string
}

func (p *pageProblems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *pageProblems) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

func (p *pageProblems) listen(ev any) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		p.add("exception: %s", ev.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if ev.Entry != nil && ev.Entry.Level == log.EntryLevelError {
			p.add("browser log error: %s %s", ev.Entry.Text, ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		if ev.Request != nil && ev.Request.URL != p.page && !strings.HasPrefix(ev.Request.URL, "data:") {
			p.add("request for %s", ev.Request.URL)
		}
	case *network.EventLoadingFailed:
		p.add("loading failed: %s %s", ev.ErrorText, ev.BlockedReason)
	}
}

// openPage loads a file in a new tab and returns what went wrong while loading.
func openPage(t *testing.T, browser context.Context, file string) (context.Context, *pageProblems) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	u := (&url.URL{Scheme: "file", Path: file}).String()
	problems := &pageProblems{page: u}
	// Listen attaches the tab; it must run before the navigation so that no
	// event of the load is missed.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start browser tab: %v", err)
	}
	if err := chromedp.Listen(tab, problems.listen); err != nil {
		t.Fatalf("listen to the browser tab: %v", err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		t.Fatalf("open %s in chromium: %v", u, err)
	}
	return tab, problems
}

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
	browser := newBrowser(t)
	dir := t.TempDir()
	if keep := os.Getenv("FRAMESHIFT_KEEP_SCREENSHOTS"); keep != "" {
		dir = keep // to look at the page after the test
	}
	file := goldenPage(t, dir, "fixtures")

	tab, problems := openPage(t, browser, file)
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

	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shotPath := filepath.Join(dir, "portfolio.jpg")
	if err := os.WriteFile(shotPath, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", shotPath, len(shot))

	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("print produced %d bytes that are not a PDF", len(pdf))
	}
	if err := os.WriteFile(filepath.Join(dir, "portfolio.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}

	for _, p := range problems.all() {
		t.Errorf("page problem: %s", p)
	}
}

// TestHostileHTMLInBrowser opens the portfolio whose names and reasons carry
// markup (testdata/hostile.html.golden): nothing of it may run or load.
func TestHostileHTMLInBrowser(t *testing.T) {
	browser := newBrowser(t)
	file := goldenPage(t, t.TempDir(), "hostile")
	tab, problems := openPage(t, browser, file)
	counts, err := chromedp.Run(tab, chromedp.Evaluate[[]int](`[document.scripts.length, document.images.length]`))
	if err != nil {
		t.Fatal(err)
	}
	if counts[0] != 0 || counts[1] != 0 {
		t.Errorf("hostile names became %d scripts and %d images", counts[0], counts[1])
	}
	for _, p := range problems.all() {
		t.Errorf("page problem: %s", p)
	}
}
