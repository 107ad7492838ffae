// Package manifest reads the files where Python projects declare dependencies and
// reports the framework packages among them with their version spec and major
// version. Nothing is ever executed: setup.py is read from its syntax tree.
package manifest

// Dependency is one framework package declared in a manifest.
type Dependency struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
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
