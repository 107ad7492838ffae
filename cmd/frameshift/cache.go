package main

import (
	"fmt"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
)

// openCache opens the analysis cache unless disabled, and returns the function that
// saves it: the store writes a run's new entries as one pack when closed. A cache
// that cannot be opened or saved is not an error, since the scan itself is sound:
// on a terminal a one-line warning says why, and the scan runs without it.
func openCache(io *ioStreams, disabled bool) (scanner.Cache, func()) {
	warn := func(format string, args ...any) {
		if io.stderrTTY {
			fmt.Fprintf(io.ErrOut, "frameshift: "+format+"\n", args...)
		}
	}
	if disabled {
		return nil, func() {}
	}
	dir, err := cache.DefaultDir()
	if err != nil {
		warn("analysis cache disabled: %v", err)
		return nil, func() {}
	}
	store, err := cache.Open(dir)
	if err != nil {
		warn("analysis cache disabled: %v", err)
		return nil, func() {}
	}
	return store, func() {
		if err := store.Close(); err != nil {
			warn("analysis cache not saved: %v", err)
		}
	}
}
