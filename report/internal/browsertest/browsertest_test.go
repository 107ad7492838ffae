package browsertest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frameshift/frameshift/report/internal/browsertest"
)

// TestCatchesProblems proves the page checks can fail: a page that loads an image
// from the network and logs an error must be reported.
func TestCatchesProblems(t *testing.T) {
	browser := browsertest.New(t)
	file := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><html><head><title>bad</title></head><body>
<img src="http://127.0.0.1:9/pixel.png" alt="">
<script>console.error("broken on purpose")</script></body></html>`
	if err := os.WriteFile(file, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, problems := browsertest.Open(t, browser, file)
	var sawRequest, sawConsole bool
	// The image request (to the discard port, refused at once) is reported
	// asynchronously; give it a moment.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		sawRequest, sawConsole = false, false
		for _, p := range problems.All() {
			sawRequest = sawRequest || strings.Contains(p, "127.0.0.1:9")
			sawConsole = sawConsole || strings.Contains(p, "broken on purpose")
		}
		if sawRequest && sawConsole {
			break
		}
	}
	if !sawRequest {
		t.Errorf("the network request of a bad page went unnoticed: %q", problems.All())
	}
	if !sawConsole {
		t.Errorf("the console error of a bad page went unnoticed: %q", problems.All())
	}
}

// TestCleanPageHasNoProblems is the other half: a page with nothing to load and
// no script gives no problem, so the checks do not fail every page.
func TestCleanPageHasNoProblems(t *testing.T) {
	browser := browsertest.New(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "clean.html")
	clean := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>clean</title></head><body><p>hello</p></body></html>`
	if err := os.WriteFile(file, []byte(clean), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, problems := browsertest.Open(t, browser, file)
	browsertest.SavePDF(t, tab, filepath.Join(dir, "clean.pdf"))
	problems.ExpectNone(t)
}
