package portfolio

import (
	"fmt"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/htmlpage"
)

// htmlView is everything the template shows, selected, ordered and formatted in
// Go; the template only lays it out.
type htmlView struct {
	Stats    []stat
	Empty    bool
	Failures [][]string
	Warnings []string

	RouteSentence string
	Paths         [][]string
	Shared        []sharedView
	Rule          string

	EffortChart *htmlpage.BarChart
	Ranking     [][]string
	MoreRanked  int

	Repositories [][]string

	FrameworkChart *htmlpage.StackChart
	Frameworks     [][]string
	EraChart       *htmlpage.BarChart
	Eras           [][]string

	RecommendationChart *htmlpage.BarChart
	Recommendations     [][]string
}

type stat struct{ Label, Value string }

type sharedView struct {
	Path, Tag, Hours, Removed, RemovedRoutes string
	Files                                    []string
}

func newHTMLView(p *Portfolio, opts Options) *htmlView {
	v := &htmlView{Empty: len(p.Repositories) == 0, Warnings: p.Warnings, Rule: p.Estimate.Rule}
	s := p.Summary
	v.Stats = []stat{{"Repositories", humanize.Comma(int64(s.Repositories))}}
	if s.Failed > 0 {
		v.Stats = append(v.Stats, stat{"Failed", humanize.Comma(int64(s.Failed))})
	}
	v.Stats = append(v.Stats,
		stat{"Findings", humanize.Comma(int64(s.Findings))},
		stat{"Lines of code", humanize.Comma(int64(s.Lines))},
	)
	if rt := p.Estimate.Routes; rt.Repositories > 0 {
		v.Stats = append(v.Stats, stat{"Engineer effort", rt.EngMonths.Text}, stat{"Timeline in parallel", rt.ParallelTimelineMonths.Text})
	}
	for _, f := range p.Failures {
		v.Failures = append(v.Failures, []string{f.Name, f.Reason})
	}
	v.RouteSentence = routeSentence(p.Estimate.Routes)
	v.Paths = pathTotalRows(p.Estimate.Paths)
	for _, c := range p.Estimate.Shared {
		v.Shared = append(v.Shared, sharedView{
			Path: c.Path, Tag: c.Tag, Hours: fmt.Sprintf("%g", c.ChunkHours), Files: c.Files,
			Removed: sharedText(c.RemovedEngMonths), RemovedRoutes: sharedText(c.RemovedRouteEngMonths),
		})
	}
	v.effort(p, opts.top())
	v.Repositories = repositoryRows(p.Repositories)
	v.mix(p)
	v.recommendations(p)
	return v
}

func (v *htmlView) effort(p *Portfolio, top int) {
	var rows []htmlpage.Row
	for i, r := range p.Ranking {
		if i == top {
			v.MoreRanked = len(p.Ranking) - top
			break
		}
		v.Ranking = append(v.Ranking, []string{fmt.Sprint(r.Rank), r.Name, orDash(r.Target), r.EngMonths.Text, percent(r.Share), percent(r.Cumulative)})
		rows = append(rows, htmlpage.Row{
			Label: r.Name, Value: r.EngMonths.Text, Fill: effortColor, Low: r.EngMonths.Low, High: r.EngMonths.High,
			Tooltip: fmt.Sprintf("%s: %s to %s, %s of the portfolio", r.Name, r.EngMonths.Text, orDash(r.Target), percent(r.Share)),
		})
	}
	desc := "No repository has migration effort."
	if len(p.Ranking) > 0 {
		first := p.Ranking[0]
		desc = fmt.Sprintf("%s ranked by the engineer-months of their recommended route; the costliest, %s, needs %s (%s of the portfolio). The solid part of each bar is the low bound, the light part reaches the high bound.",
			countOf(len(p.Ranking), "repository", "repositories"), first.Name, first.EngMonths.Text, percent(first.Share))
	}
	v.EffortChart = charts().Bars("chart-effort", "Where the effort sits", desc, rows)
}

func (v *htmlView) mix(p *Portfolio) {
	fws := append([]FrameworkTotal(nil), p.Frameworks...)
	sortTotalsByFindings(fws)
	var rows []htmlpage.Row
	var parts []string
	for _, f := range fws {
		rows = append(rows, htmlpage.Row{
			Label: f.Name, Value: percent(f.Share), Fill: frameworkColor(f.Name), Low: float64(f.Findings), High: float64(f.Findings),
			Tooltip: fmt.Sprintf("%s: %s findings in %s", f.Name, humanize.Comma(int64(f.Findings)), countOf(f.Repositories, "repository", "repositories")),
		})
		parts = append(parts, fmt.Sprintf("%s %s", f.Name, percent(f.Share)))
	}
	v.FrameworkChart = charts().Stack("chart-frameworks", "Framework mix (share of findings)", "Findings per framework across the portfolio: "+strings.Join(parts, ", ")+".", rows)
	v.Frameworks = frameworkRows(p.Frameworks)

	var eraBars []htmlpage.Row
	for _, e := range p.Eras {
		label := e.Framework + " " + e.Era
		if e.Era == e.Framework {
			label = e.Era
		}
		eraBars = append(eraBars, htmlpage.Row{
			Label: label, Value: humanize.Comma(int64(e.Findings)) + " in " + countOf(e.Repositories, "repository", "repositories"),
			Fill: htmlpage.EraColor(e.Era), Low: float64(e.Findings), High: float64(e.Findings),
			Tooltip: fmt.Sprintf("%s: %s findings in %s files", label, humanize.Comma(int64(e.Findings)), humanize.Comma(int64(e.Files))),
		})
	}
	v.EraChart = charts().Bars("chart-eras", "Findings per era", fmt.Sprintf("%s across the portfolio, with the repositories that show each.", countOf(len(p.Eras), "era", "eras")), eraBars)
	v.Eras = eraRows(p.Eras)
}

func (v *htmlView) recommendations(p *Portfolio) {
	v.Recommendations = recommendationRows(p.Recommendations)
	var rows []htmlpage.Row
	for _, r := range p.Recommendations {
		label := r.Target
		if label == "" {
			label = "no framework found"
		}
		if len(r.Route) > 0 {
			label += " via " + strings.Join(r.Route, " → ")
		}
		rows = append(rows, htmlpage.Row{
			Label: label, Value: countOf(r.Repositories, "repository", "repositories"), Fill: frameworkColor(r.Target),
			Low: float64(r.Repositories), High: float64(r.Repositories), Tooltip: label + ": " + listSome(r.Names, 10),
		})
	}
	v.RecommendationChart = charts().Bars("chart-recommendations", "Recommended targets", "Repositories per recommended target and route.", rows)
}
