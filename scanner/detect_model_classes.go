package scanner

import (
	"sort"
	"strings"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// modelSubclassDetector finds model definitions that inherit from a framework base
// through a local class: `class Encoder(BaseModel)` where `class BaseModel(nn.Module)`
// lives in the same file or another one. Each such class is a model definition to
// port and validate, just like a direct subclass, so it gets a finding of the same
// rule. Classes are matched by name across the files that were analysed (files the
// prefilter passed, which is every file that imports a framework).
type modelSubclassDetector struct{}

type modelParent struct {
	rule   *catalog.Rule
	symbol string
}

func (modelSubclassDetector) refine(inv *Inventory, classes []classDef, cat *catalog.Catalog) {
	inv.Findings = append(inv.Findings, indirectModelFindings(classes, cat)...)
}

func (modelSubclassDetector) refineCounts(b *summaryBuilder, _ []Dependency, classes []classDef, cat *catalog.Catalog) {
	for _, f := range indirectModelFindings(classes, cat) {
		b.add(f.File, f.Framework, f.Era, f.Category, 1)
	}
}

// indirectModelFindings returns a finding for each class that inherits a model
// base through local classes, sorted.
func indirectModelFindings(classes []classDef, cat *catalog.Catalog) []Finding {
	models := map[string]modelParent{}
	direct := make([]bool, len(classes))
	for i, c := range classes {
		for _, b := range c.bases {
			r, _ := cat.Match(b, KindBase, func(string) bool { return true })
			if r != nil && r.HasTag("model") {
				if _, dup := models[c.name]; !dup {
					models[c.name] = modelParent{rule: r, symbol: b}
				}
				direct[i] = true
				break
			}
		}
	}
	if len(models) == 0 {
		return nil
	}
	found := make([]bool, len(classes))
	var added []Finding
	perFile := map[string]*fingerprinter{}
	// Each round adds at least one class or stops, so len(classes) rounds suffice.
	for round := 0; round < len(classes); round++ {
		progress := false
		for i, c := range classes {
			if direct[i] || found[i] {
				continue
			}
			for _, b := range c.bases {
				local := b
				if dot := strings.LastIndexByte(b, '.'); dot >= 0 {
					local = b[dot+1:]
				}
				parent, ok := models[local]
				if !ok || local == c.name {
					continue
				}
				found[i] = true
				progress = true
				if _, dup := models[c.name]; !dup {
					models[c.name] = parent
				}
				fp := perFile[c.file]
				if fp == nil {
					fp = newFingerprinter()
					perFile[c.file] = fp
				}
				r := parent.rule
				added = append(added, Finding{
					Rule: r.ID, Framework: r.Framework, Era: r.Era, Category: r.Category,
					Symbol: parent.symbol, Kind: KindBase, File: c.file, Line: c.line, Column: c.column,
					Cell:        c.cell,
					Fingerprint: fp.next(r.ID+"/indirect", parent.symbol, KindBase, c.text),
				})
				break
			}
		}
		if !progress {
			break
		}
	}
	sort.SliceStable(added, func(i, j int) bool { return findingLess(&added[i], &added[j]) })
	return added
}
