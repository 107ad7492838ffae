package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// conventionalAlias is the name code usually binds a framework's top module to:
// ast-grep matches syntax, so its rules can only name an alias, not resolve one.
var conventionalAlias = map[string]string{
	"tensorflow": "tf", "torch": "torch", "jax": "jax", "keras": "keras", "flax": "flax",
	"optax": "optax", "haiku": "hk", "equinox": "eqx", "transformers": "transformers",
}

// writeASTGrepRules writes one ast-grep rule per symbol of the catalog (its
// symbols and renamed symbols under the conventional alias), the rule set a user
// would need for ast-grep to report what frameshift reports. It is a lower bound of
// the work: it still resolves no import alias, no `from x import y`, no argument
// and no method rule. It returns the number of rules written.
func writeASTGrepRules(dir string) (int, error) {
	cat, err := catalog.Default()
	if err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	for _, r := range cat.Rules() {
		syms := append([]string{}, r.Symbols...)
		for _, rn := range r.Renames {
			syms = append(syms, rn.Symbol)
		}
		for _, s := range syms {
			root, rest, ok := strings.Cut(s, ".")
			alias, known := conventionalAlias[root]
			if !ok || !known || strings.HasPrefix(rest, "compat.") {
				continue
			}
			seen[alias+"."+rest] = true
		}
	}
	patterns := make([]string, 0, len(seen))
	for p := range seen {
		patterns = append(patterns, p)
	}
	sort.Strings(patterns)
	if err := os.MkdirAll(filepath.Join(dir, "rules"), 0o755); err != nil {
		return 0, err
	}
	var b strings.Builder
	for i, p := range patterns {
		fmt.Fprintf(&b, "---\nid: catalog-%d\nlanguage: python\nseverity: info\nrule:\n  pattern: %s\n", i, p)
	}
	if err := os.WriteFile(filepath.Join(dir, "rules", "catalog.yml"), []byte(b.String()), 0o644); err != nil {
		return 0, err
	}
	return len(patterns), os.WriteFile(filepath.Join(dir, "sgconfig.yml"), []byte("ruleDirs:\n  - rules\n"), 0o644)
}
