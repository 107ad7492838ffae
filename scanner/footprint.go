package scanner

import (
	"context"
	"sort"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/source"
)

// Footprint scans src as Scan does and returns only the inventory's summary,
// which is the same value as Scan's inventory's Summary. It is for callers that
// scan many versions of one tree (history): a file served from the cache has its
// findings counted by framework, era and category instead of copied out, and the
// repository-wide detectors and the summary work on those counts, so the cost of
// a scan whose files are all cached grows with the files, not their findings.
func Footprint(ctx context.Context, src source.Source, opts Options) (*Summary, error) {
	cat, err := catalogOf(opts)
	if err != nil {
		return nil, err
	}
	results, walkSkips, err := collect(ctx, src, opts, cat, true)
	if err != nil {
		return nil, err
	}
	s := summarizeCounted(results, walkSkips, cat)
	return &s, nil
}

// summarizeCounted is assemble followed by Summarize, on counts: the same
// results in the same order, the same detectors, the same totals.
func summarizeCounted(results []*fileResult, walkSkips []Skipped, cat *catalog.Catalog) Summary {
	sort.Slice(results, func(i, j int) bool { return results[i].path < results[j].path })
	skipped := len(walkSkips)
	var files []FileReport
	var deps []Dependency
	var classes []classDef
	var b summaryBuilder
	for _, r := range results {
		skipped += len(r.problems)
		if r.skip != nil {
			skipped++
			continue
		}
		if r.report != nil {
			files = append(files, *r.report)
		}
		if r.counted {
			for _, c := range r.counts {
				b.add(r.path, c.framework, c.era, c.category, c.n)
			}
		} else {
			for i := range r.findings {
				f := &r.findings[i]
				b.add(r.path, f.Framework, f.Era, f.Category, 1)
			}
		}
		deps = append(deps, r.deps...)
		classes = append(classes, r.classes...)
	}
	deps = dedupeDependencies(deps)
	for _, d := range inventoryDetectors {
		d.refineCounts(&b, deps, classes, cat)
	}
	return b.finish(files, skipped)
}
