package catalog

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed rules/*.yaml
var embedded embed.FS

// Catalog is a validated, indexed set of rules. It is immutable once built and safe
// for concurrent use.
type Catalog struct {
	rules    []*Rule
	byID     map[string]*Rule
	bySymbol map[string][]*Rule
	byMethod map[string][]*Rule
	byArg    map[string][]argEntry
	renamed  map[string]string
	digest   string
}

// argEntry is one watched argument with the rule that watches it.
type argEntry struct {
	rule *Rule
	arg  Argument
}

func argKey(symbol, keyword string) string { return symbol + "\x00" + keyword }

// ruleFile is the YAML shape of one rules file.
type ruleFile struct {
	// Framework is the default framework of the file's rules.
	Framework string `yaml:"framework"`
	Rules     []Rule `yaml:"rules"`
	// Disable lists rule ids to remove; only meaningful in a user's override file.
	Disable []string `yaml:"disable"`
}

var (
	defaultOnce sync.Once
	defaultCat  *Catalog
	defaultErr  error
)

// Default returns the embedded catalog. It is parsed and validated once.
func Default() (*Catalog, error) {
	defaultOnce.Do(func() {
		files, err := embeddedFiles()
		if err != nil {
			defaultErr = err
			return
		}
		defaultCat, defaultErr = build(files, nil)
	})
	return defaultCat, defaultErr
}

// Load returns the embedded catalog extended by user rule files: a rule whose id
// exists replaces it, a new id is added, and `disable:` removes ids.
func Load(userFiles ...string) (*Catalog, error) {
	if len(userFiles) == 0 {
		return Default()
	}
	files, err := embeddedFiles()
	if err != nil {
		return nil, err
	}
	user, err := readUserFiles(userFiles)
	if err != nil {
		return nil, err
	}
	return build(files, user)
}

type namedFile struct {
	name string
	data []byte
}

func embeddedFiles() ([]namedFile, error) {
	names, err := fs.Glob(embedded, "rules/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	files := make([]namedFile, 0, len(names))
	for _, n := range names {
		data, err := embedded.ReadFile(n)
		if err != nil {
			return nil, err
		}
		files = append(files, namedFile{name: n, data: data})
	}
	return files, nil
}

func decodeFile(f namedFile) (ruleFile, error) {
	var rf ruleFile
	dec := yaml.NewDecoder(bytes.NewReader(f.data))
	dec.KnownFields(true)
	if err := dec.Decode(&rf); err != nil && !errors.Is(err, io.EOF) {
		return rf, fmt.Errorf("rules file %s: %w", f.name, err)
	}
	for i := range rf.Rules {
		if rf.Rules[i].Framework == "" {
			rf.Rules[i].Framework = rf.Framework
		}
	}
	return rf, nil
}

func build(base, user []namedFile) (*Catalog, error) {
	baseRF, err := decodeAll(base)
	if err != nil {
		return nil, err
	}
	userRF, err := decodeAll(user)
	if err != nil {
		return nil, err
	}
	return assemble(baseRF, userRF, "")
}

// decodedFile is a rules file read from its YAML, before validation.
type decodedFile struct {
	Name string
	File ruleFile
}

func decodeAll(files []namedFile) ([]decodedFile, error) {
	out := make([]decodedFile, 0, len(files))
	for _, f := range files {
		rf, err := decodeFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, decodedFile{Name: f.name, File: rf})
	}
	return out, nil
}

// assemble validates decoded rule files and indexes their rules. digest, when
// known (a compiled copy carries it), saves hashing the rules again.
func assemble(base, user []decodedFile, digest string) (*Catalog, error) {
	byID := map[string]*Rule{}
	var order []string
	for fi := range base {
		f := &base[fi]
		rf := &f.File
		if len(rf.Disable) > 0 {
			return nil, fmt.Errorf("rules file %s: disable is only allowed in override files", f.Name)
		}
		for i := range rf.Rules {
			r := &rf.Rules[i]
			if err := validate(r, true); err != nil {
				return nil, fmt.Errorf("rules file %s: %w", f.Name, err)
			}
			if _, dup := byID[r.ID]; dup {
				return nil, fmt.Errorf("rules file %s: rule %s is defined twice", f.Name, r.ID)
			}
			byID[r.ID] = r
			order = append(order, r.ID)
		}
	}
	for fi := range user {
		f := &user[fi]
		rf := &f.File
		for _, id := range rf.Disable {
			if _, ok := byID[id]; !ok {
				return nil, fmt.Errorf("rules file %s: disable names unknown rule %s", f.Name, id)
			}
			delete(byID, id)
		}
		for i := range rf.Rules {
			r := &rf.Rules[i]
			if err := validate(r, false); err != nil {
				return nil, fmt.Errorf("rules file %s: %w", f.Name, err)
			}
			if _, ok := byID[r.ID]; !ok {
				order = append(order, r.ID)
			}
			byID[r.ID] = r
		}
	}
	c := &Catalog{
		byID:     map[string]*Rule{},
		bySymbol: map[string][]*Rule{},
		byMethod: map[string][]*Rule{},
		byArg:    map[string][]argEntry{},
		renamed:  map[string]string{},
	}
	seen := map[string]bool{}
	for _, id := range order {
		r, ok := byID[id]
		if !ok || seen[id] {
			continue
		}
		seen[id] = true
		c.rules = append(c.rules, r)
		c.byID[id] = r
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	for _, r := range c.rules {
		for _, s := range r.Symbols {
			if err := c.index(s, r); err != nil {
				return nil, err
			}
		}
		for _, rn := range r.Renames {
			if err := c.index(rn.Symbol, r); err != nil {
				return nil, err
			}
			c.renamed[rn.Symbol] = rn.To
		}
		for _, a := range r.Arguments {
			k := argKey(a.Symbol, a.Keyword)
			for _, other := range c.byArg[k] {
				if other.arg.Value == a.Value {
					return nil, fmt.Errorf("rules %s and %s both watch argument %q of %s", other.rule.ID, r.ID, a.Keyword, a.Symbol)
				}
			}
			c.byArg[k] = append(c.byArg[k], argEntry{rule: r, arg: a})
		}
		for _, m := range r.Methods {
			for _, other := range c.byMethod[m] {
				if overlaps(other.Requires, r.Requires) {
					return nil, fmt.Errorf("rules %s and %s both watch method %s in files of the same framework", other.ID, r.ID, m)
				}
			}
			c.byMethod[m] = append(c.byMethod[m], r)
		}
	}
	if digest == "" {
		var err error
		if digest, err = rulesDigest(c.rules); err != nil {
			return nil, err
		}
	}
	c.digest = digest
	return c, nil
}

// rulesDigest hashes the rules' meaning, not their files' bytes: comments and
// layout do not change it.
func rulesDigest(rules []*Rule) (string, error) {
	sum := sha256.New()
	enc := json.NewEncoder(sum)
	for _, r := range rules {
		if err := enc.Encode(r); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// index registers a symbol prefix, refusing two rules that would both claim the same
// symbol for the same kind of use: the catalog must never be ambiguous.
func (c *Catalog) index(symbol string, r *Rule) error {
	for _, other := range c.bySymbol[symbol] {
		if other == r {
			return fmt.Errorf("rule %s lists symbol %s twice", r.ID, symbol)
		}
		if kindsOverlap(other.Kinds, r.Kinds) {
			return fmt.Errorf("rules %s and %s both claim symbol %s", other.ID, r.ID, symbol)
		}
	}
	c.bySymbol[symbol] = append(c.bySymbol[symbol], r)
	return nil
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func kindsOverlap(a, b []Kind) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Rules returns every rule, sorted by id.
func (c *Catalog) Rules() []*Rule { return c.rules }

// Rule returns the rule with the given id, or nil.
func (c *Catalog) Rule(id string) *Rule { return c.byID[id] }

// Digest identifies the rule set: it changes whenever any rule does.
func (c *Catalog) Digest() string { return c.digest }

// Match returns the rule for a resolved symbol used in the given way, choosing the
// longest matching prefix, and the documented replacement when the symbol was
// renamed. uses reports whether the file uses a framework, for rules that require one.
func (c *Catalog) Match(symbol string, kind Kind, uses func(framework string) bool) (*Rule, string) {
	s := symbol
	for {
		for _, r := range c.bySymbol[s] {
			if r.acceptsKind(kind) && requiresMet(r, uses) {
				return r, c.renamed[s]
			}
		}
		i := strings.LastIndexByte(s, '.')
		if i < 0 {
			return nil, ""
		}
		s = s[:i]
	}
}

// ArgMatch is a watched argument found in a call.
type ArgMatch struct {
	Rule     *Rule
	Argument Argument
}

// MatchArgs returns the watched arguments among a call's, each matched by the
// longest prefix of the called symbol that watches it. keyword is "" for the first
// positional argument; value is its literal value, or "".
func (c *Catalog) MatchArgs(symbol, keyword, value string, uses func(string) bool) (ArgMatch, bool) {
	if len(c.byArg) == 0 {
		return ArgMatch{}, false
	}
	s := symbol
	for {
		for _, e := range c.byArg[argKey(s, keyword)] {
			if (e.arg.Value == "" || e.arg.Value == value) && requiresMet(e.rule, uses) {
				return ArgMatch{Rule: e.rule, Argument: e.arg}, true
			}
		}
		i := strings.LastIndexByte(s, '.')
		if i < 0 {
			return ArgMatch{}, false
		}
		s = s[:i]
	}
}

// MatchMethod returns the rule for a method called on an unresolved receiver.
func (c *Catalog) MatchMethod(name string, uses func(framework string) bool) *Rule {
	for _, r := range c.byMethod[name] {
		if requiresMet(r, uses) {
			return r
		}
	}
	return nil
}

// Methods returns the method names that rules watch, sorted.
func (c *Catalog) Methods() []string {
	out := make([]string, 0, len(c.byMethod))
	for m := range c.byMethod {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// Roots returns the top-level module names that a rule's symbols start with,
// sorted: a file that mentions none of them cannot produce a symbol finding. Roots
// whose rules all require a framework are left out (numpy.random rules need a torch
// or jax import, whose root is in the list), so that every NumPy file does not pass.
func (c *Catalog) Roots() []string {
	set := map[string]bool{}
	for s, rules := range c.bySymbol {
		root, _, _ := strings.Cut(s, ".")
		for _, r := range rules {
			if len(r.Requires) == 0 {
				set[root] = true
				break
			}
		}
	}
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

func requiresMet(r *Rule, uses func(string) bool) bool {
	if len(r.Requires) == 0 {
		return true
	}
	if uses == nil {
		return false
	}
	for _, fw := range r.Requires {
		if uses(fw) {
			return true
		}
	}
	return false
}

// FrameworkOf returns the framework a top-level module belongs to, judged by the
// catalog's rules for that module, or "" when no rule names it.
func (c *Catalog) FrameworkOf(module string) string {
	if rules := c.bySymbol[module]; len(rules) > 0 {
		return rules[0].Framework
	}
	return ""
}
