package drift

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/frameshift/frameshift/scanner"
)

// Policy is one parsed --fail-on expression. The grammar:
//
//	[new:]<dimension>:<value>[<op><n>]   framework:tensorflow>120, new:era:tf1
//	new:<value>[<op><n>]                 new:tf1 (the value's dimension is looked up)
//	new:framework                        a framework absent from the baseline appears
//	[new:]findings<op><n>                findings>5000, new:findings>0
//
// <op> is one of > >= < <= == !=. Without <op><n>, a policy is broken by any match
// (">0"). "new:" policies compare with the baseline and need one.
type Policy struct {
	Text      string
	New       bool
	Dimension string // framework, era, rule, category, kind, findings, new-framework
	Value     string
	Op        string
	N         int
}

// Vocabulary holds the values a policy may name, so that a typo is an error rather
// than a policy that can never fire.
type Vocabulary struct {
	Frameworks, Eras, Categories, Rules map[string]bool
}

var (
	policyPattern = regexp.MustCompile(`^(new:)?([a-z][a-z0-9_-]*)(?::([A-Za-z0-9_./-]+))?(?::([A-Za-z0-9_./-]+))?\s*(?:(>=|<=|==|!=|>|<)\s*(\d+))?$`)
	kinds         = map[string]bool{"import": true, "call": true, "decorator": true, "base": true, "attribute": true, "method": true, "config": true}
)

// ParsePolicy parses one --fail-on expression.
func ParsePolicy(text string, vocab Vocabulary) (Policy, error) {
	t := strings.TrimSpace(text)
	m := policyPattern.FindStringSubmatch(t)
	if m == nil {
		return Policy{}, fmt.Errorf("policy %q is not of the form [new:]DIMENSION:VALUE[OP N], e.g. new:tf1 or framework:tensorflow>120", text)
	}
	p := Policy{Text: t, New: m[1] != "", Op: ">", N: 0}
	if m[5] != "" {
		p.Op = m[5]
		n, err := strconv.Atoi(m[6])
		if err != nil {
			return Policy{}, fmt.Errorf("policy %q: %q is not a whole number", text, m[6])
		}
		p.N = n
	}
	first, second, third := m[2], m[3], m[4]
	switch {
	case third != "":
		return Policy{}, fmt.Errorf("policy %q has too many parts", text)
	case first == "findings" && second == "":
		p.Dimension = "findings"
	case first == "framework" && second == "" && p.New:
		if m[5] != "" {
			return Policy{}, fmt.Errorf("policy %q: new:framework takes no count", text)
		}
		p.Dimension = "new-framework"
	case second != "":
		p.Dimension, p.Value = first, second
		if err := vocab.check(p.Dimension, p.Value); err != nil {
			return Policy{}, fmt.Errorf("policy %q: %w", text, err)
		}
	case p.New:
		dim, ok := vocab.dimensionOf(first)
		if !ok {
			return Policy{}, fmt.Errorf("policy %q: %q is not a known framework, era, category or rule", text, first)
		}
		p.Dimension, p.Value = dim, first
	default:
		return Policy{}, fmt.Errorf("policy %q needs a value, e.g. %s:VALUE", text, first)
	}
	return p, nil
}

func (v Vocabulary) check(dim, value string) error {
	var known map[string]bool
	switch dim {
	case "framework":
		known = v.Frameworks
	case "era":
		known = v.Eras
	case "category":
		known = v.Categories
	case "rule":
		known = v.Rules
	case "kind":
		known = kinds
	default:
		return fmt.Errorf("unknown dimension %q (use framework, era, category, rule, kind or findings)", dim)
	}
	if !known[value] {
		return fmt.Errorf("%q is not a known %s (known: %s)", value, dim, listOf(known))
	}
	return nil
}

func (v Vocabulary) dimensionOf(value string) (string, bool) {
	for _, c := range []struct {
		dim   string
		known map[string]bool
	}{{"framework", v.Frameworks}, {"era", v.Eras}, {"category", v.Categories}, {"rule", v.Rules}} {
		if c.known[value] {
			return c.dim, true
		}
	}
	return "", false
}

func listOf(m map[string]bool) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) > 12 {
		out = append(out[:12], "…")
	}
	return strings.Join(out, ", ")
}

// NeedsBaseline reports whether any policy compares with a baseline.
func NeedsBaseline(ps []Policy) bool {
	for _, p := range ps {
		if p.New {
			return true
		}
	}
	return false
}

// Evaluate checks policies against a scan whose findings carry Baseline marks (when
// a baseline was given; base is then the baseline inventory). It returns one
// violation per broken policy.
func Evaluate(ps []Policy, inv, base *scanner.Inventory) []Violation {
	var out []Violation
	for _, p := range ps {
		if p.Dimension == "new-framework" {
			out = append(out, newFrameworks(p, inv, base)...)
			continue
		}
		var hits []scanner.Finding
		for _, f := range inv.Findings {
			if p.New && f.Baseline != "new" {
				continue
			}
			if p.matches(&f) {
				hits = append(hits, f)
			}
		}
		if !compare(len(hits), p.Op, p.N) {
			continue
		}
		what := "findings"
		if p.New {
			what = "new findings"
		}
		if p.Value != "" {
			what += fmt.Sprintf(" of %s %s", p.Dimension, p.Value)
		}
		out = append(out, Violation{
			Policy:   p.Text,
			Message:  fmt.Sprintf("%d %s (the policy fails when the count is %s %d)", len(hits), what, p.Op, p.N),
			Findings: examples(hits, 10),
		})
	}
	return out
}

func (p Policy) matches(f *scanner.Finding) bool {
	switch p.Dimension {
	case "findings":
		return true
	case "framework":
		return f.Framework == p.Value
	case "era":
		return f.Era == p.Value
	case "category":
		return f.Category == p.Value
	case "rule":
		return f.Rule == p.Value
	case "kind":
		return string(f.Kind) == p.Value
	}
	return false
}

func newFrameworks(p Policy, inv, base *scanner.Inventory) []Violation {
	before := map[string]bool{}
	if base != nil {
		for _, f := range base.Findings {
			before[f.Framework] = true
		}
	}
	found := map[string][]scanner.Finding{}
	for _, f := range inv.Findings {
		if !before[f.Framework] {
			found[f.Framework] = append(found[f.Framework], f)
		}
	}
	var out []Violation
	for _, fw := range sortedKeys(found) {
		hits := found[fw]
		out = append(out, Violation{
			Policy:   p.Text,
			Message:  fmt.Sprintf("framework %s appears (%d findings) and was absent from the baseline", fw, len(hits)),
			Findings: examples(hits, 10),
		})
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func compare(count int, op string, n int) bool {
	switch op {
	case ">":
		return count > n
	case ">=":
		return count >= n
	case "<":
		return count < n
	case "<=":
		return count <= n
	case "==":
		return count == n
	case "!=":
		return count != n
	}
	return false
}

func examples(fs []scanner.Finding, n int) []string {
	var out []string
	for i, f := range fs {
		if i == n {
			out = append(out, fmt.Sprintf("… and %d more", len(fs)-n))
			break
		}
		loc := fmt.Sprintf("%s:%d", f.File, f.Line)
		if f.Cell != nil {
			loc = fmt.Sprintf("%s cell %d:%d", f.File, *f.Cell, f.Line)
		}
		out = append(out, fmt.Sprintf("%s %s (%s)", loc, f.Rule, f.Symbol))
	}
	return out
}
