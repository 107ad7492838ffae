package scanner

import (
	"strconv"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/python"
)

// match is one reference that a catalog rule claims.
type match struct {
	ref         python.Reference
	rule        *catalog.Rule
	replacement string
}

// matchRefs maps a file's resolved references onto the catalog. Imports decide which
// frameworks the file uses, and rules that require a framework (method rules such as
// x.add_() in a torch file) only match in files that use it.
func matchRefs(cat *catalog.Catalog, refs []python.Reference) []match {
	used := map[string]bool{}
	uses := func(fw string) bool { return used[fw] }
	out := make([]match, 0, len(refs))
	for _, ref := range refs {
		if ref.Kind != catalog.KindImport {
			continue
		}
		if r, repl := cat.Match(ref.Symbol, ref.Kind, nil); r != nil {
			used[r.Framework] = true
			out = append(out, match{ref: ref, rule: r, replacement: repl})
		}
	}
	for _, ref := range refs {
		var r *catalog.Rule
		var repl string
		switch ref.Kind {
		case catalog.KindImport:
			continue
		case catalog.KindMethod:
			r = cat.MatchMethod(ref.Symbol, uses)
		default:
			r, repl = cat.Match(ref.Symbol, ref.Kind, uses)
		}
		if r != nil {
			out = append(out, match{ref: ref, rule: r, replacement: repl})
		}
		for _, a := range ref.Args {
			am, ok := cat.MatchArgs(ref.Symbol, a.Name, a.Value, uses)
			if !ok {
				continue
			}
			argRef := ref
			argRef.Symbol = argSymbol(ref.Symbol, a)
			out = append(out, match{ref: argRef, rule: am.Rule, replacement: am.Argument.To})
		}
	}
	return out
}

// argSymbol names a watched argument in findings: tensorflow.reduce_sum(keep_dims=)
// for a keyword, jax.devices("tpu") for a positional literal.
func argSymbol(symbol string, a python.Arg) string {
	if a.Name != "" {
		return symbol + "(" + a.Name + "=)"
	}
	return symbol + "(" + strconv.Quote(a.Value) + ")"
}
