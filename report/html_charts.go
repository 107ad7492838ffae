package report

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/frameshift/frameshift/report/internal/htmlpage"
	"github.com/frameshift/frameshift/scanner/history"
)

// The bar and stack charts, their palette and partials are htmlpage's, shared with
// the portfolio page; the history line chart is the report's own. Everything is
// plain geometry and text here; the template turns it into inline SVG, so every
// label from the scanned repository goes through html/template's escaping.

// Geometry of the history line chart, in SVG user units (the viewBox scales to
// the page).
const (
	lineChartTop   = 16
	lineChartLeft  = 56
	lineChartRight = 16
	lineChartPlotH = 220
	lineChartAxisH = 40
	maxHistoryDots = 200
)

// charts lays out the report's bar charts: labels are eras and folders, clipped in
// the middle like every path the report shows.
func charts() htmlpage.Charts {
	return htmlpage.Charts{LabelWidth: 230, ValueWidth: 270, LabelRunes: 32, Clip: clip}
}

// lineChart is the footprint over history: findings per framework and in total,
// one point per sampled commit, evenly spaced (commit order, not calendar time,
// because sampling is by commit).
type lineChart struct {
	ID, Title, Desc string
	Width, Height   int
	PlotTop         string
	PlotBottom      string
	PlotLeft        string
	PlotRight       string
	YTicks          []tick
	XTicks          []tick
	Series          []series
	Legend          []htmlpage.LegendItem
}

type tick struct {
	Label, X, Y, Anchor string
}

type series struct {
	Name, Stroke, Points, Dash string
	Dots                       []dot
}

type dot struct {
	X, Y, Tooltip string
}

func newHistoryChart(h *history.Result) *lineChart {
	if h == nil || len(h.Points) == 0 {
		return nil
	}
	points := h.Points
	maxY := 0
	names := map[string]bool{}
	for _, p := range points {
		maxY = max(maxY, p.Findings)
		for _, fw := range p.Frameworks {
			names[fw.Name] = true
		}
	}
	top := niceCeiling(maxY)
	plotW := float64(htmlpage.ChartWidth - lineChartLeft - lineChartRight)
	xOf := func(i int) float64 {
		if len(points) == 1 {
			return lineChartLeft + plotW/2
		}
		return lineChartLeft + float64(i)*plotW/float64(len(points)-1)
	}
	yOf := func(v int) float64 {
		return lineChartTop + lineChartPlotH - float64(v)/float64(top)*lineChartPlotH
	}
	fwNames := make([]string, 0, len(names))
	for n := range names {
		fwNames = append(fwNames, n)
	}
	sort.Strings(fwNames)

	legendTop := lineChartTop + lineChartPlotH + lineChartAxisH
	c := &lineChart{
		ID: "chart-history", Width: htmlpage.ChartWidth,
		Height:     legendTop + htmlpage.LegendRowHeight + 8,
		PlotTop:    htmlpage.Coord(lineChartTop),
		PlotBottom: htmlpage.Coord(lineChartTop + lineChartPlotH),
		PlotLeft:   htmlpage.Coord(lineChartLeft),
		PlotRight:  htmlpage.Coord(htmlpage.ChartWidth - lineChartRight),
		Title:      "Findings over history",
		Desc: fmt.Sprintf("%s sampled from %s to %s: %s findings at the first, %s at the last.",
			plural(len(points), "commit"), dateOf(points[0].Date), dateOf(points[len(points)-1].Date),
			strconv.Itoa(points[0].Findings), strconv.Itoa(points[len(points)-1].Findings)),
	}
	for i := 0; i <= 4; i++ {
		v := top * i / 4
		c.YTicks = append(c.YTicks, tick{Label: strconv.Itoa(v), X: htmlpage.Coord(lineChartLeft - 6), Y: htmlpage.Coord(yOf(v)), Anchor: "end"})
	}
	for _, i := range xTickIndexes(len(points)) {
		// The outermost labels hang inwards so they are not cut at the edges.
		anchor := "middle"
		switch {
		case len(points) == 1:
		case i == 0:
			anchor = "start"
		case i == len(points)-1:
			anchor = "end"
		}
		c.XTicks = append(c.XTicks, tick{Label: dateOf(points[i].Date), X: htmlpage.Coord(xOf(i)), Y: htmlpage.Coord(lineChartTop + lineChartPlotH + 18), Anchor: anchor})
	}

	// Past a few hundred commits the dots merge into the line and only add weight.
	withDots := len(points) <= maxHistoryDots
	total := series{Name: "all frameworks", Stroke: "#333333", Dash: "4 3"}
	for i, p := range points {
		total.Points += pointText(xOf(i), yOf(p.Findings))
		if withDots {
			total.Dots = append(total.Dots, dot{X: htmlpage.Coord(xOf(i)), Y: htmlpage.Coord(yOf(p.Findings)), Tooltip: pointTooltip(p, "all frameworks", p.Findings)})
		}
	}
	for _, name := range fwNames {
		s := series{Name: name, Stroke: htmlpage.FrameworkColor(name)}
		for i, p := range points {
			v := 0
			for _, fw := range p.Frameworks {
				if fw.Name == name {
					v = fw.Findings
				}
			}
			s.Points += pointText(xOf(i), yOf(v))
			if withDots {
				s.Dots = append(s.Dots, dot{X: htmlpage.Coord(xOf(i)), Y: htmlpage.Coord(yOf(v)), Tooltip: pointTooltip(p, name, v)})
			}
		}
		c.Series = append(c.Series, s)
	}
	c.Series = append(c.Series, total)
	for i, s := range c.Series {
		lx := i * (htmlpage.ChartWidth / max(len(c.Series), 1))
		c.Legend = append(c.Legend, htmlpage.LegendItem{
			Label: clip(s.Name, 24), Fill: s.Stroke,
			SwatchX: strconv.Itoa(lx), SwatchY: strconv.Itoa(legendTop + 4),
			TextX: strconv.Itoa(lx + 18), TextY: strconv.Itoa(legendTop + 15),
		})
	}
	return c
}

// niceCeiling rounds a maximum up to 1, 2 or 5 times a power of ten, at least 4,
// so the four grid steps are whole numbers.
func niceCeiling(v int) int {
	if v <= 4 {
		return 4
	}
	if v > 1<<50 {
		return v // beyond any real count; rounding would overflow
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if c := m * p * 4; c >= v {
				return c
			}
		}
	}
}

// xTickIndexes picks up to five evenly spread points to label on the x axis.
func xTickIndexes(n int) []int {
	if n <= 5 {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, 0, 5)
	for k := 0; k < 5; k++ {
		out = append(out, k*(n-1)/4)
	}
	return out
}

func pointText(x, y float64) string { return htmlpage.Coord(x) + "," + htmlpage.Coord(y) + " " }

func pointTooltip(p history.Point, name string, v int) string {
	return fmt.Sprintf("%s %s: %s, %s", dateOf(p.Date), shortHash(p.Commit), clip(p.Subject, 60), plural(v, name+" finding"))
}

// dateOf shows an RFC 3339 date as YYYY-MM-DD, or as given when it is not one.
func dateOf(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format("2006-01-02")
	}
	return clip(s, 20)
}
