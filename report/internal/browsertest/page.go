package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Problems collects what a self-contained page must never cause: console errors,
// uncaught exceptions, error entries of the browser log (CSP violations land
// there) and any network request other than the page itself. Events arrive on
// chromedp's goroutines, hence the lock.
type Problems struct {
	mu   sync.Mutex
	page string
	list []string
}

func (p *Problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

// All returns the problems seen so far, one sentence each.
func (p *Problems) All() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// ExpectNone fails the test once for every problem seen so far.
func (p *Problems) ExpectNone(t testing.TB) {
	t.Helper()
	for _, msg := range p.All() {
		t.Errorf("page problem: %s", msg)
	}
}

func (p *Problems) listen(ev any) {
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

// Open loads a file in a new tab of browser (from New) and returns the tab and
// what goes wrong while it loads and afterwards.
func Open(t testing.TB, browser context.Context, file string) (context.Context, *Problems) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	u := (&url.URL{Scheme: "file", Path: file}).String()
	problems := &Problems{page: u}
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
