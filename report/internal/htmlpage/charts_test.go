package htmlpage

import (
	"strings"
	"testing"
)

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

var testCharts = Charts{LabelWidth: 200, ValueWidth: 300, LabelRunes: 8, Clip: cut}

func TestBars(t *testing.T) {
	// The plot is 900 - 200 - 300 = 400 units wide.
	chart := testCharts.Bars("id", "Title", "Desc", []Row{
		{Label: "widest of them all", Low: 10, High: 20},
		{Label: "plain", Low: 5, High: 5},
		{Label: "tiny", Low: 0.001, High: 0.001},
		{Label: "none", Low: 0, High: 0},
		{Label: "negative", Low: -3, High: -3},
	})
	if chart == nil {
		t.Fatal("no chart for five rows")
	}
	if chart.Width != ChartWidth || chart.Height != 5*(18+8)+8 || chart.LabelX != 192 || chart.ValueX != 608 {
		t.Errorf("chart frame = %d×%d, label at %d, value at %d", chart.Width, chart.Height, chart.LabelX, chart.ValueX)
	}
	tests := []struct {
		label, w, lowW string
		ranged         bool
	}{
		{"widest …", "400", "200", true},
		{"plain", "100", "100", false},
		{"tiny", "1", "1", false}, // a positive amount stays visible
		{"none", "0", "0", false},
		{"negative", "0", "0", false}, // never a negative SVG width
	}
	for i, tt := range tests {
		b := chart.Bars[i]
		if b.Label != tt.label || b.W != tt.w || b.LowW != tt.lowW || b.Ranged != tt.ranged || b.X != "200" {
			t.Errorf("bar %d = %+v, want label %q, width %s, low width %s, ranged %v at x 200", i, b, tt.label, tt.w, tt.lowW, tt.ranged)
		}
	}
	if testCharts.Bars("id", "", "", nil) != nil {
		t.Error("a chart with no rows is drawn")
	}
}

func TestStack(t *testing.T) {
	chart := testCharts.Stack("mix", "Mix", "", []Row{
		{Label: "tensorflow", Value: "75%", High: 3, Fill: "#E69F00"},
		{Label: "pytorch", Value: "25%", High: 1, Fill: "#0072B2"},
		{Label: "jax", Value: "0%", High: 0},
		{Label: "keras", Value: "0%", High: 0},
	})
	if chart == nil {
		t.Fatal("no chart")
	}
	var xs, ws []string
	for _, s := range chart.Segments {
		xs, ws = append(xs, s.X), append(ws, s.W)
	}
	if got := strings.Join(xs, " ") + " / " + strings.Join(ws, " "); got != "0 675 900 900 / 675 225 0 0" {
		t.Errorf("segments x / w = %s", got)
	}
	// Three legend entries a row: the fourth starts a second row.
	if chart.Height != 40+2*LegendRowHeight+8 {
		t.Errorf("height %d for two legend rows", chart.Height)
	}
	if l := chart.Legend[3]; l.SwatchX != "0" || l.TextY != "75" || l.Label != "keras 0%" {
		t.Errorf("fourth legend entry = %+v", l)
	}
	if l := chart.Legend[0]; l.Label != "tensorflow 75%" || l.TextX != "18" {
		t.Errorf("first legend entry = %+v", l)
	}
	if testCharts.Stack("mix", "", "", []Row{{High: 0}}) != nil {
		t.Error("a stack of nothing is drawn")
	}
}

func TestCoord(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 12: "12", 12.25: "12.2", 12.26: "12.3", 899.96: "900"} {
		if got := Coord(in); got != want {
			t.Errorf("Coord(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestPalette(t *testing.T) {
	if FrameworkColor("pytorch") != EraColor("pytorch") || FrameworkColor("tensorflow") != EraColor("tf2") {
		t.Error("a framework's colour and its main era's differ")
	}
	if FrameworkColor("<script>") != OtherColor || EraColor("") != OtherColor {
		t.Error("an unknown name does not get the neutral colour")
	}
}
