package walk

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignoreRule is one gitignore pattern with where it came from, so a skip can name
// the rule that caused it.
type ignoreRule struct {
	pattern gitignore.Pattern
	source  string
	line    int
	text    string
}

// ignoreStack holds the rules in force at the current folder, in increasing order
// of priority: .git/info/exclude, then each .gitignore from the root down. Rules of
// a folder are dropped when the walk leaves it. Matching follows go-git's matcher
// (the last rule that matches decides), which is what go-git's own status uses.
type ignoreStack struct {
	enabled bool
	rules   []ignoreRule
}

func newIgnoreStack(enabled bool) *ignoreStack {
	return &ignoreStack{enabled: enabled}
}

func (s *ignoreStack) mark() int { return len(s.rules) }

func (s *ignoreStack) reset(mark int) { s.rules = s.rules[:mark] }

func (s *ignoreStack) push(rules []ignoreRule) { s.rules = append(s.rules, rules...) }

// match reports whether the slash path p is ignored, and if so a reason naming
// the rule.
func (s *ignoreStack) match(p string, isDir bool) (string, bool) {
	if !s.enabled || len(s.rules) == 0 {
		return "", false
	}
	parts := splitPath(p)
	for i := len(s.rules) - 1; i >= 0; i-- {
		switch s.rules[i].pattern.Match(parts, isDir) {
		case gitignore.Exclude:
			r := s.rules[i]
			return fmt.Sprintf("matches %q in %s line %d", r.text, r.source, r.line), true
		case gitignore.Include:
			return "", false
		}
	}
	return "", false
}

// parseIgnoreFile reads gitignore rules from data, the content of the file at
// source, whose patterns apply below the folder domain. It accepts anything: a
// line that is not a useful pattern simply matches nothing.
func parseIgnoreFile(data []byte, source string, domain []string) []ignoreRule {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var rules []ignoreRule
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		rules = append(rules, ignoreRule{
			pattern: gitignore.ParsePattern(line, domain),
			source:  source,
			line:    i + 1,
			text:    strings.TrimRight(line, " \t"),
		})
	}
	return rules
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}
