package catalog

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	ruleIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$`)
	wordPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// validate checks one rule. Embedded rules must also carry examples and hints, so the
// shipped catalog can be tested; a user's override may be terser.
func validate(r *Rule, embedded bool) error {
	if !ruleIDPattern.MatchString(r.ID) {
		return fmt.Errorf("rule id %q must be dotted lowercase words, like tf1.session", r.ID)
	}
	if !isFramework(r.Framework) {
		return fmt.Errorf("rule %s: framework %q is not one of %v", r.ID, r.Framework, Frameworks)
	}
	if !wordPattern.MatchString(r.Era) {
		return fmt.Errorf("rule %s: era %q must be a lowercase word", r.ID, r.Era)
	}
	if !wordPattern.MatchString(r.Category) {
		return fmt.Errorf("rule %s: category %q must be a lowercase word", r.ID, r.Category)
	}
	if len(r.Symbols)+len(r.Renames)+len(r.Methods)+len(r.Arguments) == 0 {
		return fmt.Errorf("rule %s: needs at least one of symbols, renames, arguments or methods", r.ID)
	}
	for _, a := range r.Arguments {
		if !isDottedName(a.Symbol) {
			return fmt.Errorf("rule %s: argument symbol %q is not a dotted Python name", r.ID, a.Symbol)
		}
		if a.Keyword != "" && !isIdentifier(a.Keyword) {
			return fmt.Errorf("rule %s: argument keyword %q is not a Python identifier", r.ID, a.Keyword)
		}
		if a.Keyword == "" && a.Value == "" {
			return fmt.Errorf("rule %s: a positional argument of %s needs a value to match", r.ID, a.Symbol)
		}
		if a.To == "" {
			return fmt.Errorf("rule %s: argument %q of %s needs `to` (what replaces it)", r.ID, a.Keyword, a.Symbol)
		}
	}
	for _, s := range r.Symbols {
		if !isDottedName(s) {
			return fmt.Errorf("rule %s: symbol %q is not a dotted Python name", r.ID, s)
		}
	}
	for _, rn := range r.Renames {
		if !isDottedName(rn.Symbol) {
			return fmt.Errorf("rule %s: renamed symbol %q is not a dotted Python name", r.ID, rn.Symbol)
		}
		if rn.To == "" {
			return fmt.Errorf("rule %s: renamed symbol %s needs `to` (a replacement or \"no equivalent\")", r.ID, rn.Symbol)
		}
	}
	for _, m := range r.Methods {
		if !isIdentifier(m) {
			return fmt.Errorf("rule %s: method %q is not a Python identifier", r.ID, m)
		}
	}
	if len(r.Methods) > 0 && len(r.Requires) == 0 {
		return fmt.Errorf("rule %s: method rules need `requires`, or every .%s() anywhere would match", r.ID, r.Methods[0])
	}
	for _, fw := range r.Requires {
		if !isFramework(fw) {
			return fmt.Errorf("rule %s: requires %q, which is not one of %v", r.ID, fw, Frameworks)
		}
	}
	for _, k := range r.Kinds {
		if !validKinds[k] {
			return fmt.Errorf("rule %s: kind %q is not one of import, call, decorator, base, attribute, method, config", r.ID, k)
		}
	}
	if !isLevel(r.Level) {
		return fmt.Errorf("rule %s: level %q is not one of %v", r.ID, r.Level, Levels)
	}
	for p, l := range r.Levels {
		if !wordPattern.MatchString(p) {
			return fmt.Errorf("rule %s: levels key %q is not a path id", r.ID, p)
		}
		if !isLevel(l) {
			return fmt.Errorf("rule %s: level %q for path %s is not one of %v", r.ID, l, p, Levels)
		}
	}
	for _, t := range r.Tags {
		if !wordPattern.MatchString(t) {
			return fmt.Errorf("rule %s: tag %q must be a lowercase word", r.ID, t)
		}
	}
	for t := range r.Hints {
		if !isTarget(t) {
			return fmt.Errorf("rule %s: hint target %q is not one of %v", r.ID, t, Targets)
		}
	}
	if r.Summary == "" {
		return fmt.Errorf("rule %s: needs a one-line summary", r.ID)
	}
	if embedded {
		if len(r.Hints) == 0 {
			return fmt.Errorf("rule %s: needs at least one hint", r.ID)
		}
		if len(r.Examples.Positive) == 0 || len(r.Examples.Negative) == 0 {
			return fmt.Errorf("rule %s: needs at least one positive and one negative example", r.ID)
		}
	}
	return nil
}

func isFramework(s string) bool {
	for _, f := range Frameworks {
		if f == s {
			return true
		}
	}
	return false
}

func isTarget(s string) bool {
	for _, t := range Targets {
		if t == s {
			return true
		}
	}
	return false
}

func isLevel(l Level) bool {
	for _, x := range Levels {
		if x == l {
			return true
		}
	}
	return false
}

// isDottedName reports whether s is dotted ASCII Python names (torch.nn.Module).
// It is checked on every load for thousands of symbols, where a regular
// expression cost several milliseconds.
func isDottedName(s string) bool {
	for {
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return isIdentifier(s)
		}
		if !isIdentifier(s[:i]) {
			return false
		}
		s = s[i+1:]
	}
}

// isIdentifier reports whether s is an ASCII Python identifier.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
