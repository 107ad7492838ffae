package estimator

import (
	"path"
	"sort"
	"strings"

	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// partLabels name the parts for people, in paths.Parts order.
var partLabels = map[string]string{
	"tf1":     "TF 1.x code",
	"tf2":     "TF 2.x code (tf.keras included)",
	"keras2":  "standalone Keras 2 code",
	"keras3":  "Keras 3 code",
	"pytorch": "PyTorch code",
	"jax":     "JAX code",
}

// item is one finding with what the estimator derives from it once.
type item struct {
	f    *scanner.Finding
	rule *catalog.Rule
	// part is where the finding's code sits: tf1, tf2, keras2, keras3, pytorch, jax.
	part string
	// folder is the file's top-level folder, "." for files at the root.
	folder string
	// group numbers the items that share rule, file and part: they count alike on
	// every path, so a path adds up their hours in a slice, not in maps.
	group int
	// model is the rule's model tag, looked up once.
	model bool
}

// groupKey is what makes two findings count alike on a path.
type groupKey struct {
	rule *catalog.Rule
	file string
	part string
	era  string
	fw   string
}

// classify gives each finding its part. A file that shows any TF1-era TensorFlow
// finding is TF 1.x code as a whole: its tf-core calls and tf.keras uses run in a
// TF1 program. Other TensorFlow files are TF 2.x code, and so is tf.keras. Keras
// findings in files without TensorFlow are standalone Keras 2, unless the scanner
// settled their era to keras3 (or they set KERAS_BACKEND, which only Keras 3 reads).
func classify(inv *scanner.Inventory, cat *catalog.Catalog) []item {
	tf1Files := map[string]bool{}
	tfFiles := map[string]bool{}
	for i := range inv.Findings {
		f := &inv.Findings[i]
		if f.Framework == "tensorflow" {
			tfFiles[f.File] = true
			if f.Era == "tf1" {
				tf1Files[f.File] = true
			}
		}
	}
	items := make([]item, 0, len(inv.Findings))
	folders := map[string]string{}
	groups := map[groupKey]int{}
	for i := range inv.Findings {
		f := &inv.Findings[i]
		folder, ok := folders[f.File]
		if !ok {
			folder = topFolder(f.File)
			folders[f.File] = folder
		}
		it := item{f: f, rule: cat.Rule(f.Rule), folder: folder}
		it.model = it.rule != nil && it.rule.HasTag("model")
		switch f.Framework {
		case "tensorflow":
			it.part = "tf2"
			if tf1Files[f.File] {
				it.part = "tf1"
			}
		case "keras":
			switch {
			case f.Era == "keras3" || f.Kind == scanner.KindConfig:
				it.part = "keras3"
			case tf1Files[f.File]:
				it.part = "tf1"
			case tfFiles[f.File]:
				it.part = "tf2"
			default:
				it.part = "keras2"
			}
		case "pytorch", "jax":
			it.part = f.Framework
		}
		k := groupKey{rule: it.rule, file: f.File, part: it.part, era: f.Era, fw: f.Framework}
		g, ok := groups[k]
		if !ok {
			g = len(groups)
			groups[k] = g
		}
		it.group = g
		items = append(items, it)
	}
	return items
}

// topFolder is the first segment of a slash-separated path, "." for root files.
func topFolder(file string) string {
	clean := path.Clean(strings.TrimPrefix(file, "./"))
	if i := strings.IndexByte(clean, '/'); i > 0 {
		return clean[:i]
	}
	return "."
}

// summariseParts counts the files, lines and findings of each part present, and
// lists the paths that apply to it, in the order of ps.
func summariseParts(inv *scanner.Inventory, items []item, ps []paths.Path) []Part {
	lines := map[string]int{}
	for _, fr := range inv.Files {
		lines[fr.Path] = fr.Lines
	}
	type acc struct {
		files    map[string]bool
		findings int
	}
	byPart := map[string]*acc{}
	for _, it := range items {
		if it.part == "" {
			continue
		}
		a := byPart[it.part]
		if a == nil {
			a = &acc{files: map[string]bool{}}
			byPart[it.part] = a
		}
		a.files[it.f.File] = true
		a.findings++
	}
	var out []Part
	for _, name := range paths.Parts {
		a := byPart[name]
		if a == nil {
			continue
		}
		p := Part{Name: name, Label: partLabels[name], Files: len(a.files), Findings: a.findings, Paths: []string{}}
		for file := range a.files {
			p.Lines += lines[file]
		}
		for i := range ps {
			if ps[i].HasSource(name) {
				p.Paths = append(p.Paths, ps[i].ID)
			}
		}
		out = append(out, p)
	}
	return out
}

// partsPresent returns the names of the parts in use, in paths.Parts order.
func partsPresent(parts []Part) []string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		out = append(out, p.Name)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
