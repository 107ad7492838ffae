package manifest

import "sort"

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int

func newLineIndex(data []byte) lineIndex {
	starts := lineIndex{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the line holding the byte at offset.
func (l lineIndex) lineOf(offset int) int {
	return sort.Search(len(l), func(i int) bool { return l[i] > offset })
}

// lineAt returns the line holding the byte just before offset, which for an
// offset taken right after a token is the token's own line.
func (l lineIndex) lineAt(offset int) int {
	if offset > 0 {
		offset--
	}
	return l.lineOf(offset)
}
