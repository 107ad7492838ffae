package manifest

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// requirement is one PEP 508 requirement as written in a manifest.
type requirement struct {
	name   string
	extras []string
	// spec is the version specifier without enclosing parentheses, "" if none.
	spec   string
	marker string
	// url is the target of a direct reference (`name @ url`).
	url string
}

// parseRequirement reads a PEP 508 string such as
// `jax[cuda12]>=0.4.20; python_version >= "3.9"` or `torch @ https://...`.
// It checks the shape (name, extras, where the spec and marker start) and leaves
// the version spec's own grammar to majorOf, so an odd spec never loses the
// package.
func parseRequirement(s string) (requirement, error) {
	s = strings.TrimSpace(s)
	var r requirement
	n := nameLength(s)
	if n == 0 {
		if s == "" {
			return r, fmt.Errorf("empty requirement")
		}
		return r, fmt.Errorf("requirement %q does not start with a package name", clip(s))
	}
	r.name = s[:n]
	if !validName(r.name) {
		return r, fmt.Errorf("%q is not a valid package name", clip(r.name))
	}
	rest := strings.TrimLeft(s[n:], " \t")
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return r, fmt.Errorf("extras of %s are not closed with ']'", r.name)
		}
		for _, e := range strings.Split(rest[1:end], ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			if !validName(e) {
				return r, fmt.Errorf("extra %q of %s is not a valid name", clip(e), r.name)
			}
			r.extras = append(r.extras, e)
		}
		rest = strings.TrimLeft(rest[end+1:], " \t")
	}
	if strings.HasPrefix(rest, "@") {
		// In a direct reference the marker must follow whitespace, because
		// URLs may contain ';'.
		target := strings.TrimSpace(rest[1:])
		if i := markerAfterURL(target); i >= 0 {
			r.marker = strings.TrimSpace(target[i+1:])
			target = strings.TrimSpace(target[:i])
		}
		if target == "" {
			return r, fmt.Errorf("direct reference for %s has no URL", r.name)
		}
		r.url = target
		return r, nil
	}
	version := rest
	if i := strings.IndexByte(rest, ';'); i >= 0 {
		version = rest[:i]
		r.marker = strings.TrimSpace(rest[i+1:])
		if r.marker == "" {
			return r, fmt.Errorf("empty environment marker after %s", r.name)
		}
	}
	version = strings.TrimSpace(version)
	if strings.HasPrefix(version, "(") {
		if !strings.HasSuffix(version, ")") {
			return r, fmt.Errorf("version of %s opens '(' without closing it", r.name)
		}
		version = strings.TrimSpace(version[1 : len(version)-1])
	}
	if version != "" && !strings.ContainsRune("<>=!~", rune(version[0])) {
		return r, fmt.Errorf("unexpected %q after package name %s", clip(version), r.name)
	}
	r.spec = version
	return r, nil
}

// versionSpec is the spec as written, or for a direct reference to a wheel or
// sdist, an exact pin on the version in its file name.
func (r requirement) versionSpec() string {
	if r.url != "" {
		if _, version, ok := archiveRequirement(r.url); ok {
			return "==" + version
		}
	}
	return r.spec
}

// markerAfterURL finds the ';' that starts a marker after a URL: one preceded
// by whitespace. It returns -1 when there is none.
func markerAfterURL(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] == ';' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// nameLength is the length of the run of name characters at the start of s.
func nameLength(s string) int {
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return i
		}
	}
	return len(s)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validName applies PEP 508's identifier rule: letters, digits, '-', '_', '.',
// beginning and ending with a letter or digit.
func validName(s string) bool {
	if s == "" || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	return nameLength(s) == len(s)
}

// archiveRequirement names the package and version of a wheel or sdist file
// name at the end of a URL or path (torch-2.0.1%2Bcu118-cp310-...-linux_x86_64.whl),
// since pip installs those without a name on the line.
func archiveRequirement(target string) (name, version string, ok bool) {
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target = target[:i]
	}
	base := path.Base(strings.ReplaceAll(target, "\\", "/"))
	if unescaped, err := url.PathUnescape(base); err == nil {
		base = unescaped
	}
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, ".whl"):
		parts := strings.Split(base[:len(base)-len(".whl")], "-")
		if len(parts) < 5 {
			return "", "", false
		}
		name, version = parts[0], parts[1]
	default:
		stem := ""
		for _, ext := range []string{".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip"} {
			if strings.HasSuffix(lower, ext) {
				stem = base[:len(base)-len(ext)]
				break
			}
		}
		i := strings.LastIndexByte(stem, '-')
		if i <= 0 || i == len(stem)-1 || stem[i+1] < '0' || stem[i+1] > '9' {
			return "", "", false
		}
		name, version = stem[:i], stem[i+1:]
	}
	if !validName(name) || version == "" {
		return "", "", false
	}
	return name, version, true
}

// eggName reads the project name from a `#egg=name` URL fragment, the way pip
// names an editable or VCS requirement.
func eggName(target string) (name string, extras []string, ok bool) {
	i := strings.Index(target, "#")
	if i < 0 {
		return "", nil, false
	}
	for _, kv := range strings.Split(target[i+1:], "&") {
		v, found := strings.CutPrefix(kv, "egg=")
		if !found {
			continue
		}
		if r, err := parseRequirement(v); err == nil && r.spec == "" && r.url == "" && r.marker == "" {
			return r.name, r.extras, true
		}
		return "", nil, false
	}
	return "", nil, false
}

// clip shortens text quoted in an error so that one bad line cannot flood a report.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
