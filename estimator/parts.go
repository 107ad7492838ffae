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

// groupKey is what makes two findings of one file count alike on a path.
type groupKey struct {
	rule *catalog.Rule
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
	// Findings come grouped by file, so groups are looked up among the current
	// file's few, and a file's folder and part facts are computed once.
	var (
		file, folder string
		inTF, inTF1  bool
		fileGroups   []groupKey
		fileIDs      []int
		groups       int
		rules        = map[string]*catalog.Rule{}
	)
	for i := range inv.Findings {
		f := &inv.Findings[i]
		if i == 0 || f.File != file {
			file, folder = f.File, topFolder(f.File)
			inTF, inTF1 = tfFiles[file], tf1Files[file]
			fileGroups, fileIDs = fileGroups[:0], fileIDs[:0]
		}
		rule, ok := rules[f.Rule]
		if !ok {
			rule = cat.Rule(f.Rule)
			rules[f.Rule] = rule
		}
		it := item{f: f, rule: rule, folder: folder}
		it.model = it.rule != nil && it.rule.HasTag("model")
		switch f.Framework {
		case "tensorflow":
			it.part = "tf2"
			if inTF1 {
				it.part = "tf1"
			}
		case "keras":
			switch {
			case f.Era == "keras3" || f.Kind == scanner.KindConfig:
				it.part = "keras3"
			case inTF1:
				it.part = "tf1"
			case inTF:
				it.part = "tf2"
			default:
				it.part = "keras2"
			}
		case "pytorch", "jax":
			it.part = f.Framework
		}
		k := groupKey{rule: it.rule, part: it.part, era: f.Era, fw: f.Framework}
		it.group = -1
		for j := len(fileGroups) - 1; j >= 0; j-- {
			if fileGroups[j] == k {
				it.group = fileIDs[j]
				break
			}
		}
		if it.group < 0 {
			it.group = groups
			groups++
			fileGroups = append(fileGroups, k)
			fileIDs = append(fileIDs, it.group)
		}
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
