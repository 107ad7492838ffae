package markdown

import (
	"strings"
	"testing"
)

func TestCode(t *testing.T) {
	tests := []struct {
		in      string
		inTable bool
		want    string
	}{
		{"plain", false, "`plain`"},
		{"a`b", false, "``a`b``"},
		{"a``b`", false, "``` a``b` ```"},
		{"`edge`", false, "`` `edge` ``"},
		{"a|b", true, "`a\\|b`"},
		{"a|b", false, "`a|b`"},
		{"@team #12 <b>", false, "`@team #12 <b>`"},
		{"", true, ""},
	}
	for _, tt := range tests {
		if got := Code(tt.in, tt.inTable); got != tt.want {
			t.Errorf("Code(%q, %v) = %q, want %q", tt.in, tt.inTable, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	tests := map[string]string{
		"plain words":        "plain words",
		"**bold** <b>x</b>":  `\*\*bold\*\* \<b\>x\</b\>`,
		"a | b":              `a \| b`,
		"[link](http://x)":   `\[link\](http://x)`,
		"@owner #12 & ~x~ !": "@\u200bowner \\#12 \\& \\~x\\~ \\!",
		`back\slash`:         `back\\slash`,
	}
	for in, want := range tests {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	var b strings.Builder
	Table(&b, []string{"Name", "Count", "Note"}, "lr", [][]string{{"a", "1", "x"}, {"b", "22", ""}})
	want := "| Name | Count | Note |\n|---|---:|---|\n| a | 1 | x |\n| b | 22 |  |\n\n"
	if got := b.String(); got != want {
		t.Errorf("Table wrote\n%q\nwant\n%q", got, want)
	}
}
