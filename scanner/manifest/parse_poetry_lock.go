package manifest

import "fmt"

// poetryLock holds the [[package]] entries of a poetry.lock. Poetry 1 tags
// each with a category ("main"/"dev"); Poetry 2 with a list of groups.
type poetryLock struct {
	Package []struct {
		Name     string   `toml:"name"`
		Version  string   `toml:"version"`
		Category string   `toml:"category"`
		Groups   []string `toml:"groups"`
		Markers  any      `toml:"markers"`
	} `toml:"package"`
}

// parsePoetryLock reads a poetry.lock. It lists every package of the
// resolution, transitive ones included; the framework ones are reported pinned
// to their locked version.
func parsePoetryLock(file string, data []byte) ([]Dependency, error) {
	var doc poetryLock
	if err := decodeTOML(file, data, &doc); err != nil {
		return nil, err
	}
	lines := indexTOML(data)
	c := &collector{file: file, kind: KindPoetryLock}
	for i, p := range doc.Package {
		line := lines.line("package", tomlIndex(i), "name")
		if p.Name == "" {
			c.fail(lines.line("package", tomlIndex(i)), fmt.Errorf("package entry %d has no name", i+1))
			continue
		}
		d, ok := lockedDependency(file, line, KindPoetryLock, p.Name, p.Version)
		if !ok {
			continue
		}
		d.Group = poetryGroup(p.Category, p.Groups)
		d.Marker, _ = p.Markers.(string)
		c.deps = append(c.deps, d)
	}
	return c.deps, c.err
}

// poetryGroup names the group a locked package belongs to, "" for main.
func poetryGroup(category string, groups []string) string {
	for _, g := range groups {
		if g == "main" {
			return ""
		}
	}
	if len(groups) > 0 {
		return groups[0]
	}
	if category == "main" {
		return ""
	}
	return category
}

// lockedDependency reports a locked package with Spec "==<version>".
func lockedDependency(file string, line int, kind, name, version string) (Dependency, bool) {
	spec := ""
	if version != "" {
		spec = "==" + version
	}
	return newDependency(file, line, kind, name, spec, dialectPEP440)
}
