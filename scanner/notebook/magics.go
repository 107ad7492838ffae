package notebook

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// pythonBodyCellMagics run their body as Python, so only their first line is
// IPython syntax. Every other %% magic (%%bash, %%writefile, %%html, ...) makes
// the whole cell something else.
var pythonBodyCellMagics = map[string]bool{
	"time":    true,
	"timeit":  true,
	"capture": true,
	"prun":    true,
}

// assignFromEscape matches `files = !ls` and `out = %sx ls`, IPython's
// assignment from a shell command or a magic (its assign_from_system and
// assign_from_magic transforms).
var assignFromEscape = regexp.MustCompile(`^\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]`)

// neutralize returns the cell text with its IPython syntax commented out in
// place. Each touched line keeps its length and every newline stays, so lines,
// columns and byte offsets of the rest are unchanged.
func neutralize(cell string) string {
	lines := strings.Split(cell, "\n")
	first := firstNonBlank(lines)
	body := 0
	if first >= 0 {
		if name, ok := cellMagic(lines[first]); ok {
			if !pythonBodyCellMagics[name] {
				for i := range lines {
					lines[i] = commentOut(lines[i])
				}
				return strings.Join(lines, "\n")
			}
			lines[first] = commentOut(lines[first])
			body = first + 1
		}
	}
	var st lexState
	magicContinues := false
	for i := body; i < len(lines); i++ {
		line := lines[i]
		if magicContinues || (st.atLogicalStart() && isIPythonLine(line, st)) {
			lines[i] = commentOut(line)
			// IPython joins a backslash-continued magic with the next line.
			magicContinues = strings.HasSuffix(strings.TrimRight(line, "\r"), "\\")
			continue
		}
		st.scan(line)
	}
	if !st.atLogicalStart() {
		// The cell ends inside a string, brackets or a continuation: IPython
		// would reject it, and left as is it would swallow the cells after it.
		for i := range lines {
			lines[i] = commentOut(lines[i])
		}
	}
	return strings.Join(lines, "\n")
}

// cellMagic returns the name of a %%magic line.
func cellMagic(line string) (string, bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, " \t"), "%%")
	if !ok {
		return "", false
	}
	end := strings.IndexAny(rest, " \t\r")
	if end < 0 {
		end = len(rest)
	}
	return rest[:end], true
}

// isIPythonLine reports whether a line that starts a logical line is IPython
// syntax: a magic or shell escape (%, !), help (?x, x?), an autocall escape
// (/, ',' or ';' first, never valid Python there), or an assignment from one.
func isIPythonLine(line string, st lexState) bool {
	trimmed := strings.TrimLeft(line, " \t")
	if trimmed == "" {
		return false
	}
	switch trimmed[0] {
	case '%', '!', '?', '/', ',', ';':
		return true
	}
	// The regexp is the costly test; most lines have neither '!' nor '%'.
	if strings.ContainsAny(line, "!%") && assignFromEscape.MatchString(line) {
		return true
	}
	// `tf.Session?` and `x??`: a single-line statement whose code ends in '?'.
	probe := st
	return probe.scan(line) == '?' && probe.atLogicalStart()
}

// commentOut replaces the first non-blank character of a line with '#'. A
// multi-byte first character becomes '#' padded with spaces to the same byte
// length, so later offsets do not move.
func commentOut(line string) string {
	i := strings.IndexFunc(line, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' && r != '\f' && r != '\v' })
	if i < 0 || line[i] == '#' {
		return line
	}
	_, size := utf8.DecodeRuneInString(line[i:])
	return line[:i] + "#" + strings.Repeat(" ", size-1) + line[i+size:]
}

func firstNonBlank(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return -1
}
