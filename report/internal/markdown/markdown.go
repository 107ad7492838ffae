// Package markdown writes GitHub-flavoured Markdown safely for report and
// report/portfolio: values from a scanned repository or a merged report become
// inline code or escaped text that renders as the same characters, never as
// markup, a link or an @mention.
//
// Callers fold a value to one line and clip it to MaxValueRunes first, each its
// own way (a report keeps the end of a long path).
package markdown

import "strings"

// MaxValueRunes is the most runes of one value (a path, a symbol, a repository
// name) a Markdown document shows; with capped lists it bounds the document's
// size whatever the input holds, well below GitHub's 1 MiB for a job summary.
const MaxValueRunes = 160

// Code renders a value as inline code, the one Markdown context where GitHub
// neither interprets markup nor expands @mentions and #references. In a table
// cell a pipe must still be escaped, and GitHub's table parser removes that
// backslash again before rendering the code span.
func Code(s string, inTable bool) string {
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

// Text escapes prose so that it renders as the same text: Markdown and HTML
// punctuation is backslash-escaped, and an @ is followed by a zero-width space so
// that a PR comment never notifies anyone.
func Text(s string) string {
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

// Table writes a GitHub table followed by a blank line. aligns holds one letter
// per column, l for text or r for a number; cells must already be escaped.
func Table(b *strings.Builder, header []string, aligns string, rows [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for i := range header {
		if i < len(aligns) && aligns[i] == 'r' {
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
