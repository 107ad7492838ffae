package htmlpage

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseRendersSharedTable(t *testing.T) {
	fsys := fstest.MapFS{"page.gohtml": {Data: []byte(`<p>{{shout .Title}}</p>{{template "table" (table "Cap" (list "Name" "Count") "lr" .Rows)}}`)}}
	tmpl, err := Parse(fsys, "page.gohtml", map[string]any{"shout": strings.ToUpper})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	data := map[string]any{"Title": "mix", "Rows": [][]string{{"<script>", "3"}}}
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	want := "<p>MIX</p>\n<table><caption>Cap</caption>\n" +
		`<thead><tr><th scope="col">Name</th><th scope="col" class="num">Count</th></tr></thead>` + "\n<tbody>\n" +
		`<tr><td>&lt;script&gt;</td><td class="num">3</td></tr>` + "\n</tbody>\n</table>"
	if got := b.String(); got != want {
		t.Errorf("page renders as\n%s\nwant\n%s", got, want)
	}
}

func TestParseNamesTheBrokenTemplate(t *testing.T) {
	fsys := fstest.MapFS{"broken.gohtml": {Data: []byte(`{{if}}`)}}
	if _, err := Parse(fsys, "broken.gohtml", nil); err == nil || !strings.Contains(err.Error(), "broken.gohtml") {
		t.Errorf("Parse of a broken template: %v, want an error naming it", err)
	}
}

func TestTableRight(t *testing.T) {
	tb := NewTable("", []string{"a", "b", "c"}, "lr", nil)
	for i, want := range []bool{false, true, false} {
		if got := tb.Right(i); got != want {
			t.Errorf("Right(%d) = %v, want %v", i, got, want)
		}
	}
}

func TestStylesheetIsEmbedded(t *testing.T) {
	if css := string(Stylesheet()); !strings.Contains(css, "@media print") {
		t.Errorf("stylesheet has no print rules: %.80q", css)
	}
}
