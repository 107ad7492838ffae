// Package catalog holds frameshift's knowledge of the frameworks: rules that map
// alias-resolved symbols (tensorflow.compat.v1.Session) to a framework, an era, a
// category and a difficulty per migration path. It knows frameworks, not syntax:
// the Python analyzer resolves names, the catalog says what they mean.
package catalog

// Kind is the syntactic form of a use of a symbol.
type Kind string

// The kinds of use the analyzer reports.
const (
	KindImport    Kind = "import"
	KindCall      Kind = "call"
	KindDecorator Kind = "decorator"
	KindBase      Kind = "base"
	KindAttribute Kind = "attribute"
	// KindMethod is a call of a method whose receiver is not an imported name
	// (x.add_(), loss.backward()): only the method's name is known.
	KindMethod Kind = "method"
	// KindConfig is a setting outside Python syntax, such as KERAS_BACKEND.
	KindConfig Kind = "config"
)

var validKinds = map[Kind]bool{
	KindImport: true, KindCall: true, KindDecorator: true, KindBase: true,
	KindAttribute: true, KindMethod: true, KindConfig: true,
}

// Level is a graded difficulty, in the spirit of story points: the effort model maps
// each level to hours, so rules never carry free-form numbers.
type Level string

// The difficulty levels, from nothing to do to rethinking the architecture.
const (
	LevelNone           Level = "none"
	LevelTrivial        Level = "trivial"
	LevelMinor          Level = "minor"
	LevelComplex        Level = "complex"
	LevelRedesign       Level = "redesign"
	LevelRearchitecture Level = "rearchitecture"
)

// Levels lists the levels from easiest to hardest.
var Levels = []Level{LevelNone, LevelTrivial, LevelMinor, LevelComplex, LevelRedesign, LevelRearchitecture}

// Frameworks are the framework names of the report contract.
var Frameworks = []string{"tensorflow", "keras", "pytorch", "jax"}

// Targets are the frameworks a hint can point to.
var Targets = []string{"tf2", "keras3", "pytorch", "jax"}

// Rule maps symbols to what they mean for a migration.
type Rule struct {
	ID        string `yaml:"id" json:"id"`
	Framework string `yaml:"framework,omitempty" json:"framework"`
	Era       string `yaml:"era" json:"era"`
	Category  string `yaml:"category" json:"category"`
	// Symbols are dotted prefixes matched at name boundaries: tensorflow.Session
	// matches tensorflow.Session and tensorflow.Session.run, not tensorflow.SessionRunHook.
	Symbols []string `yaml:"symbols,omitempty" json:"symbols,omitempty"`
	// Renames are symbols with a documented replacement (or "no equivalent").
	Renames []Rename `yaml:"renames,omitempty" json:"renames,omitempty"`
	// Arguments are call arguments whose meaning changed while the function's
	// name did not: tf.reduce_sum(keep_dims=...), from_pretrained(from_tf=True).
	Arguments []Argument `yaml:"arguments,omitempty" json:"arguments,omitempty"`
	// Methods are method names matched on any receiver, in files that use one of
	// Requires: x.add_() cannot be resolved, but in a torch file it is an in-place op.
	Methods []string `yaml:"methods,omitempty" json:"methods,omitempty"`
	// Kinds restricts the rule to some kinds of use; empty means any.
	Kinds []Kind `yaml:"kinds,omitempty" json:"kinds,omitempty"`
	// Requires lists frameworks of which the file must use at least one.
	Requires []string `yaml:"requires,omitempty" json:"requires,omitempty"`
	// Level is the difficulty on paths that leave this rule's framework; Levels
	// overrides it per migration path id.
	Level  Level            `yaml:"level" json:"level"`
	Levels map[string]Level `yaml:"levels,omitempty" json:"levels,omitempty"`
	// Tags mark facts the estimator weighs beyond difficulty: edge, tfx, tpu,
	// custom-op, serving, simulation, model.
	Tags    []string          `yaml:"tags,omitempty" json:"tags,omitempty"`
	Summary string            `yaml:"summary" json:"summary"`
	Hints   map[string]string `yaml:"hints,omitempty" json:"hints,omitempty"`
	// Examples are snippets the test suite runs through the analyzer: each positive
	// one must produce a finding of this rule, each negative one must not.
	Examples Examples `yaml:"examples" json:"examples"`
}

// Rename is a symbol with what replaces it.
type Rename struct {
	Symbol string `yaml:"symbol" json:"symbol"`
	To     string `yaml:"to" json:"to"`
}

// Argument is a call argument a rule watches. Symbol is a dotted prefix of the
// called function, as for symbols. Keyword names the keyword argument; empty means
// the first positional argument. Value, when set, must equal the argument's literal
// value (a string's content, or True, 3...).
type Argument struct {
	Symbol  string `yaml:"symbol" json:"symbol"`
	Keyword string `yaml:"keyword,omitempty" json:"keyword,omitempty"`
	Value   string `yaml:"value,omitempty" json:"value,omitempty"`
	To      string `yaml:"to" json:"to"`
}

// Examples are code snippets that prove a rule.
type Examples struct {
	Positive []string `yaml:"positive" json:"positive"`
	Negative []string `yaml:"negative" json:"negative"`
}

// LevelFor returns the rule's difficulty on a migration path.
func (r *Rule) LevelFor(path string) Level {
	if l, ok := r.Levels[path]; ok {
		return l
	}
	return r.Level
}

// HasTag reports whether the rule carries tag.
func (r *Rule) HasTag(tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

func (r *Rule) acceptsKind(k Kind) bool {
	if len(r.Kinds) == 0 {
		return true
	}
	for _, allowed := range r.Kinds {
		if allowed == k {
			return true
		}
	}
	return false
}
