package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// SARIF constants that consumers key on. The fingerprint key carries a version so
// that a future change of the hashing scheme starts a new series of alerts instead
// of silently re-matching old ones.
const (
	sarifFingerprintKey = "frameshift/v1"
	sarifSourceRoot     = "%SRCROOT%"
	sarifToolName       = "frameshift"
	// maxMessageSymbol bounds a symbol quoted in a message; the result's
	// properties keep it whole.
	maxMessageSymbol = 200
	// SARIFMaxResults is GitHub code scanning's hard limit of results per run: a
	// run with more is rejected whole (and only the 5,000 most severe are kept).
	SARIFMaxResults = 25000
)

// SARIFEncoder writes SARIF 2.1.0 as GitHub code scanning accepts it: one run, the
// rules that fired with their migration hints, one result per finding with a
// relative location and a line-independent partial fingerprint.
type SARIFEncoder struct {
	Options Options
}

var _ Encoder = (*SARIFEncoder)(nil)

// ID implements Encoder.
func (*SARIFEncoder) ID() string { return "sarif" }

// Encode implements Encoder.
func (e *SARIFEncoder) Encode(w io.Writer, doc *Document) error {
	log := e.build(doc)
	raw, err := json.Marshal(log)
	if err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	out, err := compactSARIF(raw)
	if err != nil {
		return fmt.Errorf("encode sarif: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// build assembles the SARIF log. Everything is sorted, and nothing depends on the
// clock or on randomness, so the same document gives the same bytes.
func (e *SARIFEncoder) build(doc *Document) *sarif.Report {
	inv := inventoryOf(doc)
	cat := e.catalog()
	target := recommendedTarget(doc)

	findings, omitted := mostSevere(sortedFindings(inv.Findings), cat, SARIFMaxResults)
	ruleIDs := firedRules(findings)
	rules := make([]*sarif.ReportingDescriptor, 0, len(ruleIDs))
	index := make(map[string]int, len(ruleIDs))
	for i, id := range ruleIDs {
		index[id] = i
		rules = append(rules, sarifRule(id, lookupRule(cat, id), firstFindingOf(findings, id)))
	}

	driver := sarif.NewToolComponent()
	driver.Name = strPtr(sarifToolName)
	if inv.Tool.Version != "" {
		driver.Version = strPtr(inv.Tool.Version)
	}
	driver.Rules = rules
	if inv.Tool.Catalog != "" {
		driver.Properties = sarif.NewPropertyBag().Add("catalog", inv.Tool.Catalog)
	}
	tool := sarif.NewTool()
	tool.Driver = driver

	run := sarif.NewRun()
	run.Tool = tool
	run.ColumnKind = strPtr("unicodeCodePoints")
	invocation := sarifInvocation(inv.Skipped)
	if omitted > 0 {
		n := sarif.NewNotification()
		n.Level = "warning"
		n.Message = plainMessage(fmt.Sprintf("%d of %d findings were left out, the least severe first: GitHub code scanning rejects a run of more than %d results. The JSON and CSV reports hold them all.",
			omitted, len(inv.Findings), SARIFMaxResults))
		invocation.ToolExecutionNotifications = append([]*sarif.Notification{n}, invocation.ToolExecutionNotifications...)
	}
	run.Invocations = []*sarif.Invocation{invocation}
	if vcs := sarifProvenance(inv.Source); vcs != nil {
		run.VersionControlProvenance = []*sarif.VersionControlDetails{vcs}
	}
	for _, f := range findings {
		rule := lookupRule(cat, f.Rule)
		run.Results = append(run.Results, sarifResult(f, rule, index[f.Rule], target))
	}

	report := sarif.NewReport()
	report.AddRun(run)
	return report
}

func (e *SARIFEncoder) catalog() *catalog.Catalog {
	if e.Options.Rules != nil {
		return e.Options.Rules
	}
	// The embedded catalog is validated by its own tests; if it failed to load,
	// the rules are still described from the findings themselves.
	cat, err := catalog.Default()
	if err != nil {
		return nil
	}
	return cat
}

// mostSevere keeps at most n findings, dropping notes before warnings before
// errors, and keeps the report order of those it keeps. It returns how many it
// dropped.
func mostSevere(findings []scanner.Finding, cat *catalog.Catalog, n int) ([]scanner.Finding, int) {
	if len(findings) <= n {
		return findings, 0
	}
	rank := func(f scanner.Finding) int {
		level := catalog.LevelMinor
		if r := lookupRule(cat, f.Rule); r != nil {
			level = r.Level
		}
		switch SARIFLevel(level) {
		case "error":
			return 0
		case "warning":
			return 1
		}
		return 2
	}
	order := make([]int, len(findings))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank(findings[order[a]]) < rank(findings[order[b]]) })
	keep := order[:n]
	sort.Ints(keep)
	out := make([]scanner.Finding, 0, n)
	for _, i := range keep {
		out = append(out, findings[i])
	}
	return out, len(findings) - n
}

func lookupRule(cat *catalog.Catalog, id string) *catalog.Rule {
	if cat == nil {
		return nil
	}
	return cat.Rule(id)
}

// SARIFLevel maps a difficulty level to a SARIF result level: work that changes
// the architecture is an error, complex work a warning, anything smaller a note.
func SARIFLevel(l catalog.Level) string {
	switch l {
	case catalog.LevelRearchitecture, catalog.LevelRedesign:
		return "error"
	case catalog.LevelComplex:
		return "warning"
	}
	return "note"
}

// sarifRule describes one rule that fired. A rule missing from the catalog (a
// report read back after the catalog changed) is described from its first finding.
func sarifRule(id string, r *catalog.Rule, sample scanner.Finding) *sarif.ReportingDescriptor {
	d := sarif.NewReportingDescriptor()
	d.ID = strPtr(id)
	framework, era, category := sample.Framework, sample.Era, sample.Category
	summary := fmt.Sprintf("A %s API (era %s, category %s).", framework, era, category)
	var level catalog.Level = catalog.LevelMinor
	var hints []targetHint
	props := sarif.NewPropertyBag()
	if r != nil {
		framework, era, category = r.Framework, r.Era, r.Category
		if r.Summary != "" {
			summary = r.Summary
		}
		level = r.Level
		hints = ruleHints(r)
		if len(r.Levels) > 0 {
			props.Add("levels", r.Levels)
		}
		if len(r.Tags) > 0 {
			props.Add("frameshift-tags", append([]string(nil), r.Tags...))
		}
	}
	props.Add("difficulty", string(level))
	props.Tags = uniqueNonEmpty(framework, era, category)

	d.ShortDescription = textMessage(summary)
	full := summary
	var md strings.Builder
	md.WriteString(summary)
	for i, h := range hints {
		if i == 0 {
			full += "\n"
			md.WriteString("\n")
		}
		full += fmt.Sprintf("\nTo %s: %s", h.target, h.text)
		fmt.Fprintf(&md, "\n- **To %s:** %s", h.target, h.text)
	}
	d.FullDescription = textMessage(full)
	d.Help = textMessage(full)
	d.Help.Markdown = strPtr(md.String())
	cfg := sarif.NewReportingConfiguration()
	cfg.Level = SARIFLevel(level)
	d.DefaultConfiguration = cfg
	d.Properties = props
	return d
}

type targetHint struct{ target, text string }

// ruleHints lists a rule's hints in the catalog's order of targets, so that the
// output does not depend on map iteration.
func ruleHints(r *catalog.Rule) []targetHint {
	var out []targetHint
	known := map[string]bool{}
	for _, t := range catalog.Targets {
		known[t] = true
		if h := r.Hints[t]; h != "" {
			out = append(out, targetHint{t, h})
		}
	}
	var extra []string
	for t, h := range r.Hints {
		if !known[t] && h != "" {
			extra = append(extra, t)
		}
	}
	sort.Strings(extra)
	for _, t := range extra {
		out = append(out, targetHint{t, r.Hints[t]})
	}
	return out
}

func sarifResult(f scanner.Finding, r *catalog.Rule, ruleIndex int, target string) *sarif.Result {
	res := sarif.NewResult()
	res.RuleID = strPtr(f.Rule)
	res.RuleIndex = ruleIndex
	level := catalog.LevelMinor
	if r != nil {
		level = r.Level
	}
	res.Level = SARIFLevel(level)
	res.Message = plainMessage(FindingMessage(f, r, target))

	region := sarif.NewRegion()
	region.StartLine = intPtr(max(f.Line, 1))
	region.StartColumn = intPtr(max(f.Column, 1))
	artifact := sarif.NewArtifactLocation()
	artifact.URI = strPtr(relativeURI(f.File))
	artifact.URIBaseID = strPtr(sarifSourceRoot)
	phys := sarif.NewPhysicalLocation()
	phys.ArtifactLocation = artifact
	phys.Region = region
	loc := sarif.NewLocation()
	loc.PhysicalLocation = phys
	res.Locations = []*sarif.Location{loc}

	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{sarifFingerprintKey: f.Fingerprint}
	}
	if state := baselineState(f.Baseline); state != "" {
		res.BaselineState = strPtr(state)
	}
	props := sarif.NewPropertyBag().
		Add("symbol", f.Symbol).
		Add("kind", string(f.Kind)).
		Add("framework", f.Framework).
		Add("era", f.Era).
		Add("category", f.Category)
	if f.Cell != nil {
		props.Add("cell", *f.Cell)
	}
	if f.Replacement != "" {
		props.Add("replacement", f.Replacement)
	}
	res.Properties = props
	return res
}

// FindingMessage says what a finding's symbol is and what replaces it: the
// catalog's replacement when the symbol was renamed, else the rule's hint for the
// recommended target. In a notebook it names the cell, because the line and column
// count inside the cell, not inside the .ipynb file.
func FindingMessage(f scanner.Finding, r *catalog.Rule, target string) string {
	var b strings.Builder
	if f.Cell != nil {
		fmt.Fprintf(&b, "Notebook cell %d, line %d: ", *f.Cell, f.Line)
	}
	fmt.Fprintf(&b, "%s (%s", clip(f.Symbol, maxMessageSymbol), f.Kind)
	if f.Era != "" {
		fmt.Fprintf(&b, ", %s", f.Era)
	}
	if f.Category != "" {
		fmt.Fprintf(&b, " %s", f.Category)
	}
	b.WriteString(")")
	if r != nil && r.Summary != "" {
		b.WriteString(": ")
		b.WriteString(r.Summary)
	} else {
		b.WriteString(".")
	}
	switch {
	case f.Replacement != "" && !strings.EqualFold(f.Replacement, "no equivalent"):
		fmt.Fprintf(&b, " Replace with %s.", clip(f.Replacement, maxMessageSymbol))
	default:
		if f.Replacement != "" {
			b.WriteString(" It has no direct equivalent.")
		}
		if h := hintFor(r, target); h.text != "" {
			fmt.Fprintf(&b, " To %s: %s", h.target, h.text)
		}
	}
	return b.String()
}

// hintFor picks the hint for the recommended target, or else the first hint in
// the catalog's order of targets.
func hintFor(r *catalog.Rule, target string) targetHint {
	if r == nil {
		return targetHint{}
	}
	if h := r.Hints[target]; target != "" && h != "" {
		return targetHint{target, h}
	}
	if hs := ruleHints(r); len(hs) > 0 {
		return hs[0]
	}
	return targetHint{}
}

// baselineState maps the scanner's baseline marks to SARIF's vocabulary.
func baselineState(mark string) string {
	switch mark {
	case "new":
		return "new"
	case "existing":
		return "unchanged"
	}
	return ""
}

// sarifInvocation records the run as successful and lists the files that could
// not be analysed as notifications; files skipped by choice (ignored, excluded,
// vendored) are not problems and are left out.
func sarifInvocation(skipped []scanner.Skipped) *sarif.Invocation {
	inv := sarif.NewInvocation()
	ok := true
	inv.ExecutionSuccessful = &ok
	for _, s := range skipped {
		if skippedByChoice(s.Code) {
			continue
		}
		n := sarif.NewNotification()
		n.Level = "warning"
		n.Message = plainMessage(fmt.Sprintf("%s was not analysed (%s): %s", oneLine(s.Path), s.Code, oneLine(s.Reason)))
		artifact := sarif.NewArtifactLocation()
		artifact.URI = strPtr(relativeURI(s.Path))
		artifact.URIBaseID = strPtr(sarifSourceRoot)
		phys := sarif.NewPhysicalLocation()
		phys.ArtifactLocation = artifact
		loc := sarif.NewLocation()
		loc.PhysicalLocation = phys
		n.Locations = []*sarif.Location{loc}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	return inv
}

func skippedByChoice(code string) bool {
	switch code {
	case "ignored", "excluded", "vendored":
		return true
	}
	return false
}

// sarifProvenance names the scanned commit when the source is a repository with a
// URL; a local path is not a URI SARIF accepts, so it is left out.
func sarifProvenance(src scanner.SourceInfo) *sarif.VersionControlDetails {
	if src.Kind != "git" || src.Commit == "" {
		return nil
	}
	u, err := url.Parse(src.Input)
	if err != nil || !u.IsAbs() || u.Host == "" || u.User != nil {
		return nil
	}
	vcs := sarif.NewVersionControlDetails()
	vcs.RepositoryURI = strPtr(u.String())
	vcs.RevisionID = strPtr(src.Commit)
	if src.Ref != "" {
		vcs.Branch = strPtr(src.Ref)
	}
	return vcs
}

// relativeURI turns a slash-separated relative path into a URI reference: spaces,
// '#', '?' and non-ASCII bytes are percent-encoded, and a first segment with a
// colon is prefixed with ./ so it cannot read as a scheme.
func relativeURI(path string) string {
	path = strings.TrimLeft(strings.ReplaceAll(path, "\\", "/"), "/")
	return (&url.URL{Path: path}).String()
}

// firedRules returns the ids of the rules with at least one finding, sorted.
func firedRules(findings []scanner.Finding) []string {
	seen := map[string]bool{}
	var ids []string
	for _, f := range findings {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			ids = append(ids, f.Rule)
		}
	}
	sort.Strings(ids)
	return ids
}

func firstFindingOf(findings []scanner.Finding, rule string) scanner.Finding {
	for _, f := range findings {
		if f.Rule == rule {
			return f
		}
	}
	return scanner.Finding{Rule: rule}
}

func textMessage(text string) *sarif.MultiformatMessageString {
	m := sarif.NewMultiformatMessageString()
	m.Text = strPtr(text)
	return m
}

func plainMessage(text string) *sarif.Message {
	m := sarif.NewMessage()
	m.Text = strPtr(text)
	return m
}

func uniqueNonEmpty(values ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func strPtr(s string) *string { return &s }
func intPtr(n int) *int       { return &n }
