package scanner

import (
	"math"
	"sort"
)

// Summarize recomputes the per-file counts and the summary from the findings, the
// one source of truth. Call it again after anything filters or adds findings.
func Summarize(inv *Inventory) {
	type fileAgg struct {
		findings   int
		frameworks map[string]bool
	}
	perFile := map[string]*fileAgg{}
	type eraKey struct{ fw, era string }
	fwFindings := map[string]int{}
	fwFiles := map[string]map[string]bool{}
	eraFindings := map[eraKey]int{}
	eraFiles := map[eraKey]map[string]bool{}
	catFindings := map[string]int{}
	for _, f := range inv.Findings {
		a := perFile[f.File]
		if a == nil {
			a = &fileAgg{frameworks: map[string]bool{}}
			perFile[f.File] = a
		}
		a.findings++
		a.frameworks[f.Framework] = true
		fwFindings[f.Framework]++
		addTo(fwFiles, f.Framework, f.File)
		k := eraKey{f.Framework, f.Era}
		eraFindings[k]++
		if eraFiles[k] == nil {
			eraFiles[k] = map[string]bool{}
		}
		eraFiles[k][f.File] = true
		catFindings[f.Category]++
	}

	s := Summary{
		FilesScanned: len(inv.Files),
		FilesSkipped: len(inv.Skipped),
		Findings:     len(inv.Findings),
		Frameworks:   []FrameworkSummary{},
		Eras:         []EraSummary{},
		Categories:   []CategorySummary{},
	}
	linesOf := map[string]int{}
	for i := range inv.Files {
		fr := &inv.Files[i]
		linesOf[fr.Path] = fr.Lines
		s.Lines += fr.Lines
		if fr.ErrorNodes > 0 {
			s.FilesWithErrors++
		}
		if a := perFile[fr.Path]; a != nil {
			fr.Findings = a.findings
			fr.Frameworks = sortedKeys(a.frameworks)
			s.FilesWithFindings++
		} else {
			fr.Findings = 0
			fr.Frameworks = nil
		}
	}
	for fw, n := range fwFindings {
		lines := 0
		for file := range fwFiles[fw] {
			lines += linesOf[file]
		}
		s.Frameworks = append(s.Frameworks, FrameworkSummary{
			Name: fw, Files: len(fwFiles[fw]), Findings: n, Lines: lines,
			Share: round4(float64(n) / float64(len(inv.Findings))),
		})
	}
	sort.Slice(s.Frameworks, func(i, j int) bool { return s.Frameworks[i].Name < s.Frameworks[j].Name })
	for k, n := range eraFindings {
		s.Eras = append(s.Eras, EraSummary{Framework: k.fw, Name: k.era, Files: len(eraFiles[k]), Findings: n})
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
	inv.Summary = s
}

func addTo(m map[string]map[string]bool, key, val string) {
	if m[key] == nil {
		m[key] = map[string]bool{}
	}
	m[key][val] = true
}

func round4(x float64) float64 { return math.Round(x*10000) / 10000 }
