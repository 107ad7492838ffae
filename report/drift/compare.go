package drift

import (
	"github.com/frameshift/frameshift/estimator"
	"math"
	"sort"

	"github.com/frameshift/frameshift/scanner"
)

// Compare returns what changed between two inventories of the same codebase.
func Compare(old, cur *scanner.Inventory) *Result {
	p := matchFindings(old.Findings, cur.Findings)
	r := &Result{
		Old:     side(old),
		New:     side(cur),
		Added:   []scanner.Finding{},
		Removed: []scanner.Finding{},
	}
	for i, f := range cur.Findings {
		j := p.oldOf[i]
		if j < 0 {
			r.Added = append(r.Added, f)
			continue
		}
		if o := old.Findings[j]; o.File == f.File && o.Line == f.Line {
			r.Unchanged++
		} else {
			r.Moved++
		}
	}
	for j, f := range old.Findings {
		if p.newOf[j] < 0 {
			r.Removed = append(r.Removed, f)
		}
	}
	r.Added = sortedFindings(r.Added)
	r.Removed = sortedFindings(r.Removed)

	r.Frameworks = deltas(old.Findings, cur.Findings, r.Added, r.Removed, func(f *scanner.Finding) string { return f.Framework })
	r.Eras = deltas(old.Findings, cur.Findings, r.Added, r.Removed, func(f *scanner.Finding) string { return f.Framework + "/" + f.Era })
	r.Rules = deltas(old.Findings, cur.Findings, r.Added, r.Removed, func(f *scanner.Finding) string { return f.Rule })
	r.Files = deltas(old.Findings, cur.Findings, r.Added, r.Removed, func(f *scanner.Finding) string { return f.File })
	r.Shares = shares(old, cur)
	return r
}

func side(inv *scanner.Inventory) Side {
	return Side{
		Input: inv.Source.Input, Ref: inv.Source.Ref, Commit: inv.Source.Commit,
		Findings: len(inv.Findings), Files: inv.Summary.FilesWithFindings,
	}
}

// deltas counts findings per key on each side and keeps the keys that changed.
func deltas(old, cur, added, removed []scanner.Finding, key func(*scanner.Finding) string) []Delta {
	rows := map[string]*Delta{}
	get := func(k string) *Delta {
		d := rows[k]
		if d == nil {
			d = &Delta{Key: k}
			rows[k] = d
		}
		return d
	}
	for i := range old {
		get(key(&old[i])).Old++
	}
	for i := range cur {
		get(key(&cur[i])).New++
	}
	for i := range added {
		get(key(&added[i])).Added++
	}
	for i := range removed {
		get(key(&removed[i])).Removed++
	}
	out := []Delta{}
	for _, d := range rows {
		if d.Old != d.New || d.Added > 0 || d.Removed > 0 {
			out = append(out, *d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func shares(old, cur *scanner.Inventory) []Share {
	frac := func(inv *scanner.Inventory) map[string]float64 {
		m := map[string]float64{}
		if len(inv.Findings) == 0 {
			return m
		}
		for _, f := range inv.Findings {
			m[f.Framework]++
		}
		for k, v := range m {
			m[k] = math.Round(v/float64(len(inv.Findings))*10000) / 10000
		}
		return m
	}
	o, n := frac(old), frac(cur)
	keys := map[string]bool{}
	for k := range o {
		keys[k] = true
	}
	for k := range n {
		keys[k] = true
	}
	out := []Share{}
	for k := range keys {
		out = append(out, Share{Framework: k, Old: o[k], New: n[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Framework < out[j].Framework })
	return out
}

// CompareEstimates pairs the path estimates of two reports by path id.
func CompareEstimates(old, cur *estimator.Result) []EstimateDelta {
	rows := map[string]*EstimateDelta{}
	get := func(id string) *EstimateDelta {
		if rows[id] == nil {
			rows[id] = &EstimateDelta{Path: id}
		}
		return rows[id]
	}
	if old != nil {
		for _, p := range old.Paths {
			d := get(p.ID)
			d.OldEngMonths = &Range{Low: p.EngMonths.Low, High: p.EngMonths.High}
			d.OldTimeline = &Range{Low: p.TimelineMonths.Low, High: p.TimelineMonths.High}
			d.OldRisk = string(p.Risk)
		}
	}
	if cur != nil {
		for _, p := range cur.Paths {
			d := get(p.ID)
			d.NewEngMonths = &Range{Low: p.EngMonths.Low, High: p.EngMonths.High}
			d.NewTimeline = &Range{Low: p.TimelineMonths.Low, High: p.TimelineMonths.High}
			d.NewRisk = string(p.Risk)
		}
	}
	out := make([]EstimateDelta, 0, len(rows))
	for _, d := range rows {
		out = append(out, *d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
