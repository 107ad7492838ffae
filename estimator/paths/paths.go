// Package paths holds the migration paths of the guide (GUIDE.md's table) as embedded
// data: for each path, the timeline and engineer-month ranges and the risk that the
// guide gives for a typical production migration, plus what code the path migrates.
// The data is decoded strictly and validated on load; a user file adds paths or
// replaces them by id.
package paths

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed paths.yaml
var embedded []byte

// Range is a low–high interval. Text, when set, renders it for people in sensible
// units; it is empty in the path table itself.
type Range struct {
	Low  float64 `yaml:"low" json:"low"`
	High float64 `yaml:"high" json:"high"`
	Text string  `yaml:"-" json:"text,omitempty"`
}

// Mid is the midpoint of the range.
func (r Range) Mid() float64 { return (r.Low + r.High) / 2 }

// Path is one migration path: the guide's row plus what code it migrates.
type Path struct {
	ID string `yaml:"id" json:"id"`
	// From and To are the guide's labels, e.g. "TF 1.x" and "TF 2.x / Keras 3".
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to" json:"to"`
	// Sources are the parts of a codebase the path applies to (see Parts).
	Sources []string `yaml:"sources" json:"sources"`
	// Target is the part the code belongs to after the migration; it chains paths.
	Target string `yaml:"target" json:"target"`
	// Frameworks are the frameworks whose findings count on the path.
	Frameworks []string `yaml:"frameworks" json:"frameworks"`
	// Eras, when set, restrict counted findings to these eras, except for rules that
	// set a level for this path explicitly.
	Eras []string `yaml:"eras,omitempty" json:"eras,omitempty"`
	// Blockers are the rule tags this path loses or must redo.
	Blockers       []string `yaml:"blockers,omitempty" json:"blockers,omitempty"`
	TimelineMonths Range    `yaml:"timeline_months" json:"timeline_months"`
	EngMonths      Range    `yaml:"eng_months" json:"eng_months"`
	Risk           Risk     `yaml:"risk" json:"risk"`
}

// HasBlocker reports whether tag is a blocker on the path.
func (p *Path) HasBlocker(tag string) bool { return contains(p.Blockers, tag) }

// HasSource reports whether the path applies to the given part.
func (p *Path) HasSource(part string) bool { return contains(p.Sources, part) }

type file struct {
	Paths []Path `yaml:"paths"`
}

var (
	defaultOnce  sync.Once
	defaultPaths []Path
	defaultErr   error
)

// Default returns the guide's paths. The embedded data is validated by the package
// tests, so an error here is a broken build, not bad input: it panics.
func Default() []Path {
	defaultOnce.Do(func() {
		defaultPaths, defaultErr = decode("embedded paths.yaml", embedded)
	})
	if defaultErr != nil {
		panic(defaultErr)
	}
	return clonePaths(defaultPaths)
}

// Load returns the guide's paths extended by a user file of the same shape: a path
// whose id exists replaces it, a new id is appended. The result is validated as a
// whole.
func Load(name string) ([]Path, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read paths file %s: %w", name, err)
	}
	user, err := decode("paths file "+name, data)
	if err != nil {
		return nil, err
	}
	return Merge(Default(), user), nil
}

// Merge returns base with each of extra either replacing the path of the same id
// or appended, in extra's order.
func Merge(base, extra []Path) []Path {
	out := clonePaths(base)
	for _, p := range extra {
		replaced := false
		for i := range out {
			if out[i].ID == p.ID {
				out[i] = p
				replaced = true
				break
			}
		}
		if !replaced {
			out = append(out, p)
		}
	}
	return out
}

func decode(name string, data []byte) ([]Path, error) {
	var f file
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no paths", name)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(f.Paths) == 0 {
		return nil, fmt.Errorf("%s: no paths", name)
	}
	seen := map[string]bool{}
	for i := range f.Paths {
		p := &f.Paths[i]
		if err := Validate(p); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("%s: path %s is defined twice", name, p.ID)
		}
		seen[p.ID] = true
	}
	return f.Paths, nil
}

func clonePaths(in []Path) []Path {
	out := make([]Path, len(in))
	for i, p := range in {
		p.Sources = append([]string(nil), p.Sources...)
		p.Frameworks = append([]string(nil), p.Frameworks...)
		p.Eras = append([]string(nil), p.Eras...)
		p.Blockers = append([]string(nil), p.Blockers...)
		out[i] = p
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
