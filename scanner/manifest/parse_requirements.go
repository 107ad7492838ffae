package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// maxIncludeDepth bounds -r/-c chains; pip has no limit, but real projects nest
// two or three deep and a bound keeps a hostile tree from recursing forever.
const maxIncludeDepth = 10

// urlScheme matches the start of a URL or VCS requirement (https://, git+ssh://,
// file:).
var urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:(//)?`)

// requirementsReader reads pip requirements files, following includes. One
// reader serves one Parse call, so its visited set spans the include tree.
type requirementsReader struct {
	read    func(string) ([]byte, error)
	visited map[string]bool
	deps    []Dependency
	// problems are "file: line N: what", in the order met.
	problems []string
	// host and hostKind name a non-requirements manifest whose lines this
	// reader also reads (the pip section of environment.yml); its
	// dependencies carry hostKind, included files "requirements".
	host, hostKind string
}

func newRequirementsReader(read func(string) ([]byte, error)) *requirementsReader {
	return &requirementsReader{read: read, visited: map[string]bool{}}
}

// parseRequirements reads a pip requirements file. pip's format has no
// maintained Go reader, so this follows pip's own req_file.py closely: join
// backslash continuations, drop comments, then read each logical line as an
// option or a requirement.
func parseRequirements(file string, data []byte, read func(string) ([]byte, error)) ([]Dependency, error) {
	r := newRequirementsReader(read)
	r.file(file, data, 0)
	return r.deps, r.err()
}

// maxProblems bounds the problems listed for one file: past a few, the file is
// not a requirements file at all and more lines say nothing new.
const maxProblems = 5

// fail records a bad line; the other lines are still read.
func (r *requirementsReader) fail(file string, line int, err error) {
	r.problems = append(r.problems, fmt.Sprintf("%s: line %d: %v", file, line, err))
}

func (r *requirementsReader) err() error {
	if len(r.problems) == 0 {
		return nil
	}
	list := r.problems
	more := ""
	if len(list) > maxProblems {
		more = fmt.Sprintf("; and %d more", len(list)-maxProblems)
		list = list[:maxProblems]
	}
	return fmt.Errorf("parse %s%s", strings.Join(list, "; "), more)
}

func (r *requirementsReader) file(file string, data []byte, depth int) {
	r.visited[path.Clean(file)] = true
	if bytes.IndexByte(data, 0) >= 0 {
		r.fail(file, 1, fmt.Errorf("the file is binary (it contains NUL bytes)"))
		return
	}
	for _, l := range logicalLines(data) {
		r.line(file, l.number, l.text, depth)
	}
}

// logicalLine is a requirements line after joining continuations, with the
// number of its first physical line.
type logicalLine struct {
	number int
	text   string
}

// commentStart finds a '#' that begins a comment: at the start of the line or
// after whitespace, as pip's COMMENT_RE does, so URL fragments (#egg=) survive.
func commentStart(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return i
		}
	}
	return -1
}

func logicalLines(data []byte) []logicalLine {
	text := strings.TrimPrefix(string(data), "\ufeff")
	physical := strings.Split(text, "\n")
	var out []logicalLine
	var joined strings.Builder
	start := 0
	pending := false
	for i, raw := range physical {
		raw = strings.TrimSuffix(raw, "\r")
		if !pending {
			start = i + 1
		}
		// A line with a comment never continues: the comment swallows the
		// backslash, as in pip.
		if c := commentStart(raw); c >= 0 {
			raw = raw[:c]
		} else if strings.HasSuffix(raw, "\\") {
			joined.WriteString(strings.TrimSuffix(raw, "\\"))
			pending = true
			continue
		}
		joined.WriteString(raw)
		pending = false
		if line := strings.TrimSpace(joined.String()); line != "" {
			out = append(out, logicalLine{number: start, text: line})
		}
		joined.Reset()
	}
	if line := strings.TrimSpace(joined.String()); pending && line != "" {
		out = append(out, logicalLine{number: start, text: line})
	}
	return out
}

// line reads one logical line: an option, or a requirement with its
// per-requirement options (--hash=...).
func (r *requirementsReader) line(file string, number int, text string, depth int) {
	if strings.HasPrefix(text, "-") {
		r.option(file, number, text, depth)
		return
	}
	// pip splits a requirement from its options at the first token starting
	// with '-'; markers and URLs never have such a token.
	fields := strings.Split(text, " ")
	for i, f := range fields {
		if strings.HasPrefix(f, "-") {
			text = strings.TrimSpace(strings.Join(fields[:i], " "))
			break
		}
	}
	r.requirement(file, number, text, "")
}

// option handles a global option line. Only includes and editables matter to
// us; index and build options are ignored.
func (r *requirementsReader) option(file string, number int, text string, depth int) {
	name, value := splitOption(text)
	switch name {
	case "-r", "--requirement", "-c", "--constraint":
		if value == "" {
			r.fail(file, number, fmt.Errorf("option %s needs a file name", name))
			return
		}
		r.include(file, number, value, depth)
	case "-e", "--editable":
		if value == "" {
			r.fail(file, number, fmt.Errorf("option %s needs a path or URL", name))
			return
		}
		r.requirement(file, number, value, name)
	}
}

// splitOption separates "-r file", "-rfile", "--requirement=file" and
// "--requirement file" into the option and its value.
func splitOption(text string) (name, value string) {
	if strings.HasPrefix(text, "--") {
		end := strings.IndexAny(text, " \t=")
		if end < 0 {
			return text, ""
		}
		return text[:end], strings.TrimSpace(text[end+1:])
	}
	if len(text) < 2 {
		return text, ""
	}
	return text[:2], strings.TrimSpace(strings.TrimPrefix(text[2:], "="))
}

// include follows -r/-c. The target is relative to the including file's folder
// and must stay inside the scanned tree.
func (r *requirementsReader) include(from string, number int, target string, depth int) {
	if r.read == nil || depth >= maxIncludeDepth || urlScheme.MatchString(target) {
		return
	}
	if strings.HasPrefix(target, "/") || strings.Contains(target, "\\") {
		return
	}
	p := path.Join(path.Dir(from), target)
	if p == ".." || strings.HasPrefix(p, "../") || r.visited[p] {
		return
	}
	r.visited[p] = true
	data, err := r.read(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = errors.New("no such file")
		}
		r.fail(from, number, fmt.Errorf("cannot read included file %s: %v", target, err))
		return
	}
	// A bad line in an included file is that file's problem, reported when it is
	// parsed on its own; it does not make the including file malformed.
	saved := len(r.problems)
	r.file(p, data, depth+1)
	r.problems = r.problems[:saved]
}

// requirement reads one requirement: a PEP 508 string, a URL or VCS reference,
// or a local path. editable is the option that introduced it, if any.
func (r *requirementsReader) requirement(file string, number int, text, editable string) {
	if text == "" {
		return
	}
	if urlScheme.MatchString(text) || looksLikePath(text) || editable != "" {
		r.reference(file, number, text)
		return
	}
	req, err := parseRequirement(text)
	if err != nil {
		r.fail(file, number, err)
		return
	}
	r.add(file, number, req.name, req.versionSpec(), req.extras, req.marker)
}

// reference reads a requirement given as a URL or path, named by its #egg=
// fragment or by the wheel or sdist file it points at.
func (r *requirementsReader) reference(file string, number int, text string) {
	target, marker := text, ""
	if i := markerAfterURL(text); i >= 0 {
		target, marker = strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
	}
	if name, extras, ok := eggName(target); ok {
		r.add(file, number, name, "", extras, marker)
		return
	}
	if name, version, ok := archiveRequirement(target); ok {
		r.add(file, number, name, "=="+version, nil, marker)
	}
}

func (r *requirementsReader) add(file string, number int, name, spec string, extras []string, marker string) {
	kind := KindRequirements
	if r.hostKind != "" && file == r.host {
		kind = r.hostKind
	}
	d, ok := newDependency(file, number, kind, name, spec, dialectPEP440)
	if !ok {
		return
	}
	d.Extras, d.Marker = extras, marker
	r.deps = append(r.deps, d)
}

// looksLikePath tells a local path (./pkg, ../wheels/x.whl, dist/foo.tar.gz)
// from a requirement: PEP 508 names never contain a slash, and pip reads an
// archive name as a file.
func looksLikePath(text string) bool {
	head := text
	if i := strings.IndexAny(head, "<>=!~;[( @"); i >= 0 {
		head = head[:i]
	}
	if head == "." || head == ".." || strings.HasPrefix(head, "./") || strings.HasPrefix(head, "../") ||
		strings.HasPrefix(head, "~") || strings.ContainsAny(head, "/\\") {
		return true
	}
	lower := strings.ToLower(head)
	for _, ext := range []string{".whl", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".zip"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}
