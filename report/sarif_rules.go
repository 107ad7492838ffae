package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

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
