package manifest

import (
	"strconv"
	"strings"

	pep440 "github.com/aquasecurity/go-pep440-version"
)

// dialect names the version-spec grammar a manifest uses. They share PEP 440
// versions but differ in operators: Poetry adds ^, ~, bare versions and "||";
// conda adds fuzzy "=", bare versions, trailing "*" and "|".
type dialect int

const (
	dialectPEP440 dialect = iota
	dialectPoetry
	dialectConda
)

// clause is one comparison of a spec: an operator and a version.
type clause struct {
	op       string
	release  []int // the version's release segment (2.12.0 -> 2, 12, 0)
	wildcard bool  // ==2.*, conda 2.12*, Poetry 2.*
}

// operators are tried longest first so that "===" is not read as "==" + "=2".
var pep440Operators = []string{"===", "==", "~=", "!=", "<=", ">=", "<", ">"}

var extendedOperators = []string{"===", "==", "~=", "!=", "<=", ">=", "<", ">", "^", "~", "="}

// majorOf returns the major version a spec pins or starts from, or nil when the
// spec does not say or cannot be read. The order of preference follows what a
// reader of the manifest would conclude: an exact or compatible pin names the
// major outright; otherwise the lowest lower bound is what gets installed on an
// old resolver; otherwise an upper bound `<N` or `<N.0` caps it at N-1 and
// `<N.x` or `<=N.x` at N.
func majorOf(spec string, d dialect) *int {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "*" {
		return nil
	}
	if d == dialectPEP440 {
		// The library is the judge of PEP 440 syntax; what it rejects has no
		// trustworthy major, though the dependency itself is still reported.
		if strings.Contains(spec, "||") {
			return nil
		}
		if _, err := pep440.NewSpecifiers(spec); err != nil {
			return nil
		}
	}
	var best *int
	for _, alt := range alternatives(spec, d) {
		m, ok := majorOfAll(alt, d)
		if !ok {
			return nil
		}
		if m != nil && (best == nil || *m < *best) {
			best = m
		}
	}
	return best
}

// alternatives splits an OR spec (Poetry "||", conda "|"); PEP 440 has none.
func alternatives(spec string, d dialect) []string {
	switch d {
	case dialectPoetry:
		return strings.Split(spec, "||")
	case dialectConda:
		return strings.Split(strings.ReplaceAll(spec, "||", "|"), "|")
	default:
		return []string{spec}
	}
}

// majorOfAll reads one AND group. ok is false when a clause is unreadable.
func majorOfAll(group string, d dialect) (major *int, ok bool) {
	clauses, ok := splitClauses(group, d)
	if !ok {
		return nil, false
	}
	var lower, upper *int
	for _, c := range clauses {
		if len(c.release) == 0 {
			continue // "*": no information
		}
		n := c.release[0]
		switch c.op {
		case "==", "===", "", "=", "~=", "^", "~":
			return &n, true
		case ">=", ">":
			if lower == nil || n < *lower {
				lower = &n
			}
		case "<":
			capped := n
			if !c.wildcard && allZero(c.release[1:]) {
				capped = n - 1
			}
			if capped >= 0 && (upper == nil || capped < *upper) {
				upper = &capped
			}
		case "<=":
			if upper == nil || n < *upper {
				upper = &n
			}
		}
	}
	if lower != nil {
		return lower, true
	}
	return upper, true
}

// splitClauses cuts an AND group into clauses. PEP 440 separates them with
// commas; Poetry and conda also accept spaces between clauses.
func splitClauses(group string, d dialect) ([]clause, bool) {
	var parts []string
	if d == dialectPEP440 {
		parts = strings.Split(group, ",")
	} else {
		parts = splitLoose(group)
	}
	out := make([]clause, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			if d == dialectPEP440 {
				return nil, false
			}
			continue
		}
		c, ok := parseClause(p, d)
		if !ok {
			return nil, false
		}
		out = append(out, c)
	}
	return out, len(out) > 0
}

// splitLoose splits on commas and on spaces that end a clause, keeping an
// operator attached to the version after it (">= 2.4" stays one clause).
func splitLoose(group string) []string {
	var parts []string
	var cur strings.Builder
	pendingOp := false
	for _, f := range strings.FieldsFunc(group, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		cur.WriteString(f)
		if strings.Trim(f, "<>=!~^") == "" {
			pendingOp = true
			continue
		}
		pendingOp = false
		parts = append(parts, cur.String())
		cur.Reset()
	}
	if pendingOp {
		parts = append(parts, cur.String())
	}
	return parts
}

func parseClause(s string, d dialect) (clause, bool) {
	ops := pep440Operators
	if d != dialectPEP440 {
		ops = extendedOperators
	}
	var c clause
	for _, op := range ops {
		if strings.HasPrefix(s, op) {
			c.op = op
			s = strings.TrimSpace(s[len(op):])
			break
		}
	}
	if c.op == "" && d == dialectPEP440 {
		return clause{}, false
	}
	switch {
	case s == "*" && d != dialectPEP440:
		return c, true
	case strings.HasSuffix(s, ".*"):
		c.wildcard, s = true, strings.TrimSuffix(s, ".*")
	case strings.HasSuffix(s, "*") && d == dialectConda:
		c.wildcard, s = true, strings.TrimRight(strings.TrimSuffix(s, "*"), ".")
	}
	// Arbitrary equality ("===") compares strings; like every other operator
	// it yields a major only when its operand parses as a version.
	v, err := pep440.Parse(s)
	if err != nil {
		return clause{}, false
	}
	release, ok := releaseOf(v)
	if !ok {
		return clause{}, false
	}
	c.release = release
	return c, true
}

// releaseOf returns the release segment of a parsed version; the library keeps
// it private, so it is read back from BaseVersion ("[N!]1.2.3").
func releaseOf(v pep440.Version) ([]int, bool) {
	base := v.BaseVersion()
	if i := strings.IndexByte(base, '!'); i >= 0 {
		base = base[i+1:]
	}
	fields := strings.Split(base, ".")
	out := make([]int, 0, len(fields))
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

func allZero(ns []int) bool {
	for _, n := range ns {
		if n != 0 {
			return false
		}
	}
	return true
}
