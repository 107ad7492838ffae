package scanner

import (
	"bytes"
	"sort"
	"strings"
)

// prefilter decides, from bytes alone, whether a file could produce a finding. It
// must be sound: every resolved symbol starts with a module that an import in the
// same file names in full, so a file that mentions no rule's root module (and no
// configuration keyword a detector reads) cannot yield a finding. It may let too
// much through (the word "torch" in a comment), never too little.
type prefilter struct {
	needles [][]byte
}

func newPrefilter(roots []string, keywords ...string) *prefilter {
	all := append(append([]string{}, roots...), keywords...)
	// Drop needles that contain a shorter needle: "tensorflow" already covers
	// "tensorflow_hub".
	sort.Slice(all, func(i, j int) bool { return len(all[i]) < len(all[j]) || len(all[i]) == len(all[j]) && all[i] < all[j] })
	var kept []string
	for _, n := range all {
		if n == "" {
			continue
		}
		redundant := false
		for _, k := range kept {
			if strings.Contains(n, k) {
				redundant = true
				break
			}
		}
		if !redundant {
			kept = append(kept, n)
		}
	}
	p := &prefilter{}
	for _, k := range kept {
		p.needles = append(p.needles, []byte(k))
	}
	return p
}

func (p *prefilter) mayMatch(src []byte) bool {
	for _, n := range p.needles {
		if bytes.Contains(src, n) {
			return true
		}
	}
	return false
}
