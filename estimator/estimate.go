// Package estimator turns a scan's Inventory into migration estimates along the
// paths of the guide (GUIDE.md): for each path that applies, engineer-months and a
// timeline as low–high ranges, a risk level raised by named blockers, the drivers
// of the cost and a per-folder breakdown; the total route to a target, chaining
// paths where needed; and the guide's recommendation with the evidence behind it.
//
// It knows the guide, not files: the numbers come from the paths table
// (estimator/paths), the effort model (model.yaml, effort.go) and the catalog's
// difficulty levels and tags for each finding's rule. Explain prints the whole
// arithmetic of one estimate.
package estimator

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// Path is one migration path of the guide's table.
type Path = paths.Path

// DefaultPaths returns the guide's four paths.
func DefaultPaths() []Path { return paths.Default() }

// LoadPaths returns the guide's paths with a user file's paths added or replacing
// them by id.
func LoadPaths(file string) ([]Path, error) { return paths.Load(file) }

// Options configure an estimate. The zero value uses the default model and paths
// and the embedded catalog.
type Options struct {
	// Model is the effort model; the zero Model means DefaultModel().
	Model Model
	// Paths are the migration paths; nil means DefaultPaths().
	Paths []Path
	// Team is the number of engineers; 0 means the model's team (whose 0 means the
	// guide's staffing for each path).
	Team float64
	// Target, when set, is where the route goes: pytorch, jax, keras3 or tf2.
	// Empty means the recommendation's target.
	Target string
	// Catalog gives each finding's rule its levels and tags; nil means the
	// embedded catalog.
	Catalog *catalog.Catalog
}

// Estimate costs the migration paths that apply to inv. It is linear in the
// number of findings (times the number of paths).
func Estimate(inv *scanner.Inventory, opts Options) (*Result, error) {
	if inv == nil {
		return nil, errors.New("estimate: no inventory")
	}
	m := opts.Model
	if m.isZero() {
		m = DefaultModel()
	} else if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("estimate: model: %w", err)
	}
	ps := opts.Paths
	if ps == nil {
		ps = DefaultPaths()
	}
	if err := checkPaths(ps); err != nil {
		return nil, fmt.Errorf("estimate: %w", err)
	}
	if opts.Target != "" && !contains(Targets, opts.Target) {
		return nil, fmt.Errorf("estimate: target %q is not one of %s", opts.Target, strings.Join(Targets, ", "))
	}
	if opts.Team != 0 && !(opts.Team >= minTeam && opts.Team <= maxTeam) {
		return nil, fmt.Errorf("estimate: team %g must be a number of engineers from 0.1 to 10000", opts.Team)
	}
	cat := opts.Catalog
	if cat == nil {
		var err error
		if cat, err = catalog.Default(); err != nil {
			return nil, fmt.Errorf("estimate: load catalog: %w", err)
		}
	}

	team := teamChoice{basis: "guide"}
	switch {
	case opts.Team > 0:
		team = teamChoice{size: opts.Team, basis: "option"}
	case m.Team > 0:
		team = teamChoice{size: m.Team, basis: "model"}
	}

	items := classify(inv, cat)
	parts := summariseParts(inv, items, ps)
	present := partsPresent(parts)

	res := &Result{
		HoursPerMonth: round2(m.HoursPerMonth),
		Parts:         parts,
		Paths:         []PathEstimate{},
		Warnings:      warnings(items, m, ps),
	}
	if team.size > 0 {
		size := round2(team.size)
		res.Team = &size
	}
	if res.Parts == nil {
		res.Parts = []Part{}
	}
	// Each path's tally reads every finding and writes only its own result: the
	// paths are costed at once, the recommendation's facts gathered meanwhile.
	estimates := make([]*PathEstimate, len(ps))
	var wg sync.WaitGroup
	for i := range ps {
		p := &ps[i]
		if !appliesTo(p, present) {
			continue
		}
		wg.Go(func() {
			t := tallyPath(p, items, m, func(it *item) (catalog.Level, bool) { return countsOn(p, it) })
			e := estimatePath(p, t, m, team)
			estimates[i] = &e
		})
	}
	// The routes are costed here meanwhile too: they read the findings and the
	// recommendation, never the paths' results.
	rec, scope := recommend(gatherFacts(items), m)
	res.Recommendation = rec
	r := &router{paths: ps, items: items, model: m, team: team}
	if rec.Target != "" {
		// The recommendation moves only the parts its rule concerns; a requested
		// target moves every part.
		recRoute := r.route(present, rec.Target, false, scope)
		res.Recommendation.Route = stepIDs(recRoute)
		res.Route = recRoute
	}
	if opts.Target != "" {
		res.Route = r.route(present, opts.Target, true, nil)
	}
	wg.Wait()
	for _, e := range estimates {
		if e != nil {
			res.Paths = append(res.Paths, *e)
		}
	}
	if len(res.Recommendation.Route) > 0 {
		res.Recommendation.Path = res.Recommendation.Route[0]
	}
	return res, nil
}

// appliesTo reports whether a path migrates one of the parts present.
func appliesTo(p *Path, present []string) bool {
	for _, part := range present {
		if p.HasSource(part) {
			return true
		}
	}
	return false
}

func stepIDs(r *Route) []string {
	ids := make([]string, 0, len(r.Steps))
	for _, s := range r.Steps {
		ids = append(ids, s.ID)
	}
	return ids
}

// checkPaths validates caller-built paths the way a file is validated.
func checkPaths(ps []Path) error {
	seen := map[string]bool{}
	for i := range ps {
		if err := paths.Validate(&ps[i]); err != nil {
			return err
		}
		if seen[ps[i].ID] {
			return fmt.Errorf("path %s is given twice", ps[i].ID)
		}
		seen[ps[i].ID] = true
	}
	return nil
}

// warnings say what the estimate had to leave out.
func warnings(items []item, m Model, ps []Path) []string {
	var out []string
	unknown := map[string]int{}
	for _, it := range items {
		if it.rule == nil {
			unknown[it.f.Rule]++
		}
	}
	if len(unknown) > 0 {
		n := 0
		for _, c := range unknown {
			n += c
		}
		ids := sortedKeys(unknown)
		out = append(out, fmt.Sprintf("%d %s of %d %s not in the catalog %s not costed: %s",
			n, plural(n, "finding", "findings"), len(ids), plural(len(ids), "rule", "rules"), plural(n, "was", "were"), strings.Join(ids, ", ")))
	}
	known := map[string]bool{}
	for _, p := range ps {
		known[p.ID] = true
	}
	for _, id := range sortedKeys(m.ReferenceHours) {
		if !known[id] {
			out = append(out, fmt.Sprintf("the model's reference_hours names path %s, which is not a known path", id))
		}
	}
	sort.Strings(out)
	return out
}
