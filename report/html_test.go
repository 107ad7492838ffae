package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func renderHTML(t *testing.T, doc *Document) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (&HTMLEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// walkHTML parses a page and calls fn for every element.
func walkHTML(t *testing.T, page string, fn func(n *html.Node)) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			fn(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

// TestHTMLSelfContained checks every report for anything that could load from
// the network or run: scripts, external resources, event handlers, CSS urls.
func TestHTMLSelfContained(t *testing.T) {
	forbidden := map[string]bool{"script": true, "link": true, "iframe": true, "object": true, "embed": true, "img": true, "base": true, "image": true, "use": true, "foreignobject": true}
	for name, doc := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			page := renderHTML(t, doc)
			if !strings.Contains(page, `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`) {
				t.Error("the page has no Content-Security-Policy forbidding loads")
			}
			ids := map[string]bool{}
			walkHTML(t, page, func(n *html.Node) {
				if forbidden[n.Data] {
					t.Errorf("forbidden element <%s>", n.Data)
				}
				for _, a := range n.Attr {
					key := strings.ToLower(a.Key)
					switch {
					case key == "src" || key == "srcset" || key == "xlink:href" || key == "action" || key == "formaction":
						t.Errorf("<%s %s=%q> loads a resource", n.Data, a.Key, a.Val)
					case key == "href" && !strings.HasPrefix(a.Val, "#"):
						t.Errorf("<%s href=%q> leaves the page", n.Data, a.Val)
					case strings.HasPrefix(key, "on"):
						t.Errorf("<%s %s> is an event handler", n.Data, a.Key)
					case key == "style":
						t.Errorf("<%s style=%q>: styles belong in the stylesheet", n.Data, a.Val)
					case key == "id":
						if ids[a.Val] {
							t.Errorf("id %q is used twice", a.Val)
						}
						ids[a.Val] = true
					}
				}
				if n.Data == "style" && n.FirstChild != nil {
					css := n.FirstChild.Data
					if strings.Contains(css, "url(") || strings.Contains(css, "@import") || strings.Contains(css, "@font-face") {
						t.Error("the stylesheet loads something")
					}
				}
			})
		})
	}
}

func TestHTMLEscapesRepositoryValues(t *testing.T) {
	page := renderHTML(t, hostileDoc())
	for _, bad := range []string{"<script>alert", "<img src=x", "<evil>", "<b>2</b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	for _, want := range []string{"src/&lt;script&gt;alert(1)&lt;/script&gt;.py", "&lt;b&gt;2&lt;/b&gt; tf1 findings @here", "data/&lt;img src=x onerror=alert(1)&gt;.py"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks the escaped text %q", want)
		}
	}
}

func TestHTMLSections(t *testing.T) {
	tests := []struct {
		name    string
		doc     *Document
		want    []string
		notWant []string
	}{
		{"ci report with every part", ciDriftDoc(t),
			[]string{"violations", "drift", "baseline", "mix", "recommendation", "estimate", "history", "files", "dependencies", "skipped"}, nil},
		{"plain scan", loadFixtureDoc(t, "tf1-graph"),
			[]string{"mix", "recommendation", "estimate", "files", "dependencies"},
			[]string{"violations", "drift", "baseline", "history"}},
		{"broken inputs", loadFixtureDoc(t, "broken-inputs"),
			[]string{"mix", "skipped"}, []string{"drift", "history"}},
		{"empty document", &Document{},
			[]string{"mix"}, []string{"estimate", "recommendation", "files", "skipped", "history"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sections := map[string]bool{}
			walkHTML(t, renderHTML(t, tt.doc), func(n *html.Node) {
				if n.Data != "section" {
					return
				}
				for _, a := range n.Attr {
					if a.Key == "id" {
						sections[a.Val] = true
					}
				}
			})
			for _, id := range tt.want {
				if !sections[id] {
					t.Errorf("section %q missing", id)
				}
			}
			for _, id := range tt.notWant {
				if sections[id] {
					t.Errorf("section %q present without its data", id)
				}
			}
		})
	}
}

// TestHTMLAccessible checks what a screen reader needs: every chart has a title
// and a description, every table header cell has a scope, sections are labelled.
func TestHTMLAccessible(t *testing.T) {
	page := renderHTML(t, ciDriftDoc(t))
	var svgs int
	walkHTML(t, page, func(n *html.Node) {
		switch n.Data {
		case "svg":
			svgs++
			var title, desc bool
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				title = title || c.Type == html.ElementNode && c.Data == "title"
				desc = desc || c.Type == html.ElementNode && c.Data == "desc"
			}
			if !title || !desc || attr(n, "role") != "img" || attr(n, "aria-labelledby") == "" {
				t.Errorf("chart without title, desc, role or label: %v", n.Attr)
			}
		case "th":
			if attr(n, "scope") == "" {
				t.Error("a table header cell has no scope")
			}
		case "section":
			if attr(n, "aria-labelledby") == "" {
				t.Errorf("section %s has no label", attr(n, "id"))
			}
		}
	})
	// framework mix, era mix, one effort chart per path, history
	if svgs < 4 {
		t.Errorf("%d charts, want at least 4", svgs)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestHTMLStaysBounded(t *testing.T) {
	page := renderHTML(t, hugeDoc(t))
	if len(page) > 4<<20 {
		t.Errorf("html of a huge repository is %d bytes, want under 4 MiB", len(page))
	}
	if !strings.Contains(page, "… and 4,990 more files with findings") {
		t.Error("the page does not say how many files it left out")
	}
}

func TestNiceCeiling(t *testing.T) {
	for in, want := range map[int]int{0: 4, 3: 4, 5: 8, 9: 20, 41: 80, 325: 400, 401: 800, 1 << 55: 1 << 55} {
		if got := niceCeiling(in); got != want {
			t.Errorf("niceCeiling(%d) = %d, want %d", in, got, want)
		}
	}
}
