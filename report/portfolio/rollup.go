package portfolio

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/frameshift/frameshift/estimator"
)

// rollUp fills every total of p from its rows and failures.
func rollUp(p *Portfolio) {
	hpm, hpmWarning := commonHoursPerMonth(p.Repositories)
	shared := applySharedRule(p.Repositories)
	for i := range p.Repositories {
		roundRow(&p.Repositories[i], hpm)
	}
	for i := range shared {
		shared[i].RemovedEngMonths = withText(shared[i].RemovedEngMonths, hpm, true)
		shared[i].RemovedRouteEngMonths = withText(shared[i].RemovedRouteEngMonths, hpm, true)
	}
	p.Summary = summarise(p)
	p.Frameworks = frameworkTotals(p.Repositories)
	p.Eras = eraTotals(p.Repositories)
	p.Estimate = Estimate{
		HoursPerMonth: hpm,
		Routes:        routeTotal(p.Repositories, hpm),
		Paths:         pathTotals(p.Repositories, hpm),
		Shared:        shared,
		Rule:          SharedRule,
	}
	p.Recommendations = recommendationCounts(p.Repositories)
	p.Ranking = ranking(p.Repositories)
	p.Warnings = warnings(p.Repositories, hpmWarning)
}

// roundRow rounds what the shared rule added to a row, never above the range it
// is part of.
func roundRow(r *Repository, hpm float64) {
	if r.Route != nil {
		r.Route.SharedEngMonths = withText(capRange(r.Route.SharedEngMonths, r.Route.EngMonths), hpm, true)
	}
	for i := range r.Paths {
		p := &r.Paths[i]
		p.SharedEngMonths = withText(capRange(p.SharedEngMonths, p.EngMonths), hpm, true)
	}
}

func capRange(r, limit Range) Range {
	return Range{Low: math.Min(r.Low, limit.Low), High: math.Min(r.High, limit.High)}
}

func summarise(p *Portfolio) Summary {
	s := Summary{Repositories: len(p.Repositories), Failed: len(p.Failures)}
	fws := map[string]bool{}
	for _, r := range p.Repositories {
		if r.Recommendation != nil {
			s.Estimated++
		}
		s.FilesScanned += r.FilesScanned
		s.Lines += r.Lines
		s.Findings += r.Findings
		for _, fw := range r.Frameworks {
			fws[fw.Name] = true
		}
	}
	s.Frameworks = len(fws)
	return s
}

func frameworkTotals(repos []Repository) []FrameworkTotal {
	by := map[string]*FrameworkTotal{}
	total := 0
	for _, r := range repos {
		for _, fw := range r.Frameworks {
			t := by[fw.Name]
			if t == nil {
				t = &FrameworkTotal{Name: fw.Name}
				by[fw.Name] = t
			}
			t.Repositories++
			t.Files += fw.Files
			t.Findings += fw.Findings
			t.Lines += fw.Lines
			total += fw.Findings
		}
	}
	out := make([]FrameworkTotal, 0, len(by))
	for _, t := range by {
		if total > 0 {
			t.Share = round4(float64(t.Findings) / float64(total))
		}
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func eraTotals(repos []Repository) []EraTotal {
	type key struct{ fw, era string }
	by := map[key]*EraTotal{}
	for _, r := range repos {
		for _, e := range r.Eras {
			k := key{e.Framework, e.Era}
			t := by[k]
			if t == nil {
				t = &EraTotal{Framework: e.Framework, Era: e.Era}
				by[k] = t
			}
			t.Repositories++
			t.Files += e.Files
			t.Findings += e.Findings
		}
	}
	out := make([]EraTotal, 0, len(by))
	for _, t := range by {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Framework != out[j].Framework {
			return out[i].Framework < out[j].Framework
		}
		return out[i].Era < out[j].Era
	})
	return out
}

// totaller adds repositories' ranges up, in row order.
type totaller struct {
	t                     Total
	sum, shared, par, seq Range
}

func (a *totaller) add(em, shared, timeline Range, risk Risk) {
	a.t.Repositories++
	a.sum = addRange(a.sum, em)
	a.shared = addRange(a.shared, shared)
	a.par = Range{Low: math.Max(a.par.Low, timeline.Low), High: math.Max(a.par.High, timeline.High)}
	a.seq = addRange(a.seq, timeline)
	if a.t.Risk == "" {
		a.t.Risk = risk
	} else {
		a.t.Risk = a.t.Risk.Max(risk)
	}
}

func (a *totaller) total(hpm float64) Total {
	t := a.t
	t.SumEngMonths = withText(a.sum, hpm, true)
	t.SharedEngMonths = withText(a.shared, hpm, true)
	t.EngMonths = withText(Range{Low: math.Max(a.sum.Low-a.shared.Low, 0), High: math.Max(a.sum.High-a.shared.High, 0)}, hpm, true)
	t.ParallelTimelineMonths = withText(a.par, hpm, false)
	t.SequentialTimelineMonths = withText(a.seq, hpm, false)
	return t
}

func routeTotal(repos []Repository, hpm float64) Total {
	var a totaller
	for _, r := range repos {
		if r.Route != nil {
			a.add(r.Route.EngMonths, r.Route.SharedEngMonths, r.Route.TimelineMonths, r.Route.Risk)
		}
	}
	return a.total(hpm)
}

// pathTotals totals each path, in the guide's order, then other paths by id.
func pathTotals(repos []Repository, hpm float64) []PathTotal {
	by := map[string]*totaller{}
	for _, r := range repos {
		for _, p := range r.Paths {
			a := by[p.ID]
			if a == nil {
				a = &totaller{}
				by[p.ID] = a
			}
			a.add(p.EngMonths, p.SharedEngMonths, p.TimelineMonths, p.Risk)
		}
	}
	order := map[string]int{}
	for i, p := range estimator.DefaultPaths() {
		order[p.ID] = i + 1
	}
	ids := make([]string, 0, len(by))
	for id := range by {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		oi, oj := order[ids[i]], order[ids[j]]
		if oi == 0 {
			oi = math.MaxInt
		}
		if oj == 0 {
			oj = math.MaxInt
		}
		if oi != oj {
			return oi < oj
		}
		return ids[i] < ids[j]
	})
	out := make([]PathTotal, 0, len(ids))
	for _, id := range ids {
		out = append(out, PathTotal{ID: id, Total: by[id].total(hpm)})
	}
	return out
}

func recommendationCounts(repos []Repository) []RecommendationCount {
	by := map[string]*RecommendationCount{}
	for _, r := range repos {
		if r.Recommendation == nil {
			continue
		}
		k := r.Recommendation.Target + "\x00" + strings.Join(r.Recommendation.Route, "\x00")
		c := by[k]
		if c == nil {
			c = &RecommendationCount{Target: r.Recommendation.Target, Route: nonNil(r.Recommendation.Route), Names: []string{}}
			by[k] = c
		}
		c.Repositories++
		c.Names = append(c.Names, r.Name)
	}
	out := make([]RecommendationCount, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Repositories != b.Repositories {
			return a.Repositories > b.Repositories
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return strings.Join(a.Route, " ") < strings.Join(b.Route, " ")
	})
	return out
}

// ranking orders the repositories with route effort, costliest first by the high
// bound, then the low bound, then name.
func ranking(repos []Repository) []Rank {
	var idx []int
	total := 0.0
	for i, r := range repos {
		if r.Route != nil && r.Route.EngMonths.High > 0 {
			idx = append(idx, i)
			total = finite(total + r.Route.EngMonths.High)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := repos[idx[a]].Route.EngMonths, repos[idx[b]].Route.EngMonths
		if x.High != y.High {
			return x.High > y.High
		}
		return x.Low > y.Low
	})
	out := make([]Rank, 0, len(idx))
	cum := 0.0
	for n, i := range idx {
		r := repos[i]
		share := r.Route.EngMonths.High / total
		cum += share
		out = append(out, Rank{
			Rank: n + 1, Name: r.Name, Target: r.Route.Target, EngMonths: r.Route.EngMonths,
			Share: round4(share), Cumulative: round4(math.Min(cum, 1)),
		})
	}
	return out
}

// commonHoursPerMonth is the hours-per-month most reports use (ties to the lower
// value), and a warning when they disagree.
func commonHoursPerMonth(repos []Repository) (float64, string) {
	counts := map[float64]int{}
	for _, r := range repos {
		if r.hoursPerMonth > 0 {
			counts[r.hoursPerMonth]++
		}
	}
	if len(counts) == 0 {
		return defaultHoursPerMonth, ""
	}
	values := make([]float64, 0, len(counts))
	for v := range counts {
		values = append(values, v)
	}
	sort.Float64s(values)
	best := values[0]
	for _, v := range values {
		if counts[v] > counts[best] {
			best = v
		}
	}
	if len(values) == 1 {
		return best, ""
	}
	texts := make([]string, 0, len(values))
	for _, v := range values {
		texts = append(texts, fmt.Sprintf("%g", v))
	}
	return best, fmt.Sprintf("reports use effort models with different hours per month (%s): totals add engineer-months as each report states them", strings.Join(texts, ", "))
}

func warnings(repos []Repository, hpmWarning string) []string {
	var out []string
	if hpmWarning != "" {
		out = append(out, hpmWarning)
	}
	var unestimated []string
	catalogs := map[string]bool{}
	for _, r := range repos {
		if r.Recommendation == nil {
			unestimated = append(unestimated, r.Name)
		}
		catalogs[r.Catalog] = true
	}
	if n := len(unestimated); n > 0 {
		out = append(out, fmt.Sprintf("%d %s no estimate (scanned with --no-estimate), so %s in no total: %s",
			n, plural(n, "repository has", "repositories have"), plural(n, "it is", "they are"), listSome(unestimated, 10)))
	}
	if len(catalogs) > 1 {
		out = append(out, fmt.Sprintf("reports were made with %d different rule catalogs, so their findings are not counted by the same rules", len(catalogs)))
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// listSome joins the first n names and says how many more there are.
func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}
