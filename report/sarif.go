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
