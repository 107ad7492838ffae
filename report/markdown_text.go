package report

import "github.com/frameshift/frameshift/report/internal/markdown"

// mdCode renders a value from the scanned repository as inline code, on one line
// and clipped in the middle like every path the report shows.
func mdCode(s string, inTable bool) string {
	return markdown.Code(clip(s, markdown.MaxValueRunes), inTable)
}

// mdText escapes prose, folded to one line, so that it renders as the same text.
func mdText(s string) string {
	return markdown.Text(oneLine(s))
}
