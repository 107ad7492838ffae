package estimator

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// Targets are the values Options.Target accepts.
var Targets = []string{"pytorch", "jax", "keras3", "tf2"}

// targetLabels name the targets for people.
var targetLabels = map[string]string{
	"pytorch": "PyTorch",
	"jax":     "JAX",
	"keras3":  "Keras 3",
	"tf2":     "TF 2.x",
}

// kerasBackends are the KERAS_BACKEND values that put Keras 3 on a target.
var kerasBackends = map[string]string{
	"pytorch": "torch",
	"jax":     "jax",
	"tf2":     "tensorflow",
}

// router costs routes to a target: which paths each part takes, and what each
// step costs over the code routed through it.
type router struct {
	paths []paths.Path
	items []item
	model Model
	team  teamChoice
}

// via finds the shortest chain of paths from a part to the target, breadth first,
// trying paths in their table order so that ties resolve the same way every time.
// It returns nil and a note when the part needs no path or no chain exists.
func (r *router) via(part, target string) ([]int, string) {
	switch {
	case part == target:
		return nil, "already on " + targetLabels[target]
	case part == "keras2" && target == "tf2":
		return nil, "standalone Keras 2 already runs on TF 2.x"
	}
	type node struct {
		state string
		steps []int
	}
	seen := map[string]bool{part: true}
	queue := []node{{state: part}}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for i := range r.paths {
			p := &r.paths[i]
			if !p.HasSource(n.state) || seen[p.Target] {
				continue
			}
			steps := append(append([]int(nil), n.steps...), i)
			if p.Target == target {
				return steps, ""
			}
			seen[p.Target] = true
			queue = append(queue, node{state: p.Target, steps: steps})
		}
	}
	if part == "keras3" {
		if b, ok := kerasBackends[target]; ok {
			return nil, fmt.Sprintf("Keras 3 runs on %s with KERAS_BACKEND=%s; not costed", targetLabels[target], b)
		}
	}
	return nil, fmt.Sprintf("the guide has no path from %s to %s; not costed", partLabels[part], targetLabels[target])
}

// plan is a route before costing: each part's chain of path indices.
type plan struct {
	parts []string
	via   map[string][]int
	notes map[string]string
}

// plan routes each part present to the target; a part outside scope (when scope
// is not nil) stays where it is.
func (r *router) plan(present []string, target string, scope []string) plan {
	pl := plan{parts: present, via: map[string][]int{}, notes: map[string]string{}}
	for _, part := range present {
		if scope != nil && !contains(scope, part) && part != target {
			pl.notes[part] = "stays: the recommendation does not concern " + partLabels[part]
			continue
		}
		pl.via[part], pl.notes[part] = r.via(part, target)
	}
	return pl
}

// costed is a plan with its steps estimated and summed.
type costed struct {
	steps     []PathEstimate
	parts     []PartRoute
	engMonths Range
	timeline  Range
	risk      Risk
}

// cost estimates each step over the parts routed through it. Steps run one after
// another, so their engineer-months and timelines add up; the route's risk is its
// riskiest step's.
func (r *router) cost(pl plan) costed {
	// A step's position is the latest it takes in any part's chain, so that every
	// step comes after the ones that feed it.
	pos := map[int]int{}
	routed := map[int]map[string]bool{}
	for _, part := range pl.parts {
		for k, idx := range pl.via[part] {
			if at, ok := pos[idx]; !ok || k > at {
				pos[idx] = k
			}
			if routed[idx] == nil {
				routed[idx] = map[string]bool{}
			}
			routed[idx][part] = true
		}
	}
	order := make([]int, 0, len(routed))
	for idx := range routed {
		order = append(order, idx)
	}
	sort.Slice(order, func(i, j int) bool {
		if pos[order[i]] != pos[order[j]] {
			return pos[order[i]] < pos[order[j]]
		}
		return order[i] < order[j]
	})
	// Each step's tally only reads the findings: the steps are costed at once,
	// then added up in order.
	ests := make([]PathEstimate, len(order))
	var wg sync.WaitGroup
	for k, idx := range order {
		p := &r.paths[idx]
		parts := routed[idx]
		wg.Go(func() {
			t := tallyPath(p, r.items, r.model, func(it *item) (catalog.Level, bool) { return countsOnStep(p, it, parts) })
			ests[k] = estimatePath(p, t, r.model, r.team)
		})
	}
	wg.Wait()
	var c costed
	var em, tl Range
	for _, est := range ests {
		c.steps = append(c.steps, est)
		em.Low += est.EngMonths.Low
		em.High += est.EngMonths.High
		tl.Low += est.TimelineMonths.Low
		tl.High += est.TimelineMonths.High
		c.risk = c.risk.Max(est.Risk)
	}
	c.engMonths = r.model.rangeOut(em, true)
	c.timeline = r.model.rangeOut(tl, false)
	for _, part := range pl.parts {
		pr := PartRoute{Part: part, Via: []string{}, Note: pl.notes[part]}
		for _, idx := range pl.via[part] {
			pr.Via = append(pr.Via, r.paths[idx].ID)
		}
		c.parts = append(c.parts, pr)
	}
	if c.steps == nil {
		c.steps = []PathEstimate{}
	}
	return c
}

// route costs the way to target for the parts present (those in scope, when
// scope is not nil), with its alternatives.
func (r *router) route(present []string, target string, requested bool, scope []string) *Route {
	pl := r.plan(present, target, scope)
	c := r.cost(pl)
	rt := &Route{
		Target:         target,
		Requested:      requested,
		Steps:          c.steps,
		Parts:          c.parts,
		EngMonths:      c.engMonths,
		TimelineMonths: c.timeline,
		Risk:           c.risk,
		Alternatives:   []Alternative{},
	}
	if alt, ok := r.kerasBridge(pl, target, c); ok {
		rt.Alternatives = append(rt.Alternatives, alt)
	}
	if alt, ok := r.direct(pl, target, c); ok {
		rt.Alternatives = append(rt.Alternatives, alt)
	}
	return rt
}

// tfParts are the parts that Keras 3 can carry to another backend.
var tfParts = map[string]bool{"tf1": true, "tf2": true, "keras2": true}

// kerasBridge is the guide's rule 3 as an alternative: TensorFlow and Keras code
// moved to Keras 3, then run on the target's backend, instead of rewritten.
func (r *router) kerasBridge(pl plan, target string, main costed) (Alternative, bool) {
	backend, ok := kerasBackends[target]
	if !ok || target == "tf2" {
		return Alternative{}, false
	}
	alt := plan{parts: pl.parts, via: map[string][]int{}, notes: map[string]string{}}
	changed := false
	for _, part := range pl.parts {
		alt.via[part], alt.notes[part] = pl.via[part], pl.notes[part]
		if !tfParts[part] || len(pl.via[part]) == 0 {
			continue
		}
		if v, _ := r.via(part, "keras3"); len(v) > 0 {
			alt.via[part] = v
			alt.notes[part] = "then KERAS_BACKEND=" + backend
			changed = true
		}
	}
	if !changed {
		return Alternative{}, false
	}
	c := r.cost(alt)
	a := r.alternative("keras3-bridge", c, main)
	a.Text = fmt.Sprintf("Move the TensorFlow and Keras code to Keras 3 and run it with KERAS_BACKEND=%s: %s (%s risk) against %s (%s risk) for the route. The guide calls this the lowest-risk way into the %s ecosystem (rule 3); the code stays Keras on the %s backend rather than native %s.",
		backend, c.engMonths.Text, c.risk, main.engMonths.Text, main.risk, targetLabels[target], targetLabels[target], targetLabels[target])
	return a, true
}

// direct is the route without its intermediate steps: code that the route chains
// through several paths is rewritten once, by the last one. The guide prices no
// direct path, so it is an alternative, offered only when the last step's rules
// do rate that code.
func (r *router) direct(pl plan, target string, main costed) (Alternative, bool) {
	alt := plan{parts: pl.parts, via: map[string][]int{}, notes: map[string]string{}}
	var chained []string
	for _, part := range pl.parts {
		v := pl.via[part]
		alt.via[part], alt.notes[part] = v, pl.notes[part]
		if len(v) < 2 {
			continue
		}
		last := v[len(v)-1]
		p := &r.paths[last]
		rated := false
		for i := range r.items {
			if r.items[i].part != part {
				continue
			}
			if _, ok := countsOnStep(p, &r.items[i], map[string]bool{part: true}); ok {
				rated = true
				break
			}
		}
		if !rated {
			continue
		}
		alt.via[part] = []int{last}
		alt.notes[part] = "rewritten directly"
		chained = append(chained, partLabels[part])
	}
	if len(chained) == 0 {
		return Alternative{}, false
	}
	c := r.cost(alt)
	a := r.alternative("direct", c, main)
	a.Text = fmt.Sprintf("Rewrite the %s straight to %s, skipping the intermediate step: %s against %s for the chained route, since each piece is ported once. The guide prices no direct path: this applies the last step's row to code the catalog rates on it.",
		strings.Join(chained, " and "), targetLabels[target], c.engMonths.Text, main.engMonths.Text)
	return a, true
}

func (r *router) alternative(name string, c costed, main costed) Alternative {
	return Alternative{
		Name:           name,
		Parts:          c.parts,
		EngMonths:      c.engMonths,
		TimelineMonths: c.timeline,
		Risk:           c.risk,
		Cheaper:        c.engMonths.High < main.engMonths.High,
	}
}
