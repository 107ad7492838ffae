package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/frameshift/frameshift/scanner/history"
)

// Charts are computed here, in Go, as plain geometry and text; the template turns
// them into inline SVG, so every label from the scanned repository goes through
// html/template's escaping like any other text.

// Chart geometry, in SVG user units (the viewBox scales to the page).
const (
	chartWidth     = 900
	barLabelWidth  = 230
	barValueWidth  = 270
	barHeight      = 18
	barGap         = 8
	barLabelRunes  = 32
	lineChartTop   = 16
	lineChartLeft  = 56
	lineChartRight = 16
	lineChartPlotH = 220
	lineChartAxisH = 40
	legendRowH     = 20
	maxHistoryDots = 200
)

// frameworkColor follows the Okabe–Ito palette, readable by colour-blind people
// and distinct in greyscale print.
func frameworkColor(name string) string {
	switch name {
	case "tensorflow":
		return "#E69F00"
	case "keras":
		return "#D55E00"
	case "pytorch":
		return "#0072B2"
	case "jax":
		return "#009E73"
	}
	return otherColor
}

// eraColor shades each framework's eras, the older era darker.
func eraColor(era string) string {
	switch era {
	case "tf1":
		return "#9C6B00"
	case "tf2":
		return "#E69F00"
	case "tf-core":
		return "#F3C969"
	case "keras2":
		return "#8F3A00"
	case "keras3":
		return "#D55E00"
	case "keras":
		return "#F0A273"
	case "pytorch":
		return "#0072B2"
	case "jax":
		return "#009E73"
	}
	return otherColor
}

const otherColor = "#999999"

// barChart is a horizontal bar chart: one labelled bar per row.
type barChart struct {
	ID, Title, Desc string
	Width, Height   int
	LabelX, ValueX  int
	Bars            []bar
}

type bar struct {
	Label, Value, Tooltip, Fill string
	X, Y, W, H, TextY           string
}

// barRow is one input row of a bar chart.
type barRow struct {
	Label, Value, Tooltip, Fill string
	Amount                      float64
}

func newBarChart(id, title, desc string, rows []barRow) *barChart {
	if len(rows) == 0 {
		return nil
	}
	maxAmount := 0.0
	for _, r := range rows {
		maxAmount = max(maxAmount, r.Amount)
	}
	plot := float64(chartWidth - barLabelWidth - barValueWidth)
	c := &barChart{
		ID: id, Title: title, Desc: desc, Width: chartWidth,
		Height: len(rows)*(barHeight+barGap) + barGap,
		LabelX: barLabelWidth - 8, ValueX: chartWidth - barValueWidth + 8,
	}
	for i, r := range rows {
		w := 0.0
		if maxAmount > 0 {
			w = r.Amount / maxAmount * plot
		}
		if r.Amount > 0 && w < 1 {
			w = 1
		}
		y := barGap + i*(barHeight+barGap)
		c.Bars = append(c.Bars, bar{
			Label: clip(r.Label, barLabelRunes), Value: r.Value, Tooltip: r.Tooltip, Fill: r.Fill,
			X: num1(barLabelWidth), Y: strconv.Itoa(y), W: num1(w), H: strconv.Itoa(barHeight),
			TextY: strconv.Itoa(y + barHeight - 5),
		})
	}
	return c
}

// stackChart is one bar split into shares, with a legend: the framework mix.
type stackChart struct {
	ID, Title, Desc string
	Width, Height   int
	Segments        []segment
	Legend          []legendItem
}

type segment struct {
	X, W, Fill, Tooltip string
}

type legendItem struct {
	Label, Fill, SwatchX, SwatchY, TextX, TextY string
}

func newStackChart(id, title, desc string, rows []barRow) *stackChart {
	total := 0.0
	for _, r := range rows {
		total += r.Amount
	}
	if total <= 0 {
		return nil
	}
	perRow := 3
	legendRows := (len(rows) + perRow - 1) / perRow
	c := &stackChart{ID: id, Title: title, Desc: desc, Width: chartWidth, Height: 40 + legendRows*legendRowH + 8}
	x := 0.0
	for i, r := range rows {
		w := r.Amount / total * chartWidth
		c.Segments = append(c.Segments, segment{X: num1(x), W: num1(w), Fill: r.Fill, Tooltip: r.Tooltip})
		x += w
		col, row := i%perRow, i/perRow
		lx := col * (chartWidth / perRow)
		ly := 40 + row*legendRowH
		c.Legend = append(c.Legend, legendItem{
			Label: clip(r.Label+" "+r.Value, 40), Fill: r.Fill,
			SwatchX: strconv.Itoa(lx), SwatchY: strconv.Itoa(ly + 4),
			TextX: strconv.Itoa(lx + 18), TextY: strconv.Itoa(ly + 15),
		})
	}
	return c
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
	Legend          []legendItem
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
	plotW := float64(chartWidth - lineChartLeft - lineChartRight)
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
		ID: "chart-history", Width: chartWidth,
		Height:     legendTop + legendRowH + 8,
		PlotTop:    num1(lineChartTop),
		PlotBottom: num1(lineChartTop + lineChartPlotH),
		PlotLeft:   num1(lineChartLeft),
		PlotRight:  num1(chartWidth - lineChartRight),
		Title:      "Findings over history",
		Desc: fmt.Sprintf("%s sampled from %s to %s: %s findings at the first, %s at the last.",
			plural(len(points), "commit"), dateOf(points[0].Date), dateOf(points[len(points)-1].Date),
			strconv.Itoa(points[0].Findings), strconv.Itoa(points[len(points)-1].Findings)),
	}
	for i := 0; i <= 4; i++ {
		v := top * i / 4
		c.YTicks = append(c.YTicks, tick{Label: strconv.Itoa(v), X: num1(lineChartLeft - 6), Y: num1(yOf(v)), Anchor: "end"})
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
		c.XTicks = append(c.XTicks, tick{Label: dateOf(points[i].Date), X: num1(xOf(i)), Y: num1(lineChartTop + lineChartPlotH + 18), Anchor: anchor})
	}

	// Past a few hundred commits the dots merge into the line and only add weight.
	withDots := len(points) <= maxHistoryDots
	total := series{Name: "all frameworks", Stroke: "#333333", Dash: "4 3"}
	for i, p := range points {
		total.Points += pointText(xOf(i), yOf(p.Findings))
		if withDots {
			total.Dots = append(total.Dots, dot{X: num1(xOf(i)), Y: num1(yOf(p.Findings)), Tooltip: pointTooltip(p, "all frameworks", p.Findings)})
		}
	}
	for _, name := range fwNames {
		s := series{Name: name, Stroke: frameworkColor(name)}
		for i, p := range points {
			v := 0
			for _, fw := range p.Frameworks {
				if fw.Name == name {
					v = fw.Findings
				}
			}
			s.Points += pointText(xOf(i), yOf(v))
			if withDots {
				s.Dots = append(s.Dots, dot{X: num1(xOf(i)), Y: num1(yOf(v)), Tooltip: pointTooltip(p, name, v)})
			}
		}
		c.Series = append(c.Series, s)
	}
	c.Series = append(c.Series, total)
	for i, s := range c.Series {
		lx := i * (chartWidth / max(len(c.Series), 1))
		c.Legend = append(c.Legend, legendItem{
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

func pointText(x, y float64) string { return num1(x) + "," + num1(y) + " " }

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

func num1(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
}
