package manifest

import "fmt"

// uvLock holds the [[package]] entries of a uv.lock. A package resolved
// differently per platform appears once per version.
type uvLock struct {
	Package []struct {
		Name    string `toml:"name"`
		Version string `toml:"version"`
	} `toml:"package"`
}

// parseUVLock reads a uv.lock, which lists every package of the resolution,
// transitive ones included; the framework ones are reported pinned to their
// locked version. uv records no groups per package, so Group stays empty.
func parseUVLock(file string, data []byte) ([]Dependency, error) {
	var doc uvLock
	if err := decodeTOML(file, data, &doc); err != nil {
		return nil, err
	}
	lines := indexTOML(data)
	c := &collector{file: file, kind: KindUVLock}
	for i, p := range doc.Package {
		line := lines.line("package", tomlIndex(i), "name")
		if p.Name == "" {
			c.fail(lines.line("package", tomlIndex(i)), fmt.Errorf("package entry %d has no name", i+1))
			continue
		}
		c.add(lockedDependency(file, line, KindUVLock, p.Name, p.Version))
	}
	return c.deps, c.err
}
