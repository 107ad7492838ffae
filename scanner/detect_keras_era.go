package scanner

import "github.com/frameshift/frameshift/scanner/catalog"

// kerasEraDetector settles the era of standalone Keras code. `import keras` means
// Keras 2 or Keras 3 depending on what is installed, which only the manifests tell:
// keras>=3, keras-nightly or keras-core mean keras3; tf-keras, keras 2.x or
// TensorFlow 1.x mean keras2. Without a declared version, Keras-3-only APIs or a
// KERAS_BACKEND setting in the repository mean keras3. Otherwise the era stays
// "keras": the code runs on both, and the report says so rather than guess.
type kerasEraDetector struct{}

// kerasEitherEra is the catalog's era for Keras APIs common to Keras 2 and 3.
const kerasEitherEra = "keras"

func (kerasEraDetector) refine(inv *Inventory, _ []classDef, _ *catalog.Catalog) {
	era := declaredKerasEra(inv.Dependencies)
	if era == "" {
		for _, f := range inv.Findings {
			if f.Framework == "keras" && (f.Era == "keras3" || f.Kind == KindConfig) {
				era = "keras3"
				break
			}
		}
	}
	if era == "" {
		return
	}
	for i := range inv.Findings {
		if inv.Findings[i].Framework == "keras" && inv.Findings[i].Era == kerasEitherEra {
			inv.Findings[i].Era = era
		}
	}
}

func declaredKerasEra(deps []Dependency) string {
	keras3, keras2 := false, false
	for _, d := range deps {
		switch d.Package {
		case "keras", "keras-nightly":
			if d.Major != nil && *d.Major >= 3 {
				keras3 = true
			} else if d.Major != nil {
				keras2 = true
			}
		case "keras-core":
			keras3 = true
		case "tf-keras":
			keras2 = true
		case "tensorflow", "tensorflow-gpu", "tensorflow-cpu":
			if d.Major != nil && *d.Major == 1 {
				keras2 = true
			}
		}
	}
	switch {
	case keras3 && !keras2:
		return "keras3"
	case keras2 && !keras3:
		return "keras2"
	}
	return ""
}
