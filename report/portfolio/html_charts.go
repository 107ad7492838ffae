package portfolio

import (
	"strconv"
	"strings"
)

// Charts are plain geometry and text computed here; the template turns them into
// inline SVG, so every label from a report goes through html/template's escaping.
// The geometry and palette are report's (report/html_charts.go), so a portfolio
// and the reports it rolls up look alike.

const (
	chartWidth    = 900
	barLabelWidth = 260
	barValueWidth = 240
	barHeight     = 18
	barGap        = 8
	barLabelRunes = 36
	legendRowH    = 20
)

// frameworkColor follows the Okabe–Ito palette, readable by colour-blind people
// and distinct in greyscale print.
func frameworkColor(name string) string {
	switch name {
	case "tensorflow", "tf2":
		return "#E69F00"
	case "keras", "keras3":
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

const (
	otherColor  = "#999999"
	effortColor = "#0072B2"
)

// barChart is a horizontal bar chart. A bar may show a range: the solid part up to
// the low bound, a lighter part on to the high bound.
type barChart struct {
	ID, Title, Desc string
	Width, Height   int
	LabelX, ValueX  int
	Bars            []bar
}

type bar struct {
	Label, Value, Tooltip, Fill string
	X, Y, W, LowW, H, TextY     string
	// Ranged is true when the bar has a lighter high part.
	Ranged bool
}

// barRow is one input row: Low is the solid length, High the whole one; a plain
// bar has Low == High.
type barRow struct {
	Label, Value, Tooltip, Fill string
	Low, High                   float64
}

func newBarChart(id, title, desc string, rows []barRow) *barChart {
	if len(rows) == 0 {
		return nil
	}
	top := 0.0
	for _, r := range rows {
		top = max(top, r.High)
	}
	plot := float64(chartWidth - barLabelWidth - barValueWidth)
	c := &barChart{
		ID: id, Title: title, Desc: desc, Width: chartWidth,
		Height: len(rows)*(barHeight+barGap) + barGap,
		LabelX: barLabelWidth - 8, ValueX: chartWidth - barValueWidth + 8,
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
		c.Bars = append(c.Bars, bar{
			Label: clip(r.Label, barLabelRunes), Value: r.Value, Tooltip: r.Tooltip, Fill: r.Fill,
			X: num1(barLabelWidth), Y: strconv.Itoa(y), W: num1(w), LowW: num1(lw), H: strconv.Itoa(barHeight),
			TextY: strconv.Itoa(y + barHeight - 5), Ranged: w > lw,
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
		total += r.High
	}
	if total <= 0 {
		return nil
	}
	const perRow = 3
	legendRows := (len(rows) + perRow - 1) / perRow
	c := &stackChart{ID: id, Title: title, Desc: desc, Width: chartWidth, Height: 40 + legendRows*legendRowH + 8}
	x := 0.0
	for i, r := range rows {
		w := r.High / total * chartWidth
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

func num1(x float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
}
