package walk

import (
	"fmt"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// globs applies the user's --include and --exclude patterns.
type globs struct {
	include []string
	exclude []string
}

// ValidateGlobs checks --include and --exclude patterns before a walk, so a
// command can report a bad one as a usage error. Walk runs the same check.
func ValidateGlobs(include, exclude []string) error {
	_, err := newGlobs(include, exclude)
	return err
}

func newGlobs(include, exclude []string) (globs, error) {
	var g globs
	var err error
	if g.include, err = cleanGlobs("--include", include); err != nil {
		return globs{}, err
	}
	if g.exclude, err = cleanGlobs("--exclude", exclude); err != nil {
		return globs{}, err
	}
	return g, nil
}

// cleanGlobs validates patterns and drops a leading "./", which users type but
// which walk paths never have.
func cleanGlobs(flag string, patterns []string) ([]string, error) {
	out := make([]string, 0, len(patterns))
	for _, p := range patterns {
		clean := strings.TrimPrefix(strings.TrimSpace(p), "./")
		if clean == "" {
			continue
		}
		if !doublestar.ValidatePattern(clean) {
			return nil, fmt.Errorf("invalid %s glob %q", flag, p)
		}
		out = append(out, clean)
	}
	return out, nil
}

func (g globs) excludesFile(p string) (string, bool) {
	for _, pat := range g.exclude {
		if doublestar.MatchUnvalidated(pat, p) {
			return fmt.Sprintf("matches --exclude %q", pat), true
		}
	}
	if len(g.include) == 0 {
		return "", false
	}
	for _, pat := range g.include {
		if doublestar.MatchUnvalidated(pat, p) {
			return "", false
		}
	}
	return "not matched by any --include glob", true
}

// excludesDir reports whether an exclude glob covers the whole folder p: it
// matches the folder itself, or it is "X/**" and X matches the folder. Include
// globs never prune folders, since a folder can hold matches at any depth.
func (g globs) excludesDir(p string) (string, bool) {
	for _, pat := range g.exclude {
		if doublestar.MatchUnvalidated(pat, p) ||
			(strings.HasSuffix(pat, "/**") && doublestar.MatchUnvalidated(strings.TrimSuffix(pat, "/**"), p)) {
			return fmt.Sprintf("matches --exclude %q", pat), true
		}
	}
	return "", false
}
