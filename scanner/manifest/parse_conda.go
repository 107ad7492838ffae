package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseConda reads a conda environment file: the `dependencies:` list of conda
// match specs, and its nested `- pip: [...]` list, read like a requirements
// file (so `-r requirements.txt` there is followed too). It decodes into
// yaml.Node rather than a struct: the node keeps each entry's line, and
// environment files carry keys (prefix, variables, ...) that a strict struct
// would have to list without gaining anything.
func parseConda(file string, data []byte, read func(string) ([]byte, error)) ([]Dependency, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil // an empty file declares nothing
		}
		return nil, fmt.Errorf("parse %s: %w", file, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("parse %s: line %d: the top level is not a mapping of keys to values", file, root.Line)
	}
	c := &collector{file: file, kind: KindConda}
	pip := newRequirementsReader(read)
	pip.host, pip.hostKind = file, KindConda
	pip.visited[path.Clean(file)] = true
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "dependencies" {
			continue
		}
		deps := resolveAlias(root.Content[i+1])
		switch {
		case deps.Kind == yaml.ScalarNode && deps.Tag == "!!null":
			continue // `dependencies:` with nothing under it
		case deps.Kind != yaml.SequenceNode:
			c.fail(deps.Line, fmt.Errorf("dependencies is not a list"))
			continue
		}
		for _, item := range deps.Content {
			readCondaEntry(c, pip, resolveAlias(item))
		}
	}
	c.deps = append(c.deps, pip.deps...)
	if c.err == nil {
		c.err = pip.err()
	}
	return c.deps, c.err
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// readCondaEntry reads one item of `dependencies:`: a match spec, or a
// `pip:` mapping.
func readCondaEntry(c *collector, pip *requirementsReader, item *yaml.Node) {
	switch item.Kind {
	case yaml.ScalarNode:
		name, spec, version := parseCondaSpec(item.Value)
		if name == "" {
			c.fail(item.Line, fmt.Errorf("%q is not a conda package spec", clip(item.Value)))
			return
		}
		d, ok := newDependency(c.file, item.Line, KindConda, name, spec, dialectConda)
		if ok {
			d.Major = majorOf(version, dialectConda)
			c.deps = append(c.deps, d)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value != "pip" {
				continue
			}
			list := resolveAlias(item.Content[i+1])
			if list.Kind != yaml.SequenceNode {
				if !(list.Kind == yaml.ScalarNode && list.Tag == "!!null") {
					c.fail(list.Line, fmt.Errorf("pip is not a list"))
				}
				continue
			}
			for _, req := range list.Content {
				req = resolveAlias(req)
				if req.Kind != yaml.ScalarNode {
					c.fail(req.Line, fmt.Errorf("a pip entry is not a string"))
					continue
				}
				pip.line(c.file, req.Line, strings.TrimSpace(req.Value), 0)
			}
		}
	default:
		c.fail(item.Line, fmt.Errorf("a dependency is neither a package spec nor a pip list"))
	}
}

// parseCondaSpec splits a conda match spec such as `pytorch::pytorch>=2.0`,
// `tensorflow=2.12`, `jax 0.4.20 *cuda*`, `pytorch=2.0.1=py3.10_cuda11.7_0`
// or `numpy[version='>=1.20']` into the package name, the spec as written
// after the name, and the version part alone (build strings dropped) from
// which the major is read.
func parseCondaSpec(s string) (name, spec, version string) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "::"); i >= 0 {
		s = s[i+2:] // channel (and subdir) prefix
	}
	n := nameLength(s)
	if n == 0 || !validName(s[:n]) {
		return "", "", ""
	}
	name, rest := s[:n], strings.TrimSpace(s[n:])
	spec = rest
	switch {
	case strings.HasPrefix(rest, "["):
		version = bracketVersion(rest)
	case strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "=="):
		// name=version[=build]: "=" is conda's fuzzy match, version.*
		v, _, _ := strings.Cut(rest[1:], "=")
		version = "=" + v
	default:
		// "version [build]" or an operator spec; a build string follows a space.
		version, _, _ = strings.Cut(rest, " ")
		if fields := strings.Fields(rest); len(fields) > 1 && strings.Trim(fields[0], "<>=!~") == "" {
			version = fields[0] + fields[1] // ">= 2.0" written with a space
		}
	}
	return name, spec, version
}

// bracketVersion reads version='...' from conda's bracket syntax.
func bracketVersion(s string) string {
	i := strings.Index(s, "version=")
	if i < 0 {
		return ""
	}
	v := s[i+len("version="):]
	if v != "" && (v[0] == '\'' || v[0] == '"') {
		if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
			return v[1 : end+1]
		}
		return ""
	}
	if end := strings.IndexAny(v, ",]"); end >= 0 {
		v = v[:end]
	}
	return strings.TrimSpace(v)
}
