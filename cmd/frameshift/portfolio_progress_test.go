package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/frameshift/frameshift/report/portfolio"
)

func TestPortfolioProgress(t *testing.T) {
	t.Run("quiet when piped", func(t *testing.T) {
		var errOut bytes.Buffer
		p := newPortfolioProgress(&ioStreams{ErrOut: &errOut}, 3)
		p.finished(portfolio.StatusScanned)
		p.finished(portfolio.StatusFailed)
		p.finish()
		if errOut.Len() != 0 {
			t.Errorf("progress wrote %q to a pipe", errOut.String())
		}
	})
	t.Run("counts on a terminal", func(t *testing.T) {
		var errOut bytes.Buffer
		p := newPortfolioProgress(&ioStreams{ErrOut: &errOut, stderrTTY: true}, 4)
		start := p.start
		p.now = func() time.Time { return start.Add(83 * time.Second) }
		p.finished(portfolio.StatusScanned)
		p.finished(portfolio.StatusKept)
		p.finished(portfolio.StatusFailed)
		p.finish()
		out := errOut.String()
		want := "repositories: 3/4 done (1 kept, 1 failed), 1 remaining, 1m23s elapsed"
		if !strings.Contains(out, want) {
			t.Errorf("progress %q lacks %q", out, want)
		}
		if !strings.HasSuffix(out, "\r\x1b[K") {
			t.Errorf("progress does not clear its line at the end: %q", out)
		}
	})
}
