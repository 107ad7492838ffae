package estimator

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner/catalog"
)

//go:embed model.yaml
var embeddedModel []byte

// Model holds every number the estimate uses besides the guide's table: hours per
// difficulty level, the parity-validation cost of a model definition, blocker
// chunks, overhead, the growth rule, team size, floor and reference footprint.
// model.yaml is the default; a user file overrides any field.
type Model struct {
	// HoursPerMonth converts hours to engineer-months.
	HoursPerMonth float64 `yaml:"hours_per_month" json:"hours_per_month"`
	// Levels are the hours per use of a rule at each difficulty level.
	Levels LevelHours `yaml:"levels" json:"levels"`
	// ParityValidationHours is the cost of retraining and comparing one ported model
	// definition.
	ParityValidationHours float64 `yaml:"parity_validation_hours" json:"parity_validation_hours"`
	// Blockers are the chunk costs and risk steps of blocker tags.
	Blockers BlockerCosts `yaml:"blockers" json:"blockers"`
	// Overhead is the share added for testing, CI, review and coordination.
	Overhead float64 `yaml:"overhead" json:"overhead"`
	// GrowthExponent is the power applied to the ratio above the reference.
	GrowthExponent float64 `yaml:"growth_exponent" json:"growth_exponent"`
	// Team is the number of engineers; 0 follows the guide's staffing per path.
	Team float64 `yaml:"team" json:"team"`
	// FloorHours is the smallest effort of a path with any work.
	FloorHours float64 `yaml:"floor_hours" json:"floor_hours"`
	// ReferenceHours overrides, per path id, the effort hours of the typical
	// codebase; a path not listed uses its guide midpoint × HoursPerMonth.
	ReferenceHours map[string]float64 `yaml:"reference_hours" json:"reference_hours"`
	// Recommend holds the thresholds of the recommendation rules.
	Recommend RecommendSettings `yaml:"recommend" json:"recommend"`
}

// LevelHours maps each difficulty level but none to hours per use.
type LevelHours struct {
	Trivial        float64 `yaml:"trivial" json:"trivial"`
	Minor          float64 `yaml:"minor" json:"minor"`
	Complex        float64 `yaml:"complex" json:"complex"`
	Redesign       float64 `yaml:"redesign" json:"redesign"`
	Rearchitecture float64 `yaml:"rearchitecture" json:"rearchitecture"`
}

// Hours returns the hours per use at level l; none and unknown levels cost nothing.
func (h LevelHours) Hours(l catalog.Level) float64 {
	switch l {
	case catalog.LevelTrivial:
		return h.Trivial
	case catalog.LevelMinor:
		return h.Minor
	case catalog.LevelComplex:
		return h.Complex
	case catalog.LevelRedesign:
		return h.Redesign
	case catalog.LevelRearchitecture:
		return h.Rearchitecture
	}
	return 0
}

// BlockerCost is what one blocker tag costs where a path loses it.
type BlockerCost struct {
	// Hours is the fixed chunk per file that shows the tag.
	Hours float64 `yaml:"hours" json:"hours"`
	// RiskSteps is how many risk levels the blocker adds.
	RiskSteps int `yaml:"risk_steps" json:"risk_steps"`
}

// BlockerCosts has one entry per blocker tag; a struct rather than a map so that a
// user file can change one field of one tag and keep the rest.
type BlockerCosts struct {
	Edge       BlockerCost `yaml:"edge" json:"edge"`
	TFX        BlockerCost `yaml:"tfx" json:"tfx"`
	TPU        BlockerCost `yaml:"tpu" json:"tpu"`
	CustomOp   BlockerCost `yaml:"custom-op" json:"custom-op"`
	Serving    BlockerCost `yaml:"serving" json:"serving"`
	Simulation BlockerCost `yaml:"simulation" json:"simulation"`
}

// For returns the cost of a blocker tag, and false for a tag that is not one.
func (b BlockerCosts) For(tag string) (BlockerCost, bool) {
	switch tag {
	case "edge":
		return b.Edge, true
	case "tfx":
		return b.TFX, true
	case "tpu":
		return b.TPU, true
	case "custom-op":
		return b.CustomOp, true
	case "serving":
		return b.Serving, true
	case "simulation":
		return b.Simulation, true
	}
	return BlockerCost{}, false
}

// RecommendSettings are the thresholds of the recommendation rules.
type RecommendSettings struct {
	// HeavyKerasShare is the share of Keras findings in TF 2.x code from which
	// Keras use counts as heavy (guide rule 3).
	HeavyKerasShare float64 `yaml:"heavy_keras_share" json:"heavy_keras_share"`
}

var (
	defaultModelOnce sync.Once
	defaultModel     Model
	defaultModelErr  error
)

// DefaultModel returns the embedded model. The package tests validate it, so a
// failure here is a broken build and panics.
func DefaultModel() Model {
	defaultModelOnce.Do(func() {
		defaultModelErr = decodeModel("embedded model.yaml", embeddedModel, &defaultModel)
	})
	if defaultModelErr != nil {
		panic(defaultModelErr)
	}
	return defaultModel.clone()
}

// LoadModel reads a model file over the defaults: fields the file leaves out keep
// their default values. An unknown or invalid field is an error naming it.
func LoadModel(file string) (Model, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return Model{}, fmt.Errorf("read model file %s: %w", file, err)
	}
	m := DefaultModel()
	if err := decodeModel("model file "+file, data, &m); err != nil {
		return Model{}, err
	}
	return m, nil
}

func decodeModel(name string, data []byte, m *Model) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(doc.Content) == 0 {
		// An empty file changes nothing.
		return m.Validate()
	}
	if err := checkSchema(doc.Content[0], modelType, ""); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := m.Validate(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Upper bounds that keep every product finite: an hour count beyond them is a typo,
// not a model.
const (
	maxHours      = 10000
	maxReference  = 1e7
	maxTeam       = 10000
	minTeam       = 0.1
	hoursInAMonth = 744
)

// Validate checks every field and returns an error naming the first bad one.
func (m Model) Validate() error {
	inRange := func(field string, v, low, high float64, lowOpen bool, what string) error {
		ok := v >= low && v <= high
		if lowOpen {
			ok = v > low && v <= high
		}
		if !ok {
			return fmt.Errorf("%s: must be %s", field, what)
		}
		return nil
	}
	atMost := func(field string, v float64) error {
		if v > maxHours {
			return fmt.Errorf("%s: must be at most %d hours", field, maxHours)
		}
		return nil
	}
	positive := func(field string, v float64) error {
		if !(v > 0) {
			return fmt.Errorf("%s: must be a positive number of hours", field)
		}
		return atMost(field, v)
	}
	nonNegative := func(field string, v float64) error {
		if !(v >= 0) {
			return fmt.Errorf("%s: must be zero or a positive number of hours", field)
		}
		return atMost(field, v)
	}
	if err := inRange("hours_per_month", m.HoursPerMonth, 1, hoursInAMonth, false, "a positive number of hours, from 1 to 744"); err != nil {
		return err
	}
	levels := []struct {
		name string
		v    float64
	}{
		{"trivial", m.Levels.Trivial}, {"minor", m.Levels.Minor}, {"complex", m.Levels.Complex},
		{"redesign", m.Levels.Redesign}, {"rearchitecture", m.Levels.Rearchitecture},
	}
	for i, l := range levels {
		if err := positive("levels."+l.name, l.v); err != nil {
			return err
		}
		// A harder level costing less would make the scale meaningless.
		if i > 0 && l.v < levels[i-1].v {
			return fmt.Errorf("levels.%s: must be at least levels.%s (%g hours)", l.name, levels[i-1].name, levels[i-1].v)
		}
	}
	if err := nonNegative("parity_validation_hours", m.ParityValidationHours); err != nil {
		return err
	}
	for _, tag := range paths.BlockerTags {
		b, _ := m.Blockers.For(tag)
		if err := nonNegative("blockers."+tag+".hours", b.Hours); err != nil {
			return err
		}
		if b.RiskSteps < 0 || b.RiskSteps >= len(paths.Risks) {
			return fmt.Errorf("blockers.%s.risk_steps: must be a whole number from 0 to %d", tag, len(paths.Risks)-1)
		}
	}
	if err := inRange("overhead", m.Overhead, 0, 10, false, "a share from 0 to 10 (0.25 means 25%)"); err != nil {
		return err
	}
	if err := inRange("growth_exponent", m.GrowthExponent, 1, 2, false, "from 1 (linear) to 2"); err != nil {
		return err
	}
	if m.Team != 0 {
		if err := inRange("team", m.Team, minTeam, maxTeam, false, "0 (the guide's staffing) or a number of engineers from 0.1 to 10000"); err != nil {
			return err
		}
	}
	if err := nonNegative("floor_hours", m.FloorHours); err != nil {
		return err
	}
	for _, id := range sortedKeys(m.ReferenceHours) {
		if !paths.ValidID(id) {
			return fmt.Errorf("reference_hours.%s: is not a path id like tf1-to-tf2", id)
		}
		if err := inRange("reference_hours."+id, m.ReferenceHours[id], 1, maxReference, false, "a number of hours from 1 to 10000000"); err != nil {
			return err
		}
	}
	if err := inRange("recommend.heavy_keras_share", m.Recommend.HeavyKerasShare, 0, 1, true, "a share above 0 and at most 1"); err != nil {
		return err
	}
	return nil
}

// ReferenceFor returns the reference effort hours of a path and how they were set.
func (m Model) ReferenceFor(p *paths.Path) (hours float64, basis string) {
	if h, ok := m.ReferenceHours[p.ID]; ok {
		return h, "model reference_hours." + p.ID
	}
	mid := p.EngMonths.Mid()
	return mid * m.HoursPerMonth, fmt.Sprintf("guide midpoint %s eng-months × %s h", num(mid), num(m.HoursPerMonth))
}

func (m Model) clone() Model {
	c := m
	c.ReferenceHours = make(map[string]float64, len(m.ReferenceHours))
	for k, v := range m.ReferenceHours {
		c.ReferenceHours[k] = v
	}
	return c
}

// isZero reports whether m was left unset by the caller: every valid model has
// positive hours per month.
func (m Model) isZero() bool { return m.HoursPerMonth == 0 }
