package htmlpage

import (
	"strconv"
	"strings"
)

// Chart geometry, in SVG user units (the viewBox scales to the page).
const (
	// ChartWidth is the width of every chart.
	ChartWidth = 900
	// LegendRowHeight is the height of one row of a legend.
	LegendRowHeight = 20

	barHeight = 18
	barGap    = 8
	// legendPerRow is how many entries a stack chart's legend puts on one row.
	legendPerRow = 3
)

// Charts lays out the bar and stack charts of one page. Each page sizes its
// label column to what its labels are (paths for a report, repository names for a
// portfolio) and clips labels its own way.
type Charts struct {
	// LabelWidth and ValueWidth are the columns left and right of the bars.
	LabelWidth, ValueWidth int
	// LabelRunes is the most runes of a bar's label.
	LabelRunes int
	// Clip shortens a label to at most n runes.
	Clip func(s string, n int) string
}

// Row is one input row of a chart. Low is the solid length of its bar and High
// the whole one: a bar with High above Low shows a range, a lighter part from the
// low to the high bound. A plain amount has Low == High.
type Row struct {
	Label, Value, Tooltip, Fill string
	Low, High                   float64
}

// BarChart is a horizontal bar chart, one labelled bar per row, for the "bars"
// partial.
type BarChart struct {
	ID, Title, Desc string
	Width, Height   int
	LabelX, ValueX  int
	Bars            []Bar
}

// Bar is one bar of a BarChart, its numbers already text.
type Bar struct {
	Label, Value, Tooltip, Fill string
	X, Y, W, LowW, H, TextY     string
	// Ranged is true when the bar has a lighter high part.
	Ranged bool
}

// Bars lays out a bar chart, the longest bar's high bound across the plot; nil
// when there are no rows. A bar of a positive amount is at least one unit wide, so
// it stays visible next to a much larger one.
func (c Charts) Bars(id, title, desc string, rows []Row) *BarChart {
	if len(rows) == 0 {
		return nil
	}
	top := 0.0
	for _, r := range rows {
		top = max(top, r.High)
	}
	plot := float64(ChartWidth - c.LabelWidth - c.ValueWidth)
	chart := &BarChart{
		ID: id, Title: title, Desc: desc, Width: ChartWidth,
		Height: len(rows)*(barHeight+barGap) + barGap,
		LabelX: c.LabelWidth - 8, ValueX: ChartWidth - c.ValueWidth + 8,
	}
	scale := func(v float64) float64 {
		if top <= 0 || v <= 0 {
			return 0
		}
		return max(v/top*plot, 1)
	}
	for i, r := range rows {
		y := barGap + i*(barHeight+barGap)
		w, lw := scale(r.High), scale(min(r.Low, r.High))
		chart.Bars = append(chart.Bars, Bar{
			Label: c.Clip(r.Label, c.LabelRunes), Value: r.Value, Tooltip: r.Tooltip, Fill: r.Fill,
			X: Coord(float64(c.LabelWidth)), Y: strconv.Itoa(y), W: Coord(w), LowW: Coord(lw), H: strconv.Itoa(barHeight),
			TextY: strconv.Itoa(y + barHeight - 5), Ranged: w > lw,
		})
	}
	return chart
}

// StackChart is one bar split into shares, with a legend, for the "stack" partial:
// the framework mix.
type StackChart struct {
	ID, Title, Desc string
	Width, Height   int
	Segments        []Segment
	Legend          []LegendItem
}

// Segment is one share of a StackChart.
type Segment struct {
	X, W, Fill, Tooltip string
}

// LegendItem is a colour swatch and its label.
type LegendItem struct {
	Label, Fill, SwatchX, SwatchY, TextX, TextY string
}

// Stack lays out the rows' High amounts as shares of one bar; nil when they add
// up to nothing.
func (c Charts) Stack(id, title, desc string, rows []Row) *StackChart {
	total := 0.0
	for _, r := range rows {
		total += r.High
	}
	if total <= 0 {
		return nil
	}
	legendRows := (len(rows) + legendPerRow - 1) / legendPerRow
	chart := &StackChart{ID: id, Title: title, Desc: desc, Width: ChartWidth, Height: 40 + legendRows*LegendRowHeight + 8}
	x := 0.0
	for i, r := range rows {
		w := r.High / total * ChartWidth
		chart.Segments = append(chart.Segments, Segment{X: Coord(x), W: Coord(w), Fill: r.Fill, Tooltip: r.Tooltip})
		x += w
		col, row := i%legendPerRow, i/legendPerRow
		lx := col * (ChartWidth / legendPerRow)
		ly := 40 + row*LegendRowHeight
		chart.Legend = append(chart.Legend, LegendItem{
			Label: c.Clip(r.Label+" "+r.Value, 40), Fill: r.Fill,
			SwatchX: strconv.Itoa(lx), SwatchY: strconv.Itoa(ly + 4),
			TextX: strconv.Itoa(lx + 18), TextY: strconv.Itoa(ly + 15),
		})
	}
	return chart
}

// Coord renders an SVG coordinate or length with at most one decimal.
func Coord(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
}
