package report

import (
	"fmt"
	"strings"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/internal/markdown"
)

// The Markdown sections about the migration: the estimate and the recommendation.

func (m *mdReport) estimate() {
	est := m.doc.Estimate
	if est == nil {
		return
	}
	m.printf("## Estimate\n\n")
	if len(est.Paths) == 0 {
		m.printf("No migration path applies to this codebase.\n\n")
	} else {
		var rows [][]string
		for _, p := range est.Paths {
			id := mdCode(p.ID, true)
			if p.ID == est.Recommendation.Path {
				id = "**" + id + "** (recommended)"
			}
			rows = append(rows, []string{id, mdText(p.From), mdText(p.To),
				mdText(rangeText(p.TimelineMonths, "months")), mdText(rangeText(p.EngMonths, "engineer-months")), mdText(string(p.Risk))})
		}
		markdown.Table(m.b, []string{"Path", "From", "To", "Timeline", "Engineer-months", "Risk"}, "", rows)
		m.printf("%s\n\n", teamSentence(est))
	}
	if r := est.Route; r != nil && len(r.Steps) > 0 {
		var steps []string
		for _, s := range r.Steps {
			steps = append(steps, mdCode(s.ID, false))
		}
		m.printf("**Route to %s** (%s): %s over %s, risk %s.\n\n", mdText(r.Target), strings.Join(steps, " → "),
			mdText(rangeText(r.EngMonths, "engineer-months")), mdText(rangeText(r.TimelineMonths, "months")), mdText(string(r.Risk)))
		for _, a := range r.Alternatives {
			cheaper := ""
			if a.Cheaper {
				cheaper = " (cheaper)"
			}
			m.printf("- Alternative, %s%s: %s over %s, risk %s. %s\n", mdText(a.Name), cheaper,
				mdText(rangeText(a.EngMonths, "engineer-months")), mdText(rangeText(a.TimelineMonths, "months")), mdText(string(a.Risk)), mdText(a.Text))
		}
		if len(r.Alternatives) > 0 {
			m.printf("\n")
		}
	}
	if p := recommendedPath(est); p != nil {
		m.pathDetails(p)
	}
	for _, w := range est.Warnings {
		m.printf("> **Note:** %s\n\n", mdText(w))
	}
}

// pathDetails shows what drives the cost of one path, and its blockers.
func (m *mdReport) pathDetails(p *estimator.PathEstimate) {
	if len(p.Drivers) > 0 {
		ds, _ := capped(p.Drivers, m.top)
		var parts []string
		for _, d := range ds {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", mdText(d.Kind), mdCode(driverName(d.Kind, d.Name), false), percent(d.Share)))
		}
		m.printf("**Cost drivers of %s:** %s\n\n", mdCode(p.ID, false), strings.Join(parts, ", "))
	}
	for _, bl := range p.Blockers {
		ev, more := capped(bl.Evidence, 3)
		var parts []string
		for _, e := range ev {
			parts = append(parts, mdCode(e, false))
		}
		if more+bl.More > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more+bl.More))
		}
		m.printf("- **Blocker %s** (%s) in %s: %s\n", mdText(bl.Tag), mdText(bl.Name), plural(bl.Files, "file"), strings.Join(parts, ", "))
	}
	if len(p.Blockers) > 0 {
		m.printf("\n")
	}
}

func (m *mdReport) recommendation() {
	est := m.doc.Estimate
	if est == nil {
		return
	}
	rec := est.Recommendation
	m.printf("## Recommendation\n\n")
	switch {
	case rec.Target == "":
		m.printf("%s\n\n", mdText(orText(rec.Summary, "No framework found, so nothing to migrate.")))
	default:
		route := ""
		if len(rec.Route) > 0 {
			var steps []string
			for _, s := range rec.Route {
				steps = append(steps, mdCode(s, false))
			}
			route = " via " + strings.Join(steps, " → ")
		}
		m.printf("**Target: %s**%s. %s\n\n", mdText(rec.Target), route, mdText(rec.Summary))
	}
	for _, r := range rec.Reasons {
		ev, more := capped(r.Evidence, 5)
		var parts []string
		for _, e := range ev {
			parts = append(parts, mdCode(e, false))
		}
		if more+r.More > 0 {
			parts = append(parts, fmt.Sprintf("… and %d more", more+r.More))
		}
		line := fmt.Sprintf("- Guide rule %d: %s", r.Rule, mdText(r.Text))
		if len(parts) > 0 {
			line += " Evidence: " + strings.Join(parts, ", ")
		}
		m.printf("%s\n", line)
	}
	if len(rec.Reasons) > 0 {
		m.printf("\n")
	}
	if rec.Note != "" {
		m.printf("> %s\n\n", mdText(rec.Note))
	}
}

// teamSentence says what staffing the timelines assume.
func teamSentence(est *estimator.Result) string {
	if est.Team != nil {
		return fmt.Sprintf("Timelines assume a team of %s engineers.", trimFloat(*est.Team))
	}
	return "Timelines assume the guide's staffing for each path (engineer-months ÷ months)."
}
