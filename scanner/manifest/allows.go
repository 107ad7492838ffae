package manifest

import (
	"strings"

	pep440 "github.com/aquasecurity/go-pep440-version"
)

// SpecAllows reports whether a dependency's version spec admits version. ok is false
// when the spec cannot be read as PEP 440 (Poetry carets, URLs), so callers can tell
// "no" from "cannot say". An empty spec admits everything.
func SpecAllows(spec, version string) (allowed, ok bool) {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "*" {
		return true, true
	}
	ss, err := pep440.NewSpecifiers(spec)
	if err != nil {
		return false, false
	}
	v, err := pep440.Parse(version)
	if err != nil {
		return false, false
	}
	return ss.Check(v), true
}
