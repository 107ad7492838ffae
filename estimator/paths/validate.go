package paths

import (
	"fmt"
	"math"
	"regexp"
	"strings"
)

var (
	// Ids are lowercase words joined by dashes or dots: tf1-to-tf2, acme.jax-to-pytorch.
	idPattern   = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)
	wordPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// Parts are the kinds of code a codebase is split into for choosing paths: TF 1.x
// code, TF 2.x code (tf.keras included), standalone Keras 2, Keras 3, PyTorch, JAX.
var Parts = []string{"tf1", "tf2", "keras2", "keras3", "pytorch", "jax"}

// Frameworks are the framework names of the report contract.
var Frameworks = []string{"tensorflow", "keras", "pytorch", "jax"}

// BlockerTags are the rule tags that can block a path.
var BlockerTags = []string{"edge", "tfx", "tpu", "custom-op", "serving", "simulation"}

// Validate checks one path and returns an error naming the path and the field.
func Validate(p *Path) error {
	if !idPattern.MatchString(p.ID) {
		return fmt.Errorf("path id %q must be lowercase words joined by dashes or dots, like tf1-to-tf2", p.ID)
	}
	fail := func(field, format string, args ...any) error {
		return fmt.Errorf("path %s: %s: %s", p.ID, field, fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(p.From) == "" {
		return fail("from", "must name the framework the path leaves")
	}
	if strings.TrimSpace(p.To) == "" {
		return fail("to", "must name the framework the path reaches")
	}
	if len(p.Sources) == 0 {
		return fail("sources", "must list at least one of %v", Parts)
	}
	for _, s := range p.Sources {
		if !contains(Parts, s) {
			return fail("sources", "%q is not one of %v", s, Parts)
		}
	}
	if !contains(Parts, p.Target) {
		return fail("target", "%q is not one of %v", p.Target, Parts)
	}
	if contains(p.Sources, p.Target) {
		return fail("target", "%s is also a source: a path must lead somewhere else", p.Target)
	}
	if len(p.Frameworks) == 0 {
		return fail("frameworks", "must list at least one of %v", Frameworks)
	}
	for _, f := range p.Frameworks {
		if !contains(Frameworks, f) {
			return fail("frameworks", "%q is not one of %v", f, Frameworks)
		}
	}
	for _, e := range p.Eras {
		if !wordPattern.MatchString(e) {
			return fail("eras", "%q is not a lowercase era name", e)
		}
	}
	for _, b := range p.Blockers {
		if !contains(BlockerTags, b) {
			return fail("blockers", "%q is not one of %v", b, BlockerTags)
		}
	}
	if err := validateRange(p.TimelineMonths); err != nil {
		return fail("timeline_months", "%v", err)
	}
	if err := validateRange(p.EngMonths); err != nil {
		return fail("eng_months", "%v", err)
	}
	if err := p.Risk.validate(); err != nil {
		return fail("risk", "%v", err)
	}
	return nil
}

func validateRange(r Range) error {
	if !(r.Low > 0) {
		return fmt.Errorf("low must be a positive number of months")
	}
	if !(r.High > 0) {
		return fmt.Errorf("high must be a positive number of months")
	}
	if math.IsInf(r.Low, 0) || math.IsInf(r.High, 0) {
		return fmt.Errorf("low and high must be finite")
	}
	if r.Low > r.High {
		return fmt.Errorf("low %g is greater than high %g", r.Low, r.High)
	}
	return nil
}

// ValidID reports whether id is a well-formed path id.
func ValidID(id string) bool { return idPattern.MatchString(id) }
