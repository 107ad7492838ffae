package python

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzAnalyze feeds arbitrary bytes to the analyzer: it must never panic, and every
// reference it returns must point inside the input.
func FuzzAnalyze(f *testing.F) {
	seeds := []string{
		"import tensorflow.compat.v1 as tf\nsess = tf.Session()\n",
		"from torch import nn as tnn\nclass Net(tnn.Module):\n    pass\n",
		"import functools, jax\n@functools.partial(jax.jit, static_argnums=0)\ndef f(x): return x\n",
		"import tensorflow as tf\ntf = tf.compat.v1\nFLAGS = tf.app.flags.FLAGS\n",
		"from x import *\nimport importlib\nm = importlib.import_module('torch')\n",
		"def broken(:\n  import torch\n  torch.",
		"\xff\xfe\x00import torch",
		"(((((((((((((((((((((((((((((((",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	// Real code from the fixtures makes a better starting corpus than snippets.
	matches, _ := filepath.Glob(filepath.Join("..", "..", "fixtures", "*", "*.py"))
	for i, m := range matches {
		if i == 20 {
			break
		}
		if data, err := os.ReadFile(m); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	a, err := New(Options{Methods: []string{"add_", "backward", "fit_generator"}, TimeoutMicros: 2_000_000})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := a.Analyze(src)
		if err != nil {
			return
		}
		lines := 1
		for _, b := range src {
			if b == '\n' {
				lines++
			}
		}
		for _, r := range res.Refs {
			if r.Offset < 0 || r.Offset > len(src) {
				t.Fatalf("reference %+v has offset outside the input (%d bytes)", r, len(src))
			}
			if r.Line < 1 || r.Line > lines || r.Column < 1 {
				t.Fatalf("reference %+v has an impossible position (%d lines)", r, lines)
			}
			if r.Symbol == "" {
				t.Fatalf("reference without symbol: %+v", r)
			}
		}
		if res.ErrorNodes < 0 {
			t.Fatal("negative error count")
		}
	})
}
