package manifest

import (
	"fmt"
	"sort"
	"strings"
)

// pyproject holds the parts of pyproject.toml that declare dependencies.
// Everything else (build settings, other tools) is ignored, not rejected.
type pyproject struct {
	Project struct {
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	// DependencyGroups (PEP 735) holds requirement strings and
	// {include-group = "..."} tables, which repeat other groups and are skipped.
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		// PDM and uv keep development requirements as PEP 508 lists too.
		PDM struct {
			DevDependencies map[string][]string `toml:"dev-dependencies"`
		} `toml:"pdm"`
		UV struct {
			DevDependencies []string `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// parsePyproject reads PEP 621 [project] dependencies and optional
// dependencies, PEP 735 [dependency-groups], Poetry's dependency tables and the
// dev lists of PDM and uv.
func parsePyproject(file string, data []byte) ([]Dependency, error) {
	var doc pyproject
	if err := decodeTOML(file, data, &doc); err != nil {
		return nil, err
	}
	lines := indexTOML(data)
	c := &collector{file: file, kind: KindPyproject}

	for i, req := range doc.Project.Dependencies {
		c.pep508(lines.line("project", "dependencies", tomlIndex(i)), "", req)
	}
	for _, group := range sortedKeys(doc.Project.OptionalDependencies) {
		for i, req := range doc.Project.OptionalDependencies[group] {
			c.pep508(lines.line("project", "optional-dependencies", group, tomlIndex(i)), group, req)
		}
	}
	for _, group := range sortedKeys(doc.DependencyGroups) {
		for i, entry := range doc.DependencyGroups[group] {
			line := lines.line("dependency-groups", group, tomlIndex(i))
			switch v := entry.(type) {
			case string:
				c.pep508(line, group, v)
			case map[string]any:
				// {include-group = "..."} repeats another group, read on its own.
			default:
				c.fail(line, fmt.Errorf("dependency group %q holds %s, not a requirement string", group, typeName(entry)))
			}
		}
	}
	for _, group := range sortedKeys(doc.Tool.PDM.DevDependencies) {
		for i, req := range doc.Tool.PDM.DevDependencies[group] {
			c.pep508(lines.line("tool", "pdm", "dev-dependencies", group, tomlIndex(i)), group, req)
		}
	}
	for i, req := range doc.Tool.UV.DevDependencies {
		c.pep508(lines.line("tool", "uv", "dev-dependencies", tomlIndex(i)), "dev", req)
	}

	poetry := doc.Tool.Poetry
	readPoetryTable(c, lines, "", poetry.Dependencies, "tool", "poetry", "dependencies")
	readPoetryTable(c, lines, "dev", poetry.DevDependencies, "tool", "poetry", "dev-dependencies")
	for _, group := range sortedKeys(poetry.Group) {
		readPoetryTable(c, lines, group, poetry.Group[group].Dependencies, "tool", "poetry", "group", group, "dependencies")
	}
	return c.deps, c.err
}

// readPoetryTable reads a Poetry dependency table, where each value is a
// version string ("^2.12"), a table ({version, extras, markers, python, git,
// path, ...}) or a list of such tables for per-platform constraints.
func readPoetryTable(c *collector, lines *tomlLines, group string, table map[string]any, at ...string) {
	for _, name := range sortedKeys(table) {
		if strings.EqualFold(name, "python") {
			continue // the interpreter constraint, not a package
		}
		key := append(append([]string(nil), at...), name)
		switch v := table[name].(type) {
		case []any:
			for i, alt := range v {
				readPoetryValue(c, lines.line(append(key, tomlIndex(i))...), group, name, alt)
			}
		default:
			readPoetryValue(c, lines.line(key...), group, name, v)
		}
	}
}

func readPoetryValue(c *collector, line int, group, name string, value any) {
	var spec, marker string
	var extras []string
	switch v := value.(type) {
	case string:
		spec = v
	case map[string]any:
		var ok bool
		if raw, present := v["version"]; present {
			if spec, ok = raw.(string); !ok {
				c.fail(line, fmt.Errorf("version of %s is %s, not a string", name, typeName(raw)))
				return
			}
		}
		marker, _ = v["markers"].(string)
		if python, _ := v["python"].(string); python != "" && marker == "" {
			// Poetry's python key restricts the interpreter; keep it readable.
			marker = "python " + python
		}
		if list, present := v["extras"].([]any); present {
			for _, e := range list {
				if s, ok := e.(string); ok {
					extras = append(extras, s)
				}
			}
		}
	default:
		c.fail(line, fmt.Errorf("dependency %s is %s, neither a version string nor a table", name, typeName(value)))
		return
	}
	d, ok := newDependency(c.file, line, c.kind, name, strings.TrimSpace(spec), dialectPoetry)
	if !ok {
		return
	}
	d.Group, d.Marker, d.Extras = group, marker, extras
	c.deps = append(c.deps, d)
}

// sortedKeys gives map keys in order, so that the first error reported is
// the same on every run.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
