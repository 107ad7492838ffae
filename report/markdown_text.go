package report

import (
	"strings"
)

// maxMarkdownValue is the most runes of one repository-supplied value (a path, a
// symbol) a Markdown report shows; with the capped lists it bounds the report's
// size whatever the repository holds.
const maxMarkdownValue = 160

// mdCode renders a value from the scanned repository as inline code, the one
// Markdown context where GitHub neither interprets markup nor expands @mentions
// and #references. In a table cell a pipe must still be escaped, and GitHub's
// table parser removes that backslash again before rendering the code span.
func mdCode(s string, inTable bool) string {
	s = clip(s, maxMarkdownValue)
	if s == "" {
		return ""
	}
	if inTable {
		s = strings.ReplaceAll(s, "|", `\|`)
	}
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}

// mdText escapes prose so that it renders as the same text: Markdown and HTML
// punctuation is backslash-escaped, and an @ is followed by a zero-width space so
// that a PR comment never notifies anyone.
func mdText(s string) string {
	s = oneLine(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '!', '&':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '@':
			b.WriteString("@\u200b")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdTable writes a GitHub-flavoured table; cells must already be escaped.
func mdTable(b *strings.Builder, header []string, rightAligned []bool, rows [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for i := range header {
		if i < len(rightAligned) && rightAligned[i] {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, row := range rows {
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	b.WriteString("\n")
}
