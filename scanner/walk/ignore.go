package walk

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

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
	// key identifies the rules in force (every ignore file pushed, by path and
	// content), for memo.
	key  string
	memo *IgnoreMemo
}

// ignoreMark is where a folder's rules start, to drop them on leaving it.
type ignoreMark struct {
	n   int
	key string
}

func newIgnoreStack(enabled bool, memo *IgnoreMemo) *ignoreStack {
	return &ignoreStack{enabled: enabled, memo: memo}
}

func (s *ignoreStack) mark() ignoreMark { return ignoreMark{len(s.rules), s.key} }

func (s *ignoreStack) reset(m ignoreMark) { s.rules, s.key = s.rules[:m.n], m.key }

// push adds the rules read from the ignore file at source, whose bytes were data.
func (s *ignoreStack) push(rules []ignoreRule, source string, data []byte) {
	s.rules = append(s.rules, rules...)
	if s.memo != nil {
		h := sha256.New()
		h.Write([]byte(s.key))
		fmt.Fprintf(h, "%d:%s%d:", len(source), source, len(data))
		h.Write(data)
		s.key = string(h.Sum(nil)[:16])
	}
}

// match reports whether the slash path p is ignored, and if so a reason naming
// the rule.
func (s *ignoreStack) match(p string, isDir bool) (string, bool) {
	if !s.enabled || len(s.rules) == 0 {
		return "", false
	}
	if s.memo == nil {
		return s.decide(p, isDir)
	}
	k := s.key + "\x00" + p
	if isDir {
		k += "/"
	}
	return s.memo.get(k, func() (string, bool) { return s.decide(p, isDir) })
}

func (s *ignoreStack) decide(p string, isDir bool) (string, bool) {
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

// IgnoreMemo remembers ignore decisions across walks of trees that share their
// ignore files, such as the commits of a history: a decision depends only on
// the path, whether it is a folder, and the rules in force, which the memo's
// keys name by the ignore files' paths and contents. go-git's pattern matching
// was 41% of the CPU of a history over 100 commits whose files were all cached.
// It is safe for concurrent use.
type IgnoreMemo struct {
	mu sync.Mutex
	m  map[string]ignoreDecision
}

type ignoreDecision struct {
	reason  string
	ignored bool
}

// NewIgnoreMemo returns an empty memo.
func NewIgnoreMemo() *IgnoreMemo { return &IgnoreMemo{m: map[string]ignoreDecision{}} }

func (m *IgnoreMemo) get(k string, decide func() (string, bool)) (string, bool) {
	m.mu.Lock()
	d, ok := m.m[k]
	m.mu.Unlock()
	if ok {
		return d.reason, d.ignored
	}
	d.reason, d.ignored = decide()
	m.mu.Lock()
	m.m[k] = d
	m.mu.Unlock()
	return d.reason, d.ignored
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
