package scanner

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/walk"
)

// unfiltered analyses every file fully: the reference the prefilter is held to.
func unfiltered(t testing.TB, cat *catalog.Catalog) *fileAnalyzer {
	t.Helper()
	fa := newFileAnalyzer(cat, nil, 0)
	t.Cleanup(fa.close)
	return fa
}

// TestPrefilterSoundOnFixtures analyses every candidate file of the fixtures with
// and without the prefilter: each file with a finding must pass it, and the
// findings must be the same.
func TestPrefilterSoundOnFixtures(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	all, filtered := unfiltered(t, cat), newTestAnalyzer(t, cat)
	withFindings, rejected := 0, 0
	err = filepath.WalkDir(filepath.Join("..", "fixtures"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !selectCandidate(p) {
			return err
		}
		// A scan never reads files over the walk's size cap (broken-inputs/huge.py).
		if info, err := d.Info(); err != nil || info.Size() > walk.DefaultMaxFileSize {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		want := all.analyzeFile(p, data, os.ReadFile)
		got := filtered.analyzeFile(p, data, os.ReadFile)
		if len(want.findings) > 0 {
			withFindings++
		}
		if len(got.findings) < len(want.findings) {
			t.Errorf("%s: the prefilter rejects a file with %d findings", p, len(want.findings))
		}
		if diff := cmp.Diff(want.findings, got.findings, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: findings differ with the prefilter (-without +with):\n%s", p, diff)
		}
		if src := prefilterInput(p, data); src != nil && !filtered.filter.mayMatch(src) {
			rejected++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if withFindings == 0 || rejected == 0 {
		t.Fatalf("%d files with findings, %d rejected: the fixtures no longer test the prefilter", withFindings, rejected)
	}
}

// prefilterInput is the text the prefilter sees for a Python file (nil for others).
func prefilterInput(p string, data []byte) []byte {
	if classify(p)&kindPython != 0 {
		return decodeSource(data)
	}
	return nil
}

// prefilterCases are inputs at the edges of what the filter must pass.
var prefilterCases = []struct {
	name string
	src  string
	want bool
}{
	{"import", "import torch\n", true},
	{"from import of a satellite", "from tensorflow_hub import load\n", true},
	{"aliased import", "import tensorflow.compat.v1 as tf\n", true},
	{"root only inside longer names", "torchlight = my_torch_model.jaxpr()\n", false},
	{"root with a digit suffix", "torch2 = 1\n", false},
	{"plain code", "import numpy as np\nimport os\nx = np.zeros(3)\n", false},
	{"empty", "", false},
	{"comment mentions a root", "# ported from torch\n", true},
	{"dynamic import", "m = __import__(\"torch\")\n", true},
	{"dynamic import of a submodule", "m = importlib.import_module('tensorflow.keras')\n", true},
	{"dynamic import through a from-import", "from importlib import import_module\nimport_module(\"jax.numpy\")\n", true},
	{"setting in Python", "import os\nos.environ[\"KERAS_BACKEND\"] = \"numpy\"\n", true},
	{"setting in a shell script", "export KERAS_BACKEND=numpy\n", true},
	{"setting at the end of a longer name", "export MY_KERAS_BACKEND=numpy\n", true},
	{"setting name continued", "KERAS_BACKEND_X = 1\n", false},
	{"other settings", "TF_USE_LEGACY_KERAS: \"1\"\nPJRT_DEVICE=TPU\nENV JAX_PLATFORMS tpu\n", true},
	{"no-break space after import", "import\u00a0torch\n", true},
	{"zero-width space after a root", "import torch\u200b\n", true},
	{"non-ASCII letter glued to a root", "import torch\u00e9\n", true},
	{"number running into a root", "import 1torch\n", true},
	{"hex literal running into a root", "x = 0x1ftorch\n", true},
	{"number alone", "x = 100 + 3.5e10\n", false},
}

// TestPrefilterCases holds the filter to the table, and to the analysis: a case
// whose full analysis (as Python, and as a shell script for settings) yields a
// finding must pass.
func TestPrefilterCases(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	all, filtered := unfiltered(t, cat), newTestAnalyzer(t, cat)
	for _, c := range prefilterCases {
		t.Run(c.name, func(t *testing.T) {
			if got := filtered.filter.mayMatch([]byte(c.src)); got != c.want {
				t.Errorf("mayMatch(%q) = %v, want %v", c.src, got, c.want)
			}
			for _, p := range []string{"case.py", "case.sh"} {
				if n := len(all.analyzeFile(p, []byte(c.src), nil).findings); n > 0 && !c.want {
					t.Errorf("%s: %d findings, yet the case expects the filter to reject it", p, n)
				}
			}
		})
	}
}

// TestPrefilterOddRoots covers roots a user's rules might hold that are not
// identifiers: they are searched as bytes.
func TestPrefilterOddRoots(t *testing.T) {
	p := newPrefilter([]string{"my-lib", "caf\u00e9", "torch"}, "MY_SETTING")
	for src, want := range map[string]bool{
		"import my-lib\n":      true,
		"import caf\u00e9\n":   true,
		"import cafe\n":        false,
		"x = 1\n":              false,
		"A_MY_SETTING: 1\n":    true,
		"MY_SETTINGS: 1\n":     false,
		"torch\n":              true,
		"torchvision.models\n": false,
	} {
		if got := p.mayMatch([]byte(src)); got != want {
			t.Errorf("mayMatch(%q) = %v, want %v", src, got, want)
		}
	}
	if !(*prefilter)(nil).mayMatch([]byte("x")) {
		t.Error("a nil prefilter must pass everything")
	}
}

// FuzzPrefilterSound checks the filter against the analysis on arbitrary input:
// whatever yields a finding, as Python or as a shell script, must pass.
func FuzzPrefilterSound(f *testing.F) {
	for _, c := range prefilterCases {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("import tensorflow as tf\nfor step in range(3)\n    tf.logging.info('x')\n"))
	f.Add([]byte("from torch import nn\nclass Net(nn.Module):\n    def f(self, x): return x.add_(1)\n"))
	cat, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	all := unfiltered(f, cat)
	filter := newPrefilter(cat.Roots(), settingNames()...)
	f.Fuzz(func(t *testing.T, src []byte) {
		if filter.mayMatch(decodeSource(src)) && filter.mayMatch(src) {
			return
		}
		for _, p := range []string{"f.py", "f.sh"} {
			res := all.analyzeFile(p, src, nil)
			in := src
			if p == "f.py" {
				in = decodeSource(src)
			}
			if len(res.findings) > 0 && !filter.mayMatch(in) {
				t.Fatalf("%s: %d findings (first %s %s), rejected by the prefilter", p, len(res.findings), res.findings[0].Rule, res.findings[0].Symbol)
			}
		}
	})
}
