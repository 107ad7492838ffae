package drift

import (
	"sort"

	"github.com/frameshift/frameshift/scanner"
)

// pairing is the outcome of matching old findings to new ones.
type pairing struct {
	// oldOf[i] is the index of the old finding matched to new finding i, or -1.
	oldOf []int
	// newOf[j] is the index of the new finding matched to old finding j, or -1.
	newOf []int
}

// matchFindings pairs the findings of two scans so that moved code and renamed
// files do not read as removed-and-added. Three passes, each on what the previous
// left unmatched:
//  1. same file and same fingerprint (the fingerprint ignores line numbers, so code
//     that moved within a file matches here);
//  2. same fingerprint in another file (a renamed or moved file); the files paired
//     this way are remembered as renames;
//  3. same rule, symbol and kind in the same file, or in its renamed counterpart, at
//     the nearest line: a line that was edited around an unchanged API use.
func matchFindings(old, cur []scanner.Finding) pairing {
	p := pairing{oldOf: fill(len(cur), -1), newOf: fill(len(old), -1)}
	link := func(i, j int) { p.oldOf[i], p.newOf[j] = j, i }

	type fileFP struct{ file, fp string }
	byFileFP := map[fileFP][]int{}
	for j, f := range old {
		k := fileFP{f.File, f.Fingerprint}
		byFileFP[k] = append(byFileFP[k], j)
	}
	for i, f := range cur {
		k := fileFP{f.File, f.Fingerprint}
		if js := byFileFP[k]; len(js) > 0 {
			link(i, js[0])
			byFileFP[k] = js[1:]
		}
	}

	byFP := map[string][]int{}
	for j, f := range old {
		if p.newOf[j] < 0 {
			byFP[f.Fingerprint] = append(byFP[f.Fingerprint], j)
		}
	}
	renames := map[string]map[string]int{} // new file -> old file -> votes
	for i, f := range cur {
		if p.oldOf[i] >= 0 {
			continue
		}
		if js := byFP[f.Fingerprint]; len(js) > 0 {
			j := js[0]
			byFP[f.Fingerprint] = js[1:]
			link(i, j)
			if renames[f.File] == nil {
				renames[f.File] = map[string]int{}
			}
			renames[f.File][old[j].File]++
		}
	}
	formerName := map[string]string{}
	for newFile, votes := range renames {
		best, bestVotes := "", 0
		for oldFile, v := range votes {
			if v > bestVotes || v == bestVotes && oldFile < best {
				best, bestVotes = oldFile, v
			}
		}
		formerName[newFile] = best
	}

	type site struct {
		file, rule, symbol string
		kind               scanner.Kind
	}
	pending := map[site][]int{}
	for j, f := range old {
		if p.newOf[j] < 0 {
			k := site{f.File, f.Rule, f.Symbol, f.Kind}
			pending[k] = append(pending[k], j)
		}
	}
	for i, f := range cur {
		if p.oldOf[i] >= 0 {
			continue
		}
		files := []string{f.File}
		if former, ok := formerName[f.File]; ok && former != f.File {
			files = append(files, former)
		}
		for _, file := range files {
			k := site{file, f.Rule, f.Symbol, f.Kind}
			js := pending[k]
			if len(js) == 0 {
				continue
			}
			best := 0
			for n, j := range js {
				if dist(old[j].Line, f.Line) < dist(old[js[best]].Line, f.Line) {
					best = n
				}
			}
			link(i, js[best])
			pending[k] = append(js[:best:best], js[best+1:]...)
			break
		}
	}
	return p
}

func fill(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func dist(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// MarkBaseline sets each finding's Baseline to "new" or "existing" against the
// baseline's findings, and returns the baseline summary.
func MarkBaseline(inv *scanner.Inventory, base *scanner.Inventory) *Baseline {
	p := matchFindings(base.Findings, inv.Findings)
	b := &Baseline{Input: base.Source.Input, Commit: base.Source.Commit}
	for i := range inv.Findings {
		if p.oldOf[i] >= 0 {
			inv.Findings[i].Baseline = "existing"
			b.Existing++
		} else {
			inv.Findings[i].Baseline = "new"
			b.New++
		}
	}
	for _, i := range p.newOf {
		if i < 0 {
			b.Removed++
		}
	}
	return b
}

func sortedFindings(fs []scanner.Finding) []scanner.Finding {
	out := append([]scanner.Finding{}, fs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	return out
}
