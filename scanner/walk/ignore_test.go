package walk

import (
	"strings"
	"testing"
)

func TestIgnoreStack(t *testing.T) {
	root := parseIgnoreFile([]byte("\xef\xbb\xbf# comment\n\n*.pyc\n/top_only.py\ndocs/\nlogs/**/*.py\n!keep.pyc\n\\#hash.py\n"), ".gitignore", nil)
	sub := parseIgnoreFile([]byte("gen_*.py\r\n!/docs\r\n"), "pkg/.gitignore", []string{"pkg"})
	s := newIgnoreStack(true)
	s.push(root)
	s.push(sub)
	tests := []struct {
		path  string
		isDir bool
		want  string // "" when not ignored
	}{
		{"a.pyc", false, `matches "*.pyc" in .gitignore line 3`},
		{"keep.pyc", false, ""},
		{"top_only.py", false, `matches "/top_only.py" in .gitignore line 4`},
		{"pkg/top_only.py", false, ""},
		{"docs", true, `matches "docs/" in .gitignore line 5`},
		{"docs", false, ""},
		{"logs/a/b/c.py", false, `matches "logs/**/*.py" in .gitignore line 6`},
		{"#hash.py", false, `matches "\\#hash.py" in .gitignore line 8`},
		{"pkg/gen_x.py", false, `matches "gen_*.py" in pkg/.gitignore line 1`},
		{"gen_x.py", false, ""},
		{"pkg/docs", true, ""},
		{"other/docs", true, `matches "docs/" in .gitignore line 5`},
	}
	for _, tt := range tests {
		got, ignored := s.match(tt.path, tt.isDir)
		if ignored != (tt.want != "") || got != tt.want {
			t.Errorf("match(%q, dir=%v) = %q, %v; want %q", tt.path, tt.isDir, got, ignored, tt.want)
		}
	}
	s.reset(len(root))
	if _, ignored := s.match("pkg/gen_x.py", false); ignored {
		t.Error("a sub-folder's rules still apply after leaving it")
	}
	if _, ignored := newIgnoreStack(false).match("a.pyc", false); ignored {
		t.Error("a disabled stack ignores files")
	}
}

// FuzzParseIgnoreFile feeds arbitrary .gitignore content, which comes from the
// scanned repository, through parsing and matching.
func FuzzParseIgnoreFile(f *testing.F) {
	f.Add([]byte("*.pyc\n__pycache__/\n/build\n!keep.py\n"), "src/pkg/a.py", false)
	f.Add([]byte("# comment\r\n\\!literal\r\nlogs/**/*.log\r\n"), "logs/x/y.log", false)
	f.Add([]byte("\xef\xbb\xbf[a-\n**/\n!\n/\n\\ \n"), "a", true)
	f.Add([]byte("data/\n!data/keep/\n*.ipynb\n"), "data/keep", true)
	f.Fuzz(func(t *testing.T, data []byte, p string, isDir bool) {
		rules := parseIgnoreFile(data, "fuzz/.gitignore", []string{"fuzz"})
		for _, r := range rules {
			if strings.ContainsAny(r.text, "\n") {
				t.Fatalf("rule text %q spans lines", r.text)
			}
		}
		s := newIgnoreStack(true)
		s.push(rules)
		s.match("fuzz/"+p, isDir)
		s.match(p, isDir)
	})
}
