package report

import (
	"fmt"
	"strings"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// FindingMessage says what a finding's symbol is and what replaces it: the
// catalog's replacement when the symbol was renamed, else the rule's hint for the
// recommended target. In a notebook it names the cell, because the line and column
// count inside the cell, not inside the .ipynb file.
func FindingMessage(f scanner.Finding, r *catalog.Rule, target string) string {
	var b strings.Builder
	if f.Cell != nil {
		fmt.Fprintf(&b, "Notebook cell %d, line %d: ", *f.Cell, f.Line)
	}
	fmt.Fprintf(&b, "%s (%s", clip(f.Symbol, maxMessageSymbol), f.Kind)
	if f.Era != "" {
		fmt.Fprintf(&b, ", %s", f.Era)
	}
	if f.Category != "" {
		fmt.Fprintf(&b, " %s", f.Category)
	}
	b.WriteString(")")
	if r != nil && r.Summary != "" {
		b.WriteString(": ")
		b.WriteString(r.Summary)
	} else {
		b.WriteString(".")
	}
	switch {
	case f.Replacement != "" && !strings.EqualFold(f.Replacement, "no equivalent"):
		fmt.Fprintf(&b, " Replace with %s.", clip(f.Replacement, maxMessageSymbol))
	default:
		if f.Replacement != "" {
			b.WriteString(" It has no direct equivalent.")
		}
		if h := hintFor(r, target); h.text != "" {
			fmt.Fprintf(&b, " To %s: %s", h.target, h.text)
		}
	}
	return b.String()
}

// hintFor picks the hint for the recommended target, or else the first hint in
// the catalog's order of targets.
func hintFor(r *catalog.Rule, target string) targetHint {
	if r == nil {
		return targetHint{}
	}
	if h := r.Hints[target]; target != "" && h != "" {
		return targetHint{target, h}
	}
	if hs := ruleHints(r); len(hs) > 0 {
		return hs[0]
	}
	return targetHint{}
}
