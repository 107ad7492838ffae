package main

import (
	"fmt"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
)

// openCache opens the analysis cache unless disabled. A cache that cannot be
// opened is not an error: the scan runs without it, and the warning says why.
func openCache(disabled bool) (scanner.Cache, string) {
	if disabled {
		return nil, ""
	}
	dir, err := cache.DefaultDir()
	if err != nil {
		return nil, fmt.Sprintf("analysis cache disabled: %v", err)
	}
	store, err := cache.Open(dir)
	if err != nil {
		return nil, fmt.Sprintf("analysis cache disabled: %v", err)
	}
	return store, ""
}
