package catalog

import (
	"regexp"
	"testing"
)

// The hand-written name checks must accept exactly what these expressions do.
var (
	dottedNameSpec = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
	identifierSpec = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

func TestNameChecksMatchTheirSpec(t *testing.T) {
	cases := []string{
		"", ".", "a", "_", "A9", "9a", "a.b", "a..b", ".a", "a.", "torch.nn.Module",
		"tf.compat.v1", "a-b", "a b", "é", "a.é", "x.__init__", "a.1b", "a.b1", "ab.c_d.E",
	}
	for _, s := range cases {
		if got, want := isDottedName(s), dottedNameSpec.MatchString(s); got != want {
			t.Errorf("isDottedName(%q) = %v, want %v", s, got, want)
		}
		if got, want := isIdentifier(s), identifierSpec.MatchString(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzNameChecks(f *testing.F) {
	f.Add("torch.nn.Module")
	f.Add("a..b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isDottedName(s), dottedNameSpec.MatchString(s); got != want {
			t.Errorf("isDottedName(%q) = %v, want %v", s, got, want)
		}
		if got, want := isIdentifier(s), identifierSpec.MatchString(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
	})
}
