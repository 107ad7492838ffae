package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// ioStreams carries the process's streams so that tests can run commands against
// buffers (gh's iostreams, reduced to what we need).
type ioStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// stdoutTTY and stderrTTY say whether colour and progress make sense.
	stdoutTTY bool
	stderrTTY bool
}

func newIOStreams(in io.Reader, out, errOut io.Writer) *ioStreams {
	return &ioStreams{In: in, Out: out, ErrOut: errOut, stdoutTTY: isTerminal(out), stderrTTY: isTerminal(errOut)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// colorEnabled honours NO_COLOR (https://no-color.org) and the --no-color flag.
func (s *ioStreams) colorEnabled(noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return s.stdoutTTY
}
