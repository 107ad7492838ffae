package scanner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// examplesOf runs a snippet through the same analysis a scan uses and returns the
// ids of the rules it triggers.
func rulesTriggered(t *testing.T, fa *fileAnalyzer, snippet string) map[string]bool {
	t.Helper()
	res := fa.analyzeFile("example.py", []byte(snippet), nil)
	if res.skip != nil {
		t.Fatalf("example was skipped: %s\n%s", res.skip.Reason, snippet)
	}
	got := map[string]bool{}
	for _, f := range res.findings {
		got[f.Rule] = true
	}
	return got
}

func newTestAnalyzer(t testing.TB, cat *catalog.Catalog) *fileAnalyzer {
	t.Helper()
	fa := newFileAnalyzer(cat, newPrefilter(cat.Roots(), settingNames()...), 0)
	t.Cleanup(fa.close)
	return fa
}

// TestCatalogExamples proves every shipped rule with its own examples, in the spirit
// of golangci-lint's `// want` files: each positive snippet must trigger the rule and
// each negative one must not. A rule without both kinds of example fails the test.
func TestCatalogExamples(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Rules()) == 0 {
		t.Fatal("the embedded catalog is empty")
	}
	fa := newTestAnalyzer(t, cat)
	for _, r := range cat.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Examples.Positive) == 0 || len(r.Examples.Negative) == 0 {
				t.Fatalf("rule %s needs at least one positive and one negative example", r.ID)
			}
			for i, ex := range r.Examples.Positive {
				if got := rulesTriggered(t, fa, ex); !got[r.ID] {
					t.Errorf("positive example %d does not trigger %s (got %v):\n%s", i, r.ID, keys(got), ex)
				}
			}
			for i, ex := range r.Examples.Negative {
				if got := rulesTriggered(t, fa, ex); got[r.ID] {
					t.Errorf("negative example %d triggers %s:\n%s", i, r.ID, ex)
				}
			}
		})
	}
}

// TestCatalogRenames checks every entry of every renames table: the symbol, used
// through the conventional alias of its top-level module, must resolve to the rule
// that lists it and carry its replacement.
func TestCatalogRenames(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	fa := newTestAnalyzer(t, cat)
	for _, r := range cat.Rules() {
		for _, rn := range r.Renames {
			root, rest, ok := strings.Cut(rn.Symbol, ".")
			if !ok {
				continue
			}
			snippet := fmt.Sprintf("import %s as m\nm.%s\n", root, rest)
			res := fa.analyzeFile("example.py", []byte(snippet), nil)
			var hit bool
			for _, f := range res.findings {
				if f.Kind != KindImport && f.Rule == r.ID && f.Replacement == rn.To {
					hit = true
				}
			}
			if !hit {
				t.Errorf("rule %s: renamed symbol %s does not resolve to the rule with replacement %q", r.ID, rn.Symbol, rn.To)
			}
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCatalogArguments checks every watched argument: a call of the symbol with
// that argument must yield a finding of the rule with the replacement.
func TestCatalogArguments(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	fa := newTestAnalyzer(t, cat)
	for _, r := range cat.Rules() {
		for _, a := range r.Arguments {
			root, rest, ok := strings.Cut(a.Symbol, ".")
			if !ok {
				continue
			}
			value := a.Value
			if value == "" {
				value = "x"
			}
			arg := fmt.Sprintf("%s=%q", a.Keyword, value)
			if a.Keyword == "" {
				arg = fmt.Sprintf("%q", value)
			} else if value == "True" || value == "False" || value == "None" {
				arg = a.Keyword + "=" + value
			}
			snippet := fmt.Sprintf("import %s as m\nm.%s(%s)\n", root, rest, arg)
			res := fa.analyzeFile("example.py", []byte(snippet), nil)
			var hit bool
			for _, f := range res.findings {
				if f.Rule == r.ID && f.Replacement == a.To && strings.Contains(f.Symbol, "(") {
					hit = true
				}
			}
			if !hit {
				t.Errorf("rule %s: argument %q of %s is not found in:\n%s", r.ID, a.Keyword, a.Symbol, snippet)
			}
		}
	}
}
