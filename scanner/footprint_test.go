package scanner_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
	"github.com/frameshift/frameshift/scanner/source"
)

func footprintOnce(t *testing.T, dir string, opts scanner.Options) *scanner.Summary {
	t.Helper()
	ctx := context.Background()
	src, err := source.Open(ctx, dir, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	s, err := scanner.Footprint(ctx, src, opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFootprintMatchesScan holds Footprint to Scan's summary on every fixture
// and on a tree made to exercise the repository-wide detectors: without a cache
// (findings analysed and counted) and from a warm one (findings only counted).
func TestFootprintMatchesScan(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("..", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]string{"detectors": detectorTree(t)}
	for _, e := range entries {
		if e.IsDir() {
			dirs[e.Name()] = filepath.Join("..", "fixtures", e.Name())
		}
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			want := scanOnce(t, dir, scanner.Options{Jobs: 2}).Summary
			if got := footprintOnce(t, dir, scanner.Options{Jobs: 2}); !cmp.Equal(want, *got) {
				t.Errorf("cold footprint differs from the scan's summary (-scan +footprint):\n%s", cmp.Diff(want, *got))
			}
			cacheDir := t.TempDir()
			store, err := cache.Open(cacheDir)
			if err != nil {
				t.Fatal(err)
			}
			scanOnce(t, dir, scanner.Options{Jobs: 2, Cache: store, ToolVersion: "test"})
			if err := store.Close(); err != nil {
				t.Fatal(err)
			}
			if store, err = cache.Open(cacheDir); err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			got := footprintOnce(t, dir, scanner.Options{Jobs: 2, Cache: store, ToolVersion: "test"})
			if !cmp.Equal(want, *got) {
				t.Errorf("warm footprint differs from the scan's summary (-scan +footprint):\n%s", cmp.Diff(want, *got))
			}
			if want.Findings > 0 && store.Counters().Hits == 0 {
				t.Error("the warm footprint hit no cache entry: counting was not tested")
			}
		})
	}
}

// detectorTree writes files whose summary depends on other files: Keras code
// whose era a manifest or another file decides, and models defined through a
// local base class in another file.
func detectorTree(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"svc/requirements.txt":   "tensorflow==2.12.0\n",
		"svc/model.py":           "import keras\nm = keras.Sequential()\nl = keras.layers.Dense(3)\n",
		"other/app.py":           "import keras\nx = keras.layers.Dense(2)\nkeras.ops.add(1, 2)\n",
		"lone/loose.py":          "import keras\ny = keras.layers.Dense(1)\n",
		"nets/base.py":           "import torch.nn as nn\nclass Base(nn.Module):\n    pass\n",
		"nets/enc.py":            "from .base import Base\nimport torch\nclass Encoder(Base):\n    pass\nclass Deeper(Encoder):\n    pass\n",
		"conf/run.sh":            "export KERAS_BACKEND=jax\n",
		"nb/explore.ipynb":       `{"cells":[{"cell_type":"code","source":["import keras\n","keras.layers.Dense(4)\n"],"metadata":{},"outputs":[]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`,
		"broken/bad.ipynb":       "{",
		"broken/binary.py":       "import torch\x00\n",
		"plain/util.py":          "import os\nprint(os.getcwd())\n",
		"plain/requirements.txt": "torch==2.1\nnot a requirement ===\n",
	}
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
