package notebook

import "strings"

// lexState follows just enough of Python's lexical structure, line by line,
// to tell whether a line starts a new logical line: IPython only reads
// %magics, !shell and ?help there, and a line such as `    % b)` inside open
// brackets is Python's modulo, not a magic.
type lexState struct {
	depth     int    // open (, [ and {
	quote     string // delimiter of the string left open: ", ', """ or '''; "" if none
	continued bool   // the last line ended with a backslash outside strings
}

// atLogicalStart reports whether the next line begins a logical line.
func (s *lexState) atLogicalStart() bool {
	return s.depth == 0 && s.quote == "" && !s.continued
}

// scan advances the state over one line (without its newline) and returns the
// last byte of code on it outside strings and comments, 0 if none; a string
// counts as its closing quote.
func (s *lexState) scan(line string) (last byte) {
	line = strings.TrimSuffix(line, "\r")
	s.continued = false
	stringContinues := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if s.quote != "" {
			switch {
			case c == '\\':
				// Escapes, raw strings included, never end a string; a
				// backslash at the end of the line carries a short string on.
				if i == len(line)-1 {
					stringContinues = true
				}
				i++
			case strings.HasPrefix(line[i:], s.quote):
				i += len(s.quote) - 1
				last = s.quote[0]
				s.quote = ""
			}
			continue
		}
		switch c {
		case '#':
			return last
		case '"', '\'':
			q := line[i : i+1]
			if strings.HasPrefix(line[i:], strings.Repeat(q, 3)) {
				q = strings.Repeat(q, 3)
			}
			s.quote = q
			i += len(q) - 1
			continue
		case '(', '[', '{':
			s.depth++
		case ')', ']', '}':
			if s.depth > 0 {
				s.depth--
			}
		case '\\':
			if i == len(line)-1 {
				s.continued = true
				continue
			}
		case ' ', '\t', '\f':
			continue
		}
		last = c
	}
	// A short string cannot span lines unless escaped; Python would reject an
	// unterminated one, so forget it rather than swallow what follows.
	if len(s.quote) == 1 && !stringContinues {
		s.quote = ""
	}
	return last
}
