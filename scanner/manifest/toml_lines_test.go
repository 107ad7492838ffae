package manifest

import (
	"strings"
	"testing"
)

func TestTOMLLines(t *testing.T) {
	src := `title = "x"
[tool.poetry.dependencies]
torch = "^2.1"
jax = [
  {version = "0.4.20", platform = "linux"},
  {version = "0.4.13", platform = "darwin"},
]
[[package]]
name = "a"
[[package]]
name = "b"
[package.dependencies]
c = "1"
[tool.x.y]
deep.dotted.key = 1
`
	lines := indexTOML([]byte(src))
	tests := []struct {
		path []string
		want int
	}{
		{[]string{"title"}, 1},
		{[]string{"tool"}, 2},
		{[]string{"tool", "poetry", "dependencies"}, 2},
		{[]string{"tool", "poetry", "dependencies", "torch"}, 3},
		{[]string{"tool", "poetry", "dependencies", "jax"}, 4},
		{[]string{"tool", "poetry", "dependencies", "jax", "[1]"}, 6},
		{[]string{"tool", "poetry", "dependencies", "jax", "[1]", "platform"}, 6},
		{[]string{"package", "[0]", "name"}, 9},
		{[]string{"package", "[1]", "name"}, 11},
		{[]string{"package", "[1]", "dependencies", "c"}, 13},
		{[]string{"tool", "x", "y", "deep", "dotted"}, 15},
		{[]string{"tool", "x", "y", "deep", "dotted", "key"}, 15},
		{[]string{"package", "[2]"}, 0},
		{[]string{"missing"}, 0},
	}
	for _, tt := range tests {
		if got := lines.line(tt.path...); got != tt.want {
			t.Errorf("line(%q) = %d, want %d", tt.path, got, tt.want)
		}
	}
}

// TestTOMLLinesDeepNesting checks that hostile, deeply nested values are not
// indexed level by level, which would cost time and memory quadratic in their
// depth.
func TestTOMLLinesDeepNesting(t *testing.T) {
	const depth = 3000
	src := "x = " + strings.Repeat("{a = [", depth) + strings.Repeat("]}", depth) + "\n"
	lines := indexTOML([]byte(src))
	if n := len(lines.lines); n > 2*maxValueDepth+1 {
		t.Errorf("indexed %d paths for one deep value, want at most %d", n, 2*maxValueDepth+1)
	}
	if _, err := Parse("pyproject.toml", []byte(src), nil); err != nil {
		t.Errorf("a deep but valid array is not an error: %v", err)
	}
}
