package manifest

import (
	"fmt"
	"strings"
)

// parsePipfile reads a Pipfile (TOML). [packages] and [dev-packages] are the
// classic sections; pipenv also treats any other table of packages as a named
// category, so every table except [source], [requires], [pipenv] and [scripts]
// is read, its name becoming the Group ("" for [packages]).
func parsePipfile(file string, data []byte) ([]Dependency, error) {
	var doc map[string]any
	if err := decodeTOML(file, data, &doc); err != nil {
		return nil, err
	}
	lines := indexTOML(data)
	c := &collector{file: file, kind: KindPipfile}
	for _, section := range sortedKeys(doc) {
		switch section {
		case "source", "requires", "pipenv", "scripts":
			continue
		}
		table, ok := doc[section].(map[string]any)
		if !ok {
			continue
		}
		group := section
		if section == "packages" {
			group = ""
		}
		for _, name := range sortedKeys(table) {
			readPipfileEntry(c, lines.line(section, name), group, name, table[name])
		}
	}
	return c.deps, c.err
}

// readPipfileEntry reads `name = "spec"` or `name = {version = "...", extras =
// [...], markers = "..."}`; "*" means any version and is kept as written.
func readPipfileEntry(c *collector, line int, group, name string, value any) {
	var spec, marker string
	var extras []string
	switch v := value.(type) {
	case string:
		spec = v
	case map[string]any:
		if raw, present := v["version"]; present {
			s, ok := raw.(string)
			if !ok {
				c.fail(line, fmt.Errorf("version of %s is %s, not a string", name, typeName(raw)))
				return
			}
			spec = s
		}
		marker, _ = v["markers"].(string)
		if list, ok := v["extras"].([]any); ok {
			for _, e := range list {
				if s, ok := e.(string); ok {
					extras = append(extras, s)
				}
			}
		}
	default:
		c.fail(line, fmt.Errorf("package %s is %s, neither a version string nor a table", name, typeName(value)))
		return
	}
	d, ok := newDependency(c.file, line, c.kind, name, strings.TrimSpace(spec), dialectPEP440)
	if !ok {
		return
	}
	d.Group, d.Marker, d.Extras = group, marker, extras
	c.deps = append(c.deps, d)
}
