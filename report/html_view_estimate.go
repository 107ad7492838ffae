package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/internal/htmlpage"
)

// View models of the HTML sections about the migration: the estimate, each
// path's details and the recommendation.

type estimateView struct {
	Team     string
	Paths    [][]string
	Route    *routeView
	Parts    [][]string
	Details  []pathView
	Warnings []string
}

type routeView struct {
	Target, Steps, EngMonths, Timeline, Risk string
	Alternatives                             [][]string
}

type pathView struct {
	ID, Title   string
	Anchor      string
	Drivers     [][]string
	Blockers    []blockerView
	FolderChart *htmlpage.BarChart
	Arithmetic  string
}

type blockerView struct {
	Tag, Name, Files, Hours string
	Evidence                []string
	More                    int
}

type recommendationView struct {
	Target, Route, Summary, Note string
	Reasons                      []reasonView
}

type reasonView struct {
	Rule     int
	Text     string
	Evidence []string
	More     int
}

func newEstimateView(est *estimator.Result, top int) *estimateView {
	if est == nil {
		return nil
	}
	v := &estimateView{Team: teamSentence(est), Warnings: est.Warnings}
	for i, p := range est.Paths {
		rec := ""
		if p.ID == est.Recommendation.Path {
			rec = "recommended"
		}
		v.Paths = append(v.Paths, []string{p.ID, p.From, p.To, rangeText(p.TimelineMonths, "months"),
			rangeText(p.EngMonths, "engineer-months"), string(p.Risk), teamText(p.Team), rec})
		v.Details = append(v.Details, newPathView(p, top, i))
	}
	for _, part := range est.Parts {
		v.Parts = append(v.Parts, []string{part.Label, part.Name, humanize.Comma(int64(part.Files)),
			humanize.Comma(int64(part.Lines)), humanize.Comma(int64(part.Findings)), strings.Join(part.Paths, ", ")})
	}
	if r := est.Route; r != nil && len(r.Steps) > 0 {
		var steps []string
		for _, s := range r.Steps {
			steps = append(steps, s.ID)
		}
		rv := &routeView{Target: r.Target, Steps: strings.Join(steps, " → "),
			EngMonths: rangeText(r.EngMonths, "engineer-months"), Timeline: rangeText(r.TimelineMonths, "months"), Risk: string(r.Risk)}
		for _, a := range r.Alternatives {
			cheaper := ""
			if a.Cheaper {
				cheaper = "cheaper"
			}
			rv.Alternatives = append(rv.Alternatives, []string{a.Name, rangeText(a.EngMonths, "engineer-months"),
				rangeText(a.TimelineMonths, "months"), string(a.Risk), cheaper, a.Text})
		}
		v.Route = rv
	}
	return v
}

func newPathView(p estimator.PathEstimate, top, index int) pathView {
	pv := pathView{ID: p.ID, Title: p.From + " → " + p.To, Anchor: "path-" + strconv.Itoa(index)}
	ds, _ := capped(p.Drivers, top)
	for _, d := range ds {
		pv.Drivers = append(pv.Drivers, []string{d.Kind, driverName(d.Kind, d.Name), humanize.Comma(int64(d.Uses)), hoursText(d.Hours), percent(d.Share)})
	}
	for _, b := range p.Blockers {
		ev, more := capped(b.Evidence, 5)
		pv.Blockers = append(pv.Blockers, blockerView{Tag: b.Tag, Name: b.Name, Files: humanize.Comma(int64(b.Files)),
			Hours: hoursText(b.Hours), Evidence: ev, More: more + b.More})
	}
	folders, _ := capped(p.Folders, max(top, 12))
	var rows []htmlpage.Row
	for _, f := range folders {
		rows = append(rows, htmlpage.Row{Label: folderLabel(f.Name), Low: f.Hours, High: f.Hours, Fill: "#56B4E9",
			Value:   percent(f.Share) + " · " + rangeText(f.EngMonths, "eng-months"),
			Tooltip: fmt.Sprintf("%s: %s uses, %s hours, %s of the work", folderLabel(f.Name), humanize.Comma(int64(f.Uses)), hoursText(f.Hours), percent(f.Share))})
	}
	pv.FolderChart = charts().Bars("chart-folders-"+strconv.Itoa(index),
		"Effort by folder, "+p.ID, "Share of the path's work hours in each top-level folder.", rows)
	c := p.Calculation
	pv.Arithmetic = fmt.Sprintf("%s counted, %s hours of work plus %s hours overhead = %s hours; the guide's reference is %s hours (%s), ratio %s, scale %s.",
		plural(c.Uses, "use"), hoursText(c.WorkHours), hoursText(c.OverheadHours), hoursText(c.EffortHours),
		hoursText(c.ReferenceHours), orText(c.ReferenceBasis, "model"), trimFloat(c.Ratio), trimFloat(c.Scale))
	return pv
}

func newRecommendationView(est *estimator.Result) *recommendationView {
	if est == nil {
		return nil
	}
	rec := est.Recommendation
	v := &recommendationView{Target: rec.Target, Route: strings.Join(rec.Route, " → "), Summary: rec.Summary, Note: rec.Note}
	for _, r := range rec.Reasons {
		ev, more := capped(r.Evidence, 8)
		v.Reasons = append(v.Reasons, reasonView{Rule: r.Rule, Text: r.Text, Evidence: ev, More: more + r.More})
	}
	return v
}

// teamText shows a path's team size as people count it: one decimal, the smaller
// bound first (the guide's staffing can give a larger low than high bound).
func teamText(r estimator.Range) string {
	lo, hi := min(r.Low, r.High), max(r.Low, r.High)
	l, h := strconv.FormatFloat(lo, 'f', 1, 64), strconv.FormatFloat(hi, 'f', 1, 64)
	if l == h {
		return strings.TrimSuffix(l, ".0") + " engineers"
	}
	return strings.TrimSuffix(l, ".0") + "–" + strings.TrimSuffix(h, ".0") + " engineers"
}
