package portfolio

import "github.com/frameshift/frameshift/report/internal/htmlpage"

// The charts, their palette and partials are report's (report/internal/htmlpage),
// so a portfolio and the reports it rolls up look alike; only the label column is
// wider, for repository names.

// effortColor fills the bars of engineer-months.
const effortColor = "#0072B2"

// charts lays out the portfolio's bar charts.
func charts() htmlpage.Charts {
	return htmlpage.Charts{LabelWidth: 260, ValueWidth: 240, LabelRunes: 36, Clip: clip}
}

// frameworkColor is a framework's colour, also for a recommended target: tf2
// takes TensorFlow's colour and keras3 Keras's.
func frameworkColor(name string) string {
	switch name {
	case "tf2":
		name = "tensorflow"
	case "keras3":
		name = "keras"
	}
	return htmlpage.FrameworkColor(name)
}
