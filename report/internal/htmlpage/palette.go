package htmlpage

// The palette follows Okabe–Ito, readable by colour-blind people and distinct in
// greyscale print.

// OtherColor is the colour of anything the palette does not name.
const OtherColor = "#999999"

// FrameworkColor is a framework's colour: tensorflow, keras, pytorch or jax.
func FrameworkColor(name string) string {
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
	return OtherColor
}

// EraColor shades each framework's eras, the older era darker.
func EraColor(era string) string {
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
	return OtherColor
}
