package manifest

import "fmt"

// collector gathers the dependencies of one structured manifest (pyproject,
// setup.py, setup.cfg, ...) and remembers the first problem with its line, so
// that one bad entry does not hide the others.
type collector struct {
	file string
	kind string
	deps []Dependency
	err  error
}

func (c *collector) fail(line int, err error) {
	if c.err != nil {
		return
	}
	if line > 0 {
		c.err = fmt.Errorf("parse %s: line %d: %w", c.file, line, err)
		return
	}
	c.err = fmt.Errorf("parse %s: %w", c.file, err)
}

// pep508 reads one PEP 508 requirement string declared at line.
func (c *collector) pep508(line int, group, text string) {
	req, err := parseRequirement(text)
	if err != nil {
		c.fail(line, err)
		return
	}
	d, ok := newDependency(c.file, line, c.kind, req.name, req.versionSpec(), dialectPEP440)
	if !ok {
		return
	}
	d.Group, d.Extras, d.Marker = group, req.extras, req.marker
	c.deps = append(c.deps, d)
}

// add records a dependency built elsewhere when it is a framework one.
func (c *collector) add(d Dependency, ok bool) {
	if ok {
		c.deps = append(c.deps, d)
	}
}

// typeName says what a decoded TOML value is, in the file's terms.
func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case nil:
		return "empty"
	default:
		return "a date or time"
	}
}
