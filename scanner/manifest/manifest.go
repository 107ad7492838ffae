// Package manifest reads the files where Python projects declare dependencies and
// reports the framework packages among them with their version spec and major
// version. Nothing is ever executed: setup.py is read from its syntax tree.
package manifest

import (
	"fmt"
	"sort"
)

// Dependency is one framework package declared in a manifest.
type Dependency struct {
	// File is the slash path, relative to the scanned root, of the file that
	// declares the package (an included file for -r/-c includes).
	File string `json:"file"`
	// Line is the 1-based line where the package is declared.
	Line int `json:"line"`
	// Package is the PEP 503-normalised distribution name (tensorflow-gpu).
	Package string `json:"package"`
	// Spec is the version constraint as written (e.g. ">=2.12,<2.16"), empty if none.
	Spec      string `json:"spec"`
	Framework string `json:"framework"`
	// Major is the major version the spec pins or starts from, or null when the spec
	// does not say.
	Major *int `json:"major"`
	// Manifest is the kind of file: requirements, pyproject, setup.py, setup.cfg,
	// pipfile, pipfile.lock, poetry.lock, uv.lock, conda.
	Manifest string `json:"manifest"`
	// Group is the optional-dependency group, Poetry group or Pipfile section, if any.
	Group  string   `json:"group,omitempty"`
	Extras []string `json:"extras,omitempty"`
	Marker string   `json:"marker,omitempty"`
}

// Parse reads one manifest and returns its framework dependencies, sorted by
// file and line. path is the slash path relative to the scanned root (used in
// Dependency.File and to resolve includes); read loads another file by
// root-relative slash path (for `-r`/`-c` includes in requirements files; may be
// nil). Dependencies found through an include carry the included file's path and
// line. Includes are followed at most 10 deep and never twice (cycles); an
// include that cannot be read, or that points outside the tree, is skipped, and
// a bad line inside an included file does not make the including file an error.
//
// A malformed file returns an error naming it; a file that is well formed but
// has no framework dependency returns nil, nil. When the file as a whole could
// be read but one entry is bad (a requirement line, a pyproject string, a
// setup.py with a syntax error elsewhere), the other entries' dependencies are
// returned next to the error, so that one bad line does not hide the rest.
//
// Package is the PEP 503-normalised name (tensorflow_gpu becomes tensorflow-gpu)
// so that the same package compares equal across manifests.
func Parse(path string, data []byte, read func(path string) ([]byte, error)) ([]Dependency, error) {
	var deps []Dependency
	var err error
	switch Kind(path) {
	case KindRequirements:
		deps, err = parseRequirements(path, data, read)
	case KindPyproject:
		deps, err = parsePyproject(path, data)
	case KindSetupPy:
		deps, err = parseSetupPy(path, data)
	case KindSetupCfg:
		deps, err = parseSetupCfg(path, data)
	case KindPipfile:
		deps, err = parsePipfile(path, data)
	case KindPipfileLock:
		deps, err = parsePipfileLock(path, data)
	case KindPoetryLock:
		deps, err = parsePoetryLock(path, data)
	case KindUVLock:
		deps, err = parseUVLock(path, data)
	case KindConda:
		deps, err = parseConda(path, data, read)
	default:
		return nil, fmt.Errorf("read manifest %s: the file name is not a known manifest", path)
	}
	if len(deps) == 0 {
		return nil, err
	}
	sort.SliceStable(deps, func(i, j int) bool {
		if deps[i].File != deps[j].File {
			return deps[i].File < deps[j].File
		}
		return deps[i].Line < deps[j].Line
	})
	return deps, err
}

// newDependency builds the Dependency for a declared package, or reports false
// when the package is not a framework one.
func newDependency(file string, line int, kind, name, spec string, d dialect) (Dependency, bool) {
	fw := Classify(name)
	if fw == "" {
		return Dependency{}, false
	}
	return Dependency{
		File:      file,
		Line:      line,
		Package:   normalizeName(name),
		Spec:      spec,
		Framework: fw,
		Major:     majorOf(spec, d),
		Manifest:  kind,
	}, true
}
