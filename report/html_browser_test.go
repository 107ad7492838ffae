package report

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

// TestHTMLInBrowser renders the richest report, opens it in headless chromium
// from a file:// URL, and checks that it renders with no console error and no
// network request, shows the estimate, and prints to PDF.
func TestHTMLInBrowser(t *testing.T) {
	browser := newBrowser(t)
	dir := t.TempDir()
	if keep := os.Getenv("FRAMESHIFT_KEEP_SCREENSHOTS"); keep != "" {
		dir = keep // to look at the page after the test
	}
	file := filepath.Join(dir, "report.html")
	doc := ciDriftDoc(t)
	var buf bytes.Buffer
	if err := (&HTMLEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	tab, problems := openPage(t, browser, file)
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

	shot, err := chromedp.Run(tab, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	shotPath := filepath.Join(dir, "report.jpg")
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
	pdfPath := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdfPath, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("pdf: %s (%d bytes)", pdfPath, len(pdf))

	for _, p := range problems.all() {
		t.Errorf("page problem: %s", p)
	}
}

// TestBrowserCheckCatchesProblems proves the checks above can fail: a page that
// loads an image from the network and logs an error must be reported.
func TestBrowserCheckCatchesProblems(t *testing.T) {
	browser := newBrowser(t)
	file := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html><head><title>bad</title></head><body>
<img src="http://127.0.0.1:9/pixel.png" alt="">
<script>console.error("broken on purpose")</script></body></html>`
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, problems := openPage(t, browser, file)
	var sawRequest, sawConsole bool
	// The image request (to the discard port, refused at once) is reported
	// asynchronously; give it a moment.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		sawRequest, sawConsole = false, false
		for _, p := range problems.all() {
			sawRequest = sawRequest || strings.Contains(p, "127.0.0.1:9")
			sawConsole = sawConsole || strings.Contains(p, "broken on purpose")
		}
		if sawRequest && sawConsole {
			break
		}
	}
	if !sawRequest {
		t.Errorf("the network request of a bad page went unnoticed: %q", problems.all())
	}
	if !sawConsole {
		t.Errorf("the console error of a bad page went unnoticed: %q", problems.all())
	}
}
