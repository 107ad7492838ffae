package main

import (
	"fmt"
	"sync"
	"time"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/portfolio"
)

// portfolioProgress shows a long portfolio run on a terminal's stderr: one line,
// redrawn when a repository finishes and once a second for the clock. It writes
// nothing when stderr is not a terminal, so piped and CI output stays clean.
type portfolioProgress struct {
	io    *ioStreams
	total int
	start time.Time
	now   func() time.Time

	mu                 sync.Mutex
	done, kept, failed int
	shown              bool
	stop               chan struct{}
	stopped            sync.WaitGroup
}

func newPortfolioProgress(io *ioStreams, total int) *portfolioProgress {
	p := &portfolioProgress{io: io, total: total, now: time.Now, stop: make(chan struct{})}
	p.start = p.now()
	if !io.stderrTTY {
		return p
	}
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.draw()
			}
		}
	}()
	return p
}

// finished counts one repository with its status.
func (p *portfolioProgress) finished(status string) {
	p.mu.Lock()
	p.done++
	switch status {
	case portfolio.StatusKept:
		p.kept++
	case portfolio.StatusFailed:
		p.failed++
	}
	p.mu.Unlock()
	p.draw()
}

func (p *portfolioProgress) draw() {
	if !p.io.stderrTTY {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shown = true
	fmt.Fprint(p.io.ErrOut, "\r\x1b[K"+p.line())
}

// line is the progress text; the caller holds mu.
func (p *portfolioProgress) line() string {
	elapsed := p.now().Sub(p.start).Round(time.Second)
	return fmt.Sprintf("repositories: %s/%s done (%s kept, %s failed), %s remaining, %s elapsed",
		humanize.Comma(int64(p.done)), humanize.Comma(int64(p.total)),
		humanize.Comma(int64(p.kept)), humanize.Comma(int64(p.failed)),
		humanize.Comma(int64(p.total-p.done)), elapsed)
}

// finish stops the clock and clears the line.
func (p *portfolioProgress) finish() {
	close(p.stop)
	p.stopped.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
	}
}
