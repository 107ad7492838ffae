package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/python"
)

func collect(t *testing.T, files int, seed uint64) []genFile {
	t.Helper()
	var out []genFile
	if err := generate(files, seed, func(f genFile) error {
		out = append(out, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func digest(files []genFile) [32]byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.path))
		h.Write([]byte{0})
		h.Write(f.data)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func TestSameSeedSameBytes(t *testing.T) {
	a, b := collect(t, 150, 7), collect(t, 150, 7)
	if digest(a) != digest(b) {
		t.Fatal("two runs with seed 7 differ")
	}
	if c := collect(t, 150, 8); digest(a) == digest(c) {
		t.Fatal("seeds 7 and 8 gave the same corpus")
	}
}

func TestCountsFollowTheMix(t *testing.T) {
	total := 0
	for _, k := range mix {
		total += k.percent
	}
	if total != 100 {
		t.Fatalf("the mix adds up to %d%%", total)
	}
	for _, n := range []int{1, 7, 99, 250, 3000} {
		c := counts(n)
		sum := 0
		for i, k := range mix {
			sum += c[i]
			if exact := float64(n*k.percent) / 100; float64(c[i]) < exact-1 || float64(c[i]) > exact+1 {
				t.Errorf("counts(%d)[%s] = %d, want %.1f ± 1", n, k.name, c[i], exact)
			}
		}
		if sum != n {
			t.Errorf("counts(%d) adds up to %d", n, sum)
		}
	}
	files := collect(t, 250, 1)
	got := make([]int, len(mix))
	for _, f := range files {
		got[f.kind]++
	}
	want := counts(250)
	for i := range mix {
		if got[i] != want[i] {
			t.Errorf("%s: generated %d files, the mix says %d", mix[i].name, got[i], want[i])
		}
	}
}

func TestPathsAreUniqueAndRelative(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range collect(t, 600, 3) {
		if seen[f.path] {
			t.Errorf("path %s generated twice", f.path)
		}
		seen[f.path] = true
		if filepath.IsAbs(f.path) || strings.Contains(f.path, "..") {
			t.Errorf("path %s escapes the output folder", f.path)
		}
	}
}

// frameworkNames are the module roots a prefilter looks for, beyond those the
// catalog knows today.
var frameworkNames = []string{"tensorflow", "keras", "torch", "jax", "flax", "optax"}

// TestGeneratedCodeParses runs every generated Python file and notebook through
// the analyzer: the corpus must be valid Python, framework files must import
// their framework, and plain files must not mention any, so that they measure
// the prefilter.
func TestGeneratedCodeParses(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	needles := append(append([]string{}, frameworkNames...), cat.Roots()...)
	a, err := python.New(python.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var totalSize, n int
	for _, f := range collect(t, 300, 11) {
		totalSize += len(f.data)
		n++
		k := mix[f.kind]
		src := f.data
		switch {
		case strings.HasSuffix(f.path, ".ipynb"):
			src = notebookCode(t, f)
		case !strings.HasSuffix(f.path, ".py"):
			continue
		}
		res, err := a.Analyze(src)
		if err != nil {
			t.Fatalf("%s: %v", f.path, err)
		}
		if res.ErrorNodes != 0 {
			t.Errorf("%s (%s): %d syntax errors", f.path, k.name, res.ErrorNodes)
		}
		mentions := false
		for _, needle := range needles {
			if bytes.Contains(src, []byte(needle)) {
				mentions = true
			}
		}
		if k.framework {
			if !importsFramework(res.Imports) {
				t.Errorf("%s (%s): imports no framework", f.path, k.name)
			}
		} else if mentions && k.write != nil {
			t.Errorf("%s (%s): plain file mentions a framework name", f.path, k.name)
		}
	}
	if avg := totalSize / n; avg < 8000 || avg > 25000 {
		t.Errorf("average file size %d bytes, want about 15 KB", avg)
	}
}

func importsFramework(imports []python.Import) bool {
	for _, imp := range imports {
		root, _, _ := strings.Cut(imp.Module, ".")
		for _, fw := range frameworkNames {
			if root == fw {
				return true
			}
		}
	}
	return false
}

func notebookCode(t *testing.T, f genFile) []byte {
	t.Helper()
	var nb notebook
	if err := json.Unmarshal(f.data, &nb); err != nil {
		t.Fatalf("%s: not JSON: %v", f.path, err)
	}
	if nb.NBFormat != 4 || len(nb.Cells) < 2 {
		t.Fatalf("%s: nbformat %d with %d cells", f.path, nb.NBFormat, len(nb.Cells))
	}
	var code bytes.Buffer
	for _, c := range nb.Cells {
		if c.CellType == "code" {
			code.WriteString(strings.Join(c.Source, ""))
			code.WriteString("\n")
		}
	}
	return code.Bytes()
}

func TestRunWritesTheCorpus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "corpus")
	var stdout bytes.Buffer
	if err := run([]string{"-out", out, "-files", "40", "-seed", "5"}, &stdout); err != nil {
		t.Fatal(err)
	}
	for _, f := range collect(t, 40, 5) {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, f.data) {
			t.Errorf("%s on disk differs from the generator's", f.path)
		}
	}
	if !strings.Contains(stdout.String(), "40 files") || !strings.Contains(stdout.String(), "pytorch") {
		t.Errorf("the printed mix is missing totals or kinds:\n%s", stdout.String())
	}
	if err := run([]string{"-out", out}, &stdout); err == nil {
		t.Error("run over a non-empty folder succeeded")
	}
	if err := run(nil, &stdout); err == nil {
		t.Error("run without -out succeeded")
	}
	if err := run([]string{"-out", filepath.Join(t.TempDir(), "x"), "-files", "0"}, &stdout); err == nil {
		t.Error("run with -files 0 succeeded")
	}
}

func TestASTGrepRulesCoverTheCatalog(t *testing.T) {
	dir := t.TempDir()
	n, err := writeASTGrepRules(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("%d rules; the catalog has thousands of symbols", n)
	}
	data, err := os.ReadFile(filepath.Join(dir, "rules", "catalog.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pattern: tf.Session\n", "pattern: torch.nn.Module\n", "pattern: jax.jit\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("rules lack %q", strings.TrimSpace(want))
		}
	}
	if strings.Count(string(data), "\nid: ") != n || !strings.HasPrefix(string(data), "---\nid: ") {
		t.Errorf("rule count in the file does not match %d", n)
	}
}
