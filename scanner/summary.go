package scanner

import (
	"math"
	"slices"
	"sort"
)

// Summarize recomputes the per-file counts and the summary from the findings, the
// one source of truth. Call it again after anything filters or adds findings.
func Summarize(inv *Inventory) {
	var b summaryBuilder
	for i := range inv.Findings {
		f := &inv.Findings[i]
		b.add(f.File, f.Framework, f.Era, f.Category, 1)
	}
	inv.Summary = b.finish(inv.Files, len(inv.Skipped))
}

// findingCount is how many findings of one file share a framework, era and
// category: all that the summary and the Keras era detector read of a finding.
type findingCount struct {
	framework, era, category string
	n                        int
}

// fileCounts gathers one file's findings by framework, era and category.
type fileCounts struct {
	file   string
	counts []findingCount
}

func (fc *fileCounts) add(framework, era, category string, n int) {
	// A file has a handful of combinations, and findings of one kind come in runs.
	for i := len(fc.counts) - 1; i >= 0; i-- {
		c := &fc.counts[i]
		if c.framework == framework && c.era == era && c.category == category {
			c.n += n
			return
		}
	}
	fc.counts = append(fc.counts, findingCount{framework: framework, era: era, category: category, n: n})
}

// summaryBuilder adds up findings file by file, then totals them. Counting per
// file first keeps the work per finding to a comparison or two: findings come
// grouped by file.
type summaryBuilder struct {
	files  []*fileCounts
	byFile map[string]*fileCounts
	last   *fileCounts
}

func (b *summaryBuilder) add(file, framework, era, category string, n int) {
	fc := b.last
	if fc == nil || fc.file != file {
		if b.byFile == nil {
			b.byFile = map[string]*fileCounts{}
		}
		if fc = b.byFile[file]; fc == nil {
			fc = &fileCounts{file: file}
			b.byFile[file] = fc
			b.files = append(b.files, fc)
		}
		b.last = fc
	}
	fc.add(framework, era, category, n)
}

// finish computes the summary and sets each file report's own counts. skipped is
// the number of skipped files and folders.
func (b *summaryBuilder) finish(files []FileReport, skipped int) Summary {
	type eraKey struct{ fw, era string }
	linesOf := make(map[string]int, len(files))
	for i := range files {
		linesOf[files[i].Path] = files[i].Lines
	}
	total := 0
	fwFindings, fwFiles, fwLines := map[string]int{}, map[string]int{}, map[string]int{}
	eraFindings, eraFiles := map[eraKey]int{}, map[eraKey]int{}
	catFindings := map[string]int{}
	frameworksOf := make(map[string][]string, len(b.files))
	var eras []eraKey
	for _, fc := range b.files {
		var fws []string
		eras = eras[:0]
		for _, c := range fc.counts {
			total += c.n
			fwFindings[c.framework] += c.n
			eraFindings[eraKey{c.framework, c.era}] += c.n
			catFindings[c.category] += c.n
			if !slices.Contains(fws, c.framework) {
				fws = append(fws, c.framework)
			}
			if k := (eraKey{c.framework, c.era}); !slices.Contains(eras, k) {
				eras = append(eras, k)
			}
		}
		for _, fw := range fws {
			fwFiles[fw]++
			fwLines[fw] += linesOf[fc.file]
		}
		for _, k := range eras {
			eraFiles[k]++
		}
		sort.Strings(fws)
		frameworksOf[fc.file] = fws
	}

	s := Summary{
		FilesScanned: len(files),
		FilesSkipped: skipped,
		Findings:     total,
		Frameworks:   []FrameworkSummary{},
		Eras:         []EraSummary{},
		Categories:   []CategorySummary{},
	}
	for i := range files {
		fr := &files[i]
		s.Lines += fr.Lines
		if fr.ErrorNodes > 0 {
			s.FilesWithErrors++
		}
		if fc := b.byFile[fr.Path]; fc != nil {
			fr.Findings = 0
			for _, c := range fc.counts {
				fr.Findings += c.n
			}
			fr.Frameworks = frameworksOf[fr.Path]
			s.FilesWithFindings++
		} else {
			fr.Findings = 0
			fr.Frameworks = nil
		}
	}
	for fw, n := range fwFindings {
		s.Frameworks = append(s.Frameworks, FrameworkSummary{
			Name: fw, Files: fwFiles[fw], Findings: n, Lines: fwLines[fw],
			Share: round4(float64(n) / float64(total)),
		})
	}
	sort.Slice(s.Frameworks, func(i, j int) bool { return s.Frameworks[i].Name < s.Frameworks[j].Name })
	for k, n := range eraFindings {
		s.Eras = append(s.Eras, EraSummary{Framework: k.fw, Name: k.era, Files: eraFiles[k], Findings: n})
	}
	sort.Slice(s.Eras, func(i, j int) bool {
		if s.Eras[i].Framework != s.Eras[j].Framework {
			return s.Eras[i].Framework < s.Eras[j].Framework
		}
		return s.Eras[i].Name < s.Eras[j].Name
	})
	for c, n := range catFindings {
		s.Categories = append(s.Categories, CategorySummary{Name: c, Findings: n})
	}
	sort.Slice(s.Categories, func(i, j int) bool { return s.Categories[i].Name < s.Categories[j].Name })
	return s
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
