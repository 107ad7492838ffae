package portfolio

import (
	"math"
	"sort"
)

// SharedRule states how the portfolio adds up estimates and which costs it counts
// once. The effort model (estimator/model.yaml) has no notion of a cost shared
// between codebases, so this is the portfolio layer's own rule, kept as small as
// the estimator's data allows.
const SharedRule = "Engineer-months are added up over the repositories as each report states them. " +
	"The effort model prices most work per repository: each use of an API, the parity validation of each model definition, " +
	"the overhead for testing, CI and review, and the growth rule, which prices each codebase as a whole. " +
	"Its blocker chunks are fixed work per file that shows a blocker tag (a custom-op library, a TFX pipeline component, " +
	"an edge, serving or TPU stack). When the same file, known by its findings' fingerprints and its lines of code, " +
	"shows the same blocker on the same path in several repositories, it is one component vendored or copied, migrated once: " +
	"the portfolio keeps its chunk in the first repository by name and removes it from the others, " +
	"each time by the chunk's share of that repository's engineer-months (chunk hours over work hours), " +
	"the share the estimator itself gives it. Timelines are not reduced: the parallel timeline is the longest repository's, " +
	"the sequential one the sum of all."

// sharedKey groups identical chunks across repositories.
type sharedKey struct {
	route          bool
	path, tag, sig string
}

type occurrence struct {
	repo int
	c    *chunk
}

// applySharedRule finds the chunks that several repositories share, books each
// removal on the repository's path or route (SharedEngMonths), and lists them.
// repos must be sorted by name: the first repository keeps the chunk.
func applySharedRule(repos []Repository) []SharedChunk {
	groups := map[sharedKey][]occurrence{}
	for i := range repos {
		for j := range repos[i].chunks {
			c := &repos[i].chunks[j]
			if c.signature == "" {
				continue
			}
			k := sharedKey{c.route, c.path, c.tag, c.signature}
			groups[k] = append(groups[k], occurrence{i, c})
		}
	}
	keys := make([]sharedKey, 0, len(groups))
	for k, occs := range groups {
		if occs[0].repo != occs[len(occs)-1].repo {
			keys = append(keys, k)
		}
	}
	// Sorted, so that the float sums below add in the same order every time.
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.path != b.path {
			return a.path < b.path
		}
		if a.tag != b.tag {
			return a.tag < b.tag
		}
		if a.sig != b.sig {
			return a.sig < b.sig
		}
		return !a.route && b.route
	})
	type listKey struct{ path, tag, sig string }
	listed := map[listKey]*SharedChunk{}
	var order []listKey
	for _, k := range keys {
		occs := groups[k]
		lk := listKey{k.path, k.tag, k.sig}
		sc := listed[lk]
		if sc == nil {
			sc = &SharedChunk{Path: k.path, Tag: k.tag, Signature: k.sig, ChunkHours: occs[0].c.hours}
			listed[lk] = sc
			order = append(order, lk)
		}
		first := occs[0].repo
		for _, o := range occs {
			if o.repo == first {
				continue
			}
			r := &repos[o.repo]
			if k.route {
				r.Route.SharedEngMonths = addRange(r.Route.SharedEngMonths, o.c.engMonths)
				sc.RemovedRouteEngMonths = addRange(sc.RemovedRouteEngMonths, o.c.engMonths)
				continue
			}
			for pi := range r.Paths {
				if r.Paths[pi].ID == k.path {
					r.Paths[pi].SharedEngMonths = addRange(r.Paths[pi].SharedEngMonths, o.c.engMonths)
				}
			}
			sc.RemovedEngMonths = addRange(sc.RemovedEngMonths, o.c.engMonths)
		}
		sc.Files = mergeFiles(sc.Files, repos, occs)
	}
	out := make([]SharedChunk, 0, len(order))
	for _, lk := range order {
		out = append(out, *listed[lk])
	}
	return out
}

// mergeFiles adds "repository: file" for each occurrence, in repository order
// (the one that keeps the chunk first), without repeats.
func mergeFiles(files []string, repos []Repository, occs []occurrence) []string {
	seen := map[string]bool{}
	for _, f := range files {
		seen[f] = true
	}
	sorted := append([]occurrence(nil), occs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].repo != sorted[j].repo {
			return sorted[i].repo < sorted[j].repo
		}
		return sorted[i].c.file < sorted[j].c.file
	})
	for _, o := range sorted {
		f := repos[o.repo].Name + ": " + o.c.file
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	return files
}

func addRange(a, b Range) Range {
	return Range{Low: finite(a.Low + b.Low), High: finite(a.High + b.High)}
}

// finite keeps an absurd report (numbers near the float limit) from turning a
// total into Inf, which JSON cannot carry.
func finite(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return math.MaxFloat64
	}
	return x
}
