package portfolio

import (
	"strings"

	"github.com/frameshift/frameshift/scanner/source"
)

// Key names a repository in a portfolio: its input with credentials redacted and
// trailing slashes dropped, then "@ref" when a ref was asked for. Two reports with
// the same key are two scans of the same repository. The input is taken as
// written, so a list should spell each repository the same way on every machine.
func Key(input, ref string) string {
	k := NormalizeInput(input)
	if ref = strings.TrimSpace(ref); ref != "" {
		k += "@" + ref
	}
	return k
}

// NormalizeInput is the form of an input that keys and hashes use: redacted, so a
// rotated token does not make a new repository, and without surrounding space or
// trailing slashes, which name the same place.
func NormalizeInput(input string) string {
	s := source.Redact(strings.TrimSpace(input))
	// Keep "/" and the slashes of a bare scheme ("file:///").
	for len(s) > 1 && strings.HasSuffix(s, "/") && !strings.HasSuffix(s, "://") && !strings.HasSuffix(s[:len(s)-1], "://") {
		s = strings.TrimSuffix(s, "/")
	}
	return s
}
