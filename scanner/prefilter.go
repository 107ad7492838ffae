package scanner

import "bytes"

// prefilter decides, from bytes alone, whether a file could produce a finding. It
// may let too much through (the word torch in a comment), never too little:
//
//   - A symbol finding needs a resolved symbol, and every resolved symbol starts
//     with a module that an import in the same file names in full: `import
//     tensorflow.compat.v1 as tf`, `from torch import nn`, or a dynamic import
//     whose module is a string literal, `__import__("torch")`,
//     `importlib.import_module("tensorflow.keras")`. That module's first part is
//     a whole identifier, one of the catalog's roots; in a string literal it sits
//     between the quote and a dot or quote. Method rules need such an import too.
//   - A setting finding (KERAS_BACKEND=jax) needs the setting's name followed by
//     a quote, bracket, blank, =, : or comma, which is how the environment
//     detector reads it; the name may be the end of a longer word, as the
//     detector looks for it anywhere.
//
// So the filter splits the file into tokens, runs of ASCII letters, digits and
// underscores, and passes it when a token is a root or ends with a setting name.
// Every other byte separates tokens: quotes and dots, so string contents count,
// and non-ASCII bytes too, so that a root next to a non-breaking space or another
// character that tree-sitter may skip is still seen (splitting more only lets
// more through). A token that starts with a digit is also tried from each later
// position, since a number literal can run straight into a name (1torch is
// lexed as 1 and torch).
//
// Roots that are not plain ASCII identifiers (none in the embedded catalog; a
// user's rules might hold one) are searched as bytes anywhere, as before.
//
// It reads the file once and looks each token up; searching for each of sixty
// roots in turn cost one pass over the file per root.
type prefilter struct {
	words map[string]struct{}
	// firsts[n][b] is true when some word of length n starts with byte b: most
	// tokens are rejected by it without a map lookup.
	firsts         [][256]bool
	minLen, maxLen int
	// suffixes are setting names, matched at the end of a token.
	suffixes  [][]byte
	minSuffix int
	lastByte  [256]bool
	// needles are roots that are not identifiers, searched as bytes.
	needles [][]byte
}

// newPrefilter passes files that hold one of roots as a whole token, or a token
// ending with one of settings.
func newPrefilter(roots []string, settings ...string) *prefilter {
	p := &prefilter{words: map[string]struct{}{}, minLen: 1 << 30, minSuffix: 1 << 30}
	for _, w := range roots {
		if w == "" {
			continue
		}
		if !isASCIIWord(w) {
			p.needles = append(p.needles, []byte(w))
			continue
		}
		p.words[w] = struct{}{}
		p.minLen = min(p.minLen, len(w))
		p.maxLen = max(p.maxLen, len(w))
	}
	p.firsts = make([][256]bool, p.maxLen+1)
	for w := range p.words {
		p.firsts[len(w)][w[0]] = true
	}
	for _, s := range settings {
		if s == "" {
			continue
		}
		if !isASCIIWord(s) {
			p.needles = append(p.needles, []byte(s))
			continue
		}
		p.suffixes = append(p.suffixes, []byte(s))
		p.minSuffix = min(p.minSuffix, len(s))
		p.lastByte[s[len(s)-1]] = true
	}
	return p
}

// wordByte marks the bytes of a token: ASCII letters, digits and underscore.
var wordByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !wordByte[s[i]] {
			return false
		}
	}
	return true
}

// mayMatch reports whether src could produce a finding. A nil prefilter passes
// everything.
func (p *prefilter) mayMatch(src []byte) bool {
	if p == nil {
		return true
	}
	for i := 0; i < len(src); {
		if !wordByte[src[i]] {
			i++
			continue
		}
		j := i + 1
		for j < len(src) && wordByte[src[j]] {
			j++
		}
		if p.isWord(src[i:j]) || p.endsWithSetting(src[i:j]) {
			return true
		}
		if src[i] >= '0' && src[i] <= '9' {
			for k := i + 1; j-k >= p.minLen; k++ {
				if p.isWord(src[k:j]) {
					return true
				}
			}
		}
		i = j
	}
	for _, n := range p.needles {
		if bytes.Contains(src, n) {
			return true
		}
	}
	return false
}

func (p *prefilter) isWord(tok []byte) bool {
	n := len(tok)
	if n < p.minLen || n > p.maxLen || !p.firsts[n][tok[0]] {
		return false
	}
	_, ok := p.words[string(tok)]
	return ok
}

func (p *prefilter) endsWithSetting(tok []byte) bool {
	if len(tok) < p.minSuffix || !p.lastByte[tok[len(tok)-1]] {
		return false
	}
	for _, s := range p.suffixes {
		if bytes.HasSuffix(tok, s) {
			return true
		}
	}
	return false
}

// settingNames are the names the file detectors look for anywhere in a file.
func settingNames() []string {
	var out []string
	for _, d := range fileDetectors {
		out = append(out, d.keywords()...)
	}
	return out
}
