package walk

import (
	"strings"
	"testing"
)

func TestIgnoreStack(t *testing.T) {
	// The same decisions with no memo, and with one shared by two walks (the
	// second served from it).
	memo := NewIgnoreMemo()
	for _, m := range []*IgnoreMemo{nil, memo, memo} {
		testIgnoreStack(t, m)
	}
	if len(memo.m) == 0 {
		t.Fatal("the memo was not used")
	}
}

func testIgnoreStack(t *testing.T, memo *IgnoreMemo) {
	rootData := []byte("\xef\xbb\xbf# comment\n\n*.pyc\n/top_only.py\ndocs/\nlogs/**/*.py\n!keep.pyc\n\\#hash.py\n")
	subData := []byte("gen_*.py\r\n!/docs\r\n")
	root := parseIgnoreFile(rootData, ".gitignore", nil)
	sub := parseIgnoreFile(subData, "pkg/.gitignore", []string{"pkg"})
	s := newIgnoreStack(true, memo)
	s.push(root, ".gitignore", rootData)
	afterRoot := s.mark()
	s.push(sub, "pkg/.gitignore", subData)
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
	s.reset(afterRoot)
	if _, ignored := s.match("pkg/gen_x.py", false); ignored {
		t.Error("a sub-folder's rules still apply after leaving it")
	}
	// Other rules at the same paths: the memo must not answer for them.
	other := newIgnoreStack(true, memo)
	otherData := []byte("*.py\n")
	other.push(parseIgnoreFile(otherData, ".gitignore", nil), ".gitignore", otherData)
	if _, ignored := other.match("keep.pyc", false); ignored {
		t.Error("keep.pyc ignored by rules that do not name it")
	}
	if _, ignored := other.match("gen_x.py", false); !ignored {
		t.Error("a memo shared with other rules answered for them")
	}
	if _, ignored := newIgnoreStack(false, memo).match("a.pyc", false); ignored {
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
		s := newIgnoreStack(true, nil)
		s.push(rules, "fuzz/.gitignore", data)
		memoized := newIgnoreStack(true, NewIgnoreMemo())
		memoized.push(rules, "fuzz/.gitignore", data)
		for _, q := range []string{"fuzz/" + p, p} {
			r1, i1 := s.match(q, isDir)
			for range 2 {
				if r2, i2 := memoized.match(q, isDir); r1 != r2 || i1 != i2 {
					t.Fatalf("memo says %q %v, matcher %q %v", r2, i2, r1, i1)
				}
			}
		}
	})
}
