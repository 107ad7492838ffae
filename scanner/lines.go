package scanner

import "bytes"

// countCodeLines counts lines that hold something other than blanks or a comment.
// Docstrings count as code, as scc counts them for Python when they are not
// comments by syntax; the figure is for sizing, not style.
func countCodeLines(src []byte) int {
	n := 0
	for len(src) > 0 {
		end := bytes.IndexByte(src, '\n')
		line := src
		if end >= 0 {
			line = src[:end]
			src = src[end+1:]
		} else {
			src = nil
		}
		for _, b := range line {
			if b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == '\v' {
				continue
			}
			if b != '#' {
				n++
			}
			break
		}
	}
	return n
}

// lineText returns the text of the line that holds byte offset off, without the
// line break.
func lineText(src []byte, off int) []byte {
	if off > len(src) {
		off = len(src)
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	end := bytes.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	return bytes.TrimRight(src[start:end], "\r")
}

// isBinary reports whether content looks binary: a NUL byte in the first 8 KiB,
// the same test git uses.
func isBinary(src []byte) bool {
	head := src
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}
