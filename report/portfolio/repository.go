package portfolio

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/scanner"
)

// chunk is one blocker chunk a repository's estimate charges: the fixed work on one
// file that shows a blocker tag, on one path or route step.
type chunk struct {
	// route is true for a step of the repository's route, false for one of its
	// paths: the two totals are kept apart.
	route bool
	path  string
	tag   string
	file  string
	// signature identifies the file's content: see fileSignatures.
	signature string
	hours     float64
	// engMonths is the chunk's part of the path's engineer-months, in proportion to
	// its hours, as the estimator splits a path's cost among folders and parts.
	engMonths Range
}

// newRepository rolls one report up into a portfolio row. The inventory is read
// once and not kept.
func newRepository(doc *report.Document) (Repository, error) {
	if doc == nil || doc.Inventory == nil {
		return Repository{}, errors.New("the report holds no inventory")
	}
	inv := doc.Inventory
	s := inv.Summary
	r := Repository{
		Name:         Key(inv.Source.Input, inv.Source.Ref),
		Input:        NormalizeInput(inv.Source.Input),
		Ref:          strings.TrimSpace(inv.Source.Ref),
		Kind:         inv.Source.Kind,
		Commit:       inv.Source.Commit,
		Catalog:      inv.Tool.Catalog,
		FilesScanned: s.FilesScanned,
		FilesSkipped: s.FilesSkipped,
		Lines:        s.Lines,
		Findings:     s.Findings,
		Frameworks:   []FrameworkUse{},
		Eras:         []EraUse{},
		Paths:        []PathEstimate{},
	}
	if r.Input == "" {
		return Repository{}, errors.New("the report does not say which repository it scanned (source.input is empty)")
	}
	for _, fw := range s.Frameworks {
		r.Frameworks = append(r.Frameworks, FrameworkUse{Name: fw.Name, Files: fw.Files, Findings: fw.Findings, Lines: fw.Lines, Share: fw.Share})
	}
	sort.Slice(r.Frameworks, func(i, j int) bool { return r.Frameworks[i].Name < r.Frameworks[j].Name })
	for _, e := range s.Eras {
		r.Eras = append(r.Eras, EraUse{Framework: e.Framework, Era: e.Name, Files: e.Files, Findings: e.Findings})
	}
	sort.Slice(r.Eras, func(i, j int) bool {
		if r.Eras[i].Framework != r.Eras[j].Framework {
			return r.Eras[i].Framework < r.Eras[j].Framework
		}
		return r.Eras[i].Era < r.Eras[j].Era
	})
	for _, v := range doc.Violations {
		r.Violations = append(r.Violations, v.Policy)
	}
	sort.Strings(r.Violations)
	if est := doc.Estimate; est != nil {
		r.addEstimate(est)
		r.chunks = chunksOf(est, inv)
	}
	return r, nil
}

func (r *Repository) addEstimate(est *estimator.Result) {
	r.hoursPerMonth = est.HoursPerMonth
	rec := &Recommendation{Target: est.Recommendation.Target, Route: nonNil(est.Recommendation.Route), Summary: est.Recommendation.Summary, Rules: []int{}}
	for _, reason := range est.Recommendation.Reasons {
		rec.Rules = append(rec.Rules, reason.Rule)
	}
	sort.Ints(rec.Rules)
	r.Recommendation = rec
	if rt := est.Route; rt != nil {
		route := &RouteEstimate{Target: rt.Target, Steps: []string{}, EngMonths: rt.EngMonths, TimelineMonths: rt.TimelineMonths, Risk: rt.Risk}
		for _, s := range rt.Steps {
			route.Steps = append(route.Steps, s.ID)
		}
		r.Route = route
	}
	for _, p := range est.Paths {
		pe := PathEstimate{ID: p.ID, EngMonths: p.EngMonths, TimelineMonths: p.TimelineMonths, Risk: p.Risk, Blockers: []string{}}
		for _, b := range p.Blockers {
			pe.Blockers = append(pe.Blockers, b.Tag)
		}
		r.Paths = append(r.Paths, pe)
	}
	r.Warnings = append([]string(nil), est.Warnings...)
}

// chunksOf lists the blocker chunks of the estimate's paths and route steps. The
// files come from each blocker's evidence; when the estimator cut the evidence
// list short (Blocker.More), the files it left out are not known here and their
// chunks are never treated as shared, so the portfolio errs towards the higher
// total.
func chunksOf(est *estimator.Result, inv *scanner.Inventory) []chunk {
	var out []chunk
	add := func(route bool, p *estimator.PathEstimate) {
		work := p.Calculation.WorkHours
		for _, b := range p.Blockers {
			for _, file := range evidenceFiles(b.Evidence) {
				c := chunk{route: route, path: p.ID, tag: b.Tag, file: file, hours: b.ChunkHours}
				if work > 0 && b.ChunkHours > 0 {
					// A chunk is part of the work, so never more than all of it.
					frac := math.Min(b.ChunkHours/work, 1)
					c.engMonths = Range{Low: finite(p.EngMonths.Low * frac), High: finite(p.EngMonths.High * frac)}
				}
				out = append(out, c)
			}
		}
	}
	for i := range est.Paths {
		add(false, &est.Paths[i])
	}
	if est.Route != nil {
		for i := range est.Route.Steps {
			add(true, &est.Route.Steps[i])
		}
	}
	if len(out) == 0 {
		return nil
	}
	wanted := map[string]bool{}
	for _, c := range out {
		wanted[c.file] = true
	}
	sigs := fileSignatures(inv, wanted)
	for i := range out {
		out[i].signature = sigs[out[i].file]
	}
	return out
}

// fileSignatures identifies the content of the wanted files without reading them:
// a hash of the file's lines of code and the sorted fingerprints of its findings.
// A fingerprint hashes a finding's rule, symbol and line text and leaves out the
// file's name and the line number (scanner/fingerprint.go), so the same file
// vendored or copied into another repository, under any path, gets the same
// signature, and a different file with the same framework lines almost never
// does, since its lines of code differ too.
func fileSignatures(inv *scanner.Inventory, wanted map[string]bool) map[string]string {
	prints := map[string][]string{}
	for i := range inv.Findings {
		f := &inv.Findings[i]
		if wanted[f.File] && f.Fingerprint != "" {
			prints[f.File] = append(prints[f.File], f.Fingerprint)
		}
	}
	lines := map[string]int{}
	for _, fr := range inv.Files {
		if wanted[fr.Path] {
			lines[fr.Path] = fr.Lines
		}
	}
	out := make(map[string]string, len(prints))
	for file, fps := range prints {
		sort.Strings(fps)
		h := sha256.New()
		h.Write([]byte(strconv.Itoa(lines[file])))
		for _, fp := range fps {
			h.Write([]byte{0})
			h.Write([]byte(fp))
		}
		out[file] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	return out
}

// evidenceFiles returns the distinct files of blocker evidence, "file:line rule"
// or "file[cell N]:line rule", in their order.
func evidenceFiles(evidence []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, ev := range evidence {
		file, ok := evidenceFile(ev)
		if !ok || seen[file] {
			continue
		}
		seen[file] = true
		out = append(out, file)
	}
	return out
}

func evidenceFile(ev string) (string, bool) {
	sp := strings.LastIndexByte(ev, ' ')
	if sp <= 0 {
		return "", false
	}
	loc := ev[:sp]
	colon := strings.LastIndexByte(loc, ':')
	if colon <= 0 {
		return "", false
	}
	if _, err := strconv.Atoi(loc[colon+1:]); err != nil {
		return "", false
	}
	file := loc[:colon]
	if strings.HasSuffix(file, "]") {
		if i := strings.LastIndex(file, "[cell "); i > 0 {
			file = file[:i]
		}
	}
	return file, file != ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return append([]string(nil), s...)
}
