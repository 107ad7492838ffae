package main

import (
	"fmt"
	"time"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
	"github.com/frameshift/frameshift/scanner/walk"
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

// openStamps opens the stamp index of a folder being scanned with a cache, and
// returns the function that saves it; nil for a git tree, whose files carry blob
// ids, or without a cache.
func openStamps(io *ioStreams, c scanner.Cache, fsys walk.FS) (scanner.StampIndex, func()) {
	store, ok := c.(*cache.Store)
	folder, isFolder := fsys.(interface{ Dir() string })
	if !ok || store == nil || !isFolder {
		return nil, func() {}
	}
	stamps := cache.OpenStamps(store.Dir(), folder.Dir(), time.Now())
	return stamps, func() {
		if err := stamps.Save(); err != nil && io.stderrTTY {
			fmt.Fprintf(io.ErrOut, "frameshift: stamp index not saved: %v\n", err)
		}
	}
}
