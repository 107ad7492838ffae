package report

import (
	"fmt"
	"strings"

	"github.com/frameshift/frameshift/estimator"
)

// The terminal table's migration sections: the estimate shaped like the guide's
// table, the recommendation with its reasons, and where the effort sits.

func (t *textWriter) estimate(est *estimator.Result, top int) {
	if est == nil {
		return
	}
	t.Section("Estimate")
	if len(est.Paths) == 0 {
		t.Printf("No migration path applies to this codebase.\n")
	} else {
		var rows [][]string
		for _, p := range est.Paths {
			id := p.ID
			if p.ID == est.Recommendation.Path {
				id += " *"
			}
			var blockers []string
			for _, b := range p.Blockers {
				blockers = append(blockers, b.Tag)
			}
			rows = append(rows, []string{id, p.From + " → " + p.To, rangeText(p.TimelineMonths, "months"),
				rangeText(p.EngMonths, "engineer-months"), string(p.Risk), strings.Join(blockers, ", ")})
		}
		t.Table([]string{"Path", "Migration", "Timeline", "Effort", "Risk", "Blockers"},
			"llrrll", rows)
		t.Printf("%s", teamSentence(est))
		if est.Recommendation.Path != "" {
			t.Printf(" * marks the recommended first step.")
		}
		t.Printf("\n")
	}
	if r := est.Route; r != nil && len(r.Steps) > 1 {
		var steps []string
		for _, s := range r.Steps {
			steps = append(steps, s.ID)
		}
		t.Printf("Route to %s: %s, %s over %s, risk %s.\n", r.Target, strings.Join(steps, " → "),
			rangeText(r.EngMonths, "engineer-months"), rangeText(r.TimelineMonths, "months"), r.Risk)
	}
	for _, w := range est.Warnings {
		t.Printf("Note: %s\n", w)
	}
	t.recommendation(est)
	if p := recommendedPath(est); p != nil {
		t.effortByFolder(p, top)
	}
}

func (t *textWriter) recommendation(est *estimator.Result) {
	rec := est.Recommendation
	t.Section("Recommendation")
	if rec.Target == "" {
		t.Printf("%s\n", orText(rec.Summary, "No framework found, so nothing to migrate."))
		return
	}
	t.Printf("%s %s\n", t.Bold("Target: "+rec.Target+"."), rec.Summary)
	for _, r := range rec.Reasons {
		ev, more := capped(r.Evidence, 3)
		line := fmt.Sprintf("  - guide rule %d: %s", r.Rule, r.Text)
		if len(ev) > 0 {
			line += " (" + strings.Join(ev, ", ")
			if more+r.More > 0 {
				line += fmt.Sprintf(", … %d more", more+r.More)
			}
			line += ")"
		}
		t.Printf("%s\n", line)
	}
	if rec.Note != "" {
		t.Printf("  %s\n", rec.Note)
	}
}

// effortByFolder shows where the recommended path's effort sits, by top-level
// folder, and what drives it.
func (t *textWriter) effortByFolder(p *estimator.PathEstimate, top int) {
	if len(p.Folders) == 0 {
		return
	}
	t.Section("Effort by folder (" + p.ID + ")")
	folders, more := capped(p.Folders, top)
	var rows [][]string
	for _, f := range folders {
		rows = append(rows, []string{f.Name, fmt.Sprint(f.Uses), rangeText(f.EngMonths, "engineer-months"), percent(f.Share)})
	}
	if more > 0 {
		rows = append(rows, []string{fmt.Sprintf("… %d more", more), "", "", ""})
	}
	t.Table([]string{"Folder", "Uses", "Effort", "Share"}, "lrrr", rows)
	var drivers []string
	for _, d := range p.Drivers {
		if d.Kind == "rule" && len(drivers) < 5 {
			drivers = append(drivers, fmt.Sprintf("%s %s", d.Name, percent(d.Share)))
		}
	}
	if len(drivers) > 0 {
		t.Printf("Costliest rules: %s\n", strings.Join(drivers, ", "))
	}
}
