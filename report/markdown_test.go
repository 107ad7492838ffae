package report

import (
	"bytes"
	"strings"
	"testing"
)

func renderMarkdown(t *testing.T, doc *Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (&MarkdownEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdownSectionOrder(t *testing.T) {
	tests := []struct {
		name string
		doc  *Document
		want []string
	}{
		{"drift and baseline come first", ciDriftDoc(t),
			[]string{"## Drift", "## New since the baseline", "## Policy violations", "## Summary", "## Estimate", "## Recommendation", "## Top files"}},
		{"a plain scan starts with the summary", loadFixtureDoc(t, "tf1-graph"),
			[]string{"## Summary", "## Estimate", "## Recommendation", "## Top files"}},
		{"broken inputs list the skipped files", loadFixtureDoc(t, "broken-inputs"),
			[]string{"## Summary", "## Skipped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := renderMarkdown(t, tt.doc)
			var headings []string
			for _, line := range strings.Split(md, "\n") {
				if strings.HasPrefix(line, "## ") {
					headings = append(headings, line)
				}
			}
			pos := 0
			for _, want := range tt.want {
				for pos < len(headings) && headings[pos] != want {
					pos++
				}
				if pos == len(headings) {
					t.Fatalf("heading %q missing or out of order in %v", want, headings)
				}
			}
			if headings[0] != tt.want[0] {
				t.Errorf("first section is %q, want %q", headings[0], tt.want[0])
			}
		})
	}
}

func TestMarkdownEstimateTable(t *testing.T) {
	doc := loadFixtureDoc(t, "tf1-graph")
	md := renderMarkdown(t, doc)
	if !strings.Contains(md, "| Path | From | To | Timeline | Engineer-months | Risk |") {
		t.Fatalf("no estimate table shaped like the guide's:\n%s", md)
	}
	for _, p := range doc.Estimate.Paths {
		if !strings.Contains(md, "`"+p.ID+"`") || !strings.Contains(md, p.EngMonths.Text) {
			t.Errorf("path %s or its engineer-months %q missing", p.ID, p.EngMonths.Text)
		}
	}
	if rec := doc.Estimate.Recommendation; rec.Target != "" && !strings.Contains(md, "**Target: "+rec.Target+"**") {
		t.Errorf("recommendation target %s missing", rec.Target)
	}
}

// TestMarkdownStaysSmall renders an enormous repository: the report must stay
// far below GitHub's 1 MiB limit for job summaries and comments, and say what it
// left out.
func TestMarkdownStaysSmall(t *testing.T) {
	md := renderMarkdown(t, hugeDoc(t))
	if len(md) > 256<<10 {
		t.Errorf("markdown of a huge repository is %d bytes, want under 256 KiB", len(md))
	}
	for _, want := range []string{"… and 49,975 more", "… and 4,990 more files with findings", "… and 175 more", "- … and 9,975 more"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestMarkdownEscaping(t *testing.T) {
	md := renderMarkdown(t, hostileDoc())
	for _, want := range []string{
		"`src/<script>alert(1)</script>.py`",           // markup stays inside code
		"``notebooks/@org team \\| `tick`.ipynb``",     // pipes escaped, backticks fenced
		"`=cmd\\|' /C calc'!A0.py`",                    // pipe in a table cell
		"\\<b\\>2\\</b\\> tf1 findings @\u200bhere",    // prose: HTML escaped, no mention
		"`data/<img src=x onerror=alert(1)>.py`",       // skipped path in code
		"**Source:** `https://example.com/acme/<evil>", // source in code
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

func TestMarkdownTableRowsKeepTheirColumns(t *testing.T) {
	md := renderMarkdown(t, hostileDoc())
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "| ") || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "|---") {
			continue
		}
		cols := cellCount(lines[i])
		for j := i + 2; j < len(lines) && strings.HasPrefix(lines[j], "|"); j++ {
			if got := cellCount(lines[j]); got != cols {
				t.Errorf("row %q has %d cells, the header %d", lines[j], got, cols)
			}
		}
	}
}

// cellCount counts a GFM table row's cells: unescaped pipes, less one.
func cellCount(row string) int {
	return strings.Count(strings.ReplaceAll(row, `\|`, ""), "|") - 1
}

// TestMdCode checks what the report adds to markdown.Code (tested there): one
// line, clipped in the middle to markdown.MaxValueRunes, the table flag passed on.
func TestMdCode(t *testing.T) {
	long := strings.Repeat("a", 100) + "|" + strings.Repeat("b", 100)
	tests := []struct {
		in      string
		inTable bool
		want    string
	}{
		{"line\nbreak", false, "`line break`"},
		{"a|b", true, "`a\\|b`"},
		{"a|b", false, "`a|b`"},
		// 201 runes: the first 53 and the last 106 stay.
		{long, false, "`" + strings.Repeat("a", 53) + "…" + strings.Repeat("a", 5) + "|" + strings.Repeat("b", 100) + "`"},
	}
	for _, tt := range tests {
		if got := mdCode(tt.in, tt.inTable); got != tt.want {
			t.Errorf("mdCode(%q, %v) = %q, want %q", tt.in, tt.inTable, got, tt.want)
		}
	}
}
