package scanner

import (
	"path"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/manifest"
)

// kerasEraDetector settles the era of standalone Keras code. `import keras` means
// Keras 2 or Keras 3 depending on what is installed, so the catalog leaves such uses
// in the era "keras" and this detector decides, for each file, from the most
// specific evidence there is:
//  1. the file itself: Keras-3-only APIs or a KERAS_BACKEND setting mean keras3;
//     tf.keras or tf_keras code (keras2) with no Keras 3 API means keras2;
//  2. the nearest manifest, in the file's folder or the closest folder above it:
//     keras>=3, keras-nightly or keras-core mean keras3; tf-keras, keras 2.x,
//     TensorFlow 1.x or a TensorFlow spec that stops before 2.16 (the release that
//     switched tf.keras to Keras 3) mean keras2, and one that starts at 2.16 keras3;
//  3. the same signals over the whole repository.
//
// When nothing decides, the era stays "keras": the code runs on both, and the
// report says so rather than guess.
type kerasEraDetector struct{}

// kerasEitherEra is the catalog's era for Keras APIs common to Keras 2 and 3.
const kerasEitherEra = "keras"

func (kerasEraDetector) refine(inv *Inventory, _ []classDef, _ *catalog.Catalog) {
	pending := false
	var ev kerasEvidence
	for i := range inv.Findings {
		f := &inv.Findings[i]
		pending = pending || f.Framework == "keras" && f.Era == kerasEitherEra
		ev.see(f.File, f.Framework, f.Era)
	}
	if !pending {
		return
	}
	eraOf := kerasEraResolver(ev.byFile(), inv.Dependencies)
	for i := range inv.Findings {
		f := &inv.Findings[i]
		if f.Framework != "keras" || f.Era != kerasEitherEra {
			continue
		}
		if era := eraOf(f.File); era != "" {
			f.Era = era
		}
	}
}

func (kerasEraDetector) refineCounts(b *summaryBuilder, deps []Dependency, _ []classDef, _ *catalog.Catalog) {
	pending := false
	var ev kerasEvidence
	for _, fc := range b.files {
		for _, c := range fc.counts {
			pending = pending || c.framework == "keras" && c.era == kerasEitherEra
			ev.see(fc.file, c.framework, c.era)
		}
	}
	if !pending {
		return
	}
	eraOf := kerasEraResolver(ev.byFile(), deps)
	for _, fc := range b.files {
		for i := range fc.counts {
			c := &fc.counts[i]
			if c.framework != "keras" || c.era != kerasEitherEra {
				continue
			}
			if era := eraOf(fc.file); era != "" {
				c.era = era
			}
		}
	}
}

// kerasEraResolver returns the era that a file's Keras-either findings take, ""
// when nothing decides it, from each file's own evidence and the dependencies.
func kerasEraResolver(byFile map[string]string, deps []Dependency) func(file string) string {
	byFolder := map[string][]Dependency{}
	for _, d := range deps {
		dir := path.Dir(d.File)
		byFolder[dir] = append(byFolder[dir], d)
	}
	repoEra := declaredKerasEra(deps)
	if k2, k3 := kerasSignals(deps); repoEra == "" && !(k2 && k3) {
		for _, ev := range byFile {
			if ev == "keras3" {
				repoEra = "keras3"
				break
			}
		}
	}
	decided := map[string]string{}
	// A folder's declared era is read once: reading it parses version specs.
	folderEra := map[string]string{}
	declared := func(dir string) string {
		era, ok := folderEra[dir]
		if !ok {
			era = declaredKerasEra(byFolder[dir])
			folderEra[dir] = era
		}
		return era
	}
	return func(file string) string {
		if era, ok := decided[file]; ok {
			return era
		}
		era := byFile[file]
		if era == "" {
			era = nearestDeclaredEra(path.Dir(file), declared)
		}
		if era == "" {
			era = repoEra
		}
		decided[file] = era
		return era
	}
}

// kerasEvidence gathers, per file, what its own Keras code shows.
type kerasEvidence struct {
	has2, has3 map[string]bool
}

func (e *kerasEvidence) see(file, framework, era string) {
	if framework != "keras" {
		return
	}
	switch era {
	case "keras3":
		if e.has3 == nil {
			e.has3 = map[string]bool{}
		}
		e.has3[file] = true
	case "keras2":
		if e.has2 == nil {
			e.has2 = map[string]bool{}
		}
		e.has2[file] = true
	}
}

// byFile says keras3 for a file with Keras-3-only code, keras2 for one with only
// Keras 2 code.
func (e *kerasEvidence) byFile() map[string]string {
	out := map[string]string{}
	for file := range e.has2 {
		if !e.has3[file] {
			out[file] = "keras2"
		}
	}
	for file := range e.has3 {
		out[file] = "keras3"
	}
	return out
}

// nearestDeclaredEra looks for a deciding manifest in dir, then in each folder above.
func nearestDeclaredEra(dir string, declared func(dir string) string) string {
	for {
		if era := declared(dir); era != "" {
			return era
		}
		if dir == "." || dir == "/" || dir == "" {
			return ""
		}
		dir = path.Dir(dir)
	}
}

// declaredKerasEra reads the Keras era that a set of dependencies installs, or ""
// when they do not decide it (or contradict each other).
func declaredKerasEra(deps []Dependency) string {
	keras2, keras3 := kerasSignals(deps)
	switch {
	case keras3 && !keras2:
		return "keras3"
	case keras2 && !keras3:
		return "keras2"
	}
	return ""
}

// kerasSignals says whether the dependencies install Keras 2, Keras 3, or both
// (two services pinning different versions).
func kerasSignals(deps []Dependency) (keras2, keras3 bool) {
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
		case "tensorflow", "tensorflow-gpu", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel":
			switch tensorflowKeras(d) {
			case "keras2":
				keras2 = true
			case "keras3":
				keras3 = true
			}
		}
	}
	return keras2, keras3
}

// tensorflowKeras says which Keras a TensorFlow dependency brings: TF 1.x and TF 2.x
// before 2.16 bundle Keras 2; 2.16 and later install Keras 3.
func tensorflowKeras(d Dependency) string {
	if d.Major != nil && *d.Major == 1 {
		return "keras2"
	}
	before, ok1 := manifest.SpecAllows(d.Spec, "2.15.1")
	after, ok2 := manifest.SpecAllows(d.Spec, "2.16.1")
	switch {
	case !ok1 || !ok2:
		return ""
	case before && !after:
		return "keras2"
	case after && !before:
		return "keras3"
	}
	return ""
}
