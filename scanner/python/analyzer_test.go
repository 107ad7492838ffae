package python

import (
	"fmt"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
)

func analyze(t *testing.T, src string, methods ...string) *Result {
	t.Helper()
	a, err := New(Options{Methods: methods})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	res, err := a.Analyze([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// refs renders references as "kind symbol line:col", one per line.
func refs(res *Result) string {
	var b strings.Builder
	for _, r := range res.Refs {
		fmt.Fprintf(&b, "%s %s %d:%d\n", r.Kind, r.Symbol, r.Line, r.Column)
	}
	return b.String()
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "kind symbol" lines that must be present
		not  []string // "kind symbol" lines that must be absent
	}{
		{
			name: "compat v1 alias",
			src:  "import tensorflow.compat.v1 as tf\nsess = tf.Session()\n",
			want: []string{"import tensorflow.compat.v1", "call tensorflow.compat.v1.Session"},
		},
		{
			name: "plain import binds root",
			src:  "import tensorflow.keras.layers\nx = tensorflow.keras.layers.Dense(3)\n",
			want: []string{"import tensorflow.keras.layers", "call tensorflow.keras.layers.Dense"},
		},
		{
			name: "several names on one line",
			src:  "import torch, jax.numpy as jnp, os\nfrom flax import linen as nn, struct\ny = jnp.zeros(3)\nz = struct.dataclass\n",
			want: []string{"import torch", "import jax.numpy", "import os", "import flax.linen", "import flax.struct", "call jax.numpy.zeros", "attribute flax.struct.dataclass"},
		},
		{
			name: "from import with alias as base",
			src:  "from torch import nn as tnn\nclass Net(tnn.Module):\n    pass\n",
			want: []string{"import torch.nn", "base torch.nn.Module"},
		},
		{
			name: "bare base and call",
			src:  "from torch.nn import Module, Linear\nclass Net(Module):\n    def __init__(self):\n        self.fc = Linear(2, 3)\n",
			want: []string{"base torch.nn.Module", "call torch.nn.Linear"},
		},
		{
			name: "partial jit decorator",
			src:  "import functools\nimport jax\n@functools.partial(jax.jit, static_argnums=0)\ndef f(x): return x\n",
			want: []string{"decorator jax.jit"},
			not:  []string{"attribute jax.jit"},
		},
		{
			name: "from functools partial with bare jit",
			src:  "from functools import partial\nfrom jax import jit\n@partial(jit, static_argnums=(0,))\ndef f(x): return x\n",
			want: []string{"decorator jax.jit"},
		},
		{
			name: "decorator with call",
			src:  "import tensorflow as tf\n@tf.function(jit_compile=True)\ndef step(x):\n    return x\n",
			want: []string{"decorator tensorflow.function"},
			not:  []string{"call tensorflow.function"},
		},
		{
			name: "bare decorator",
			src:  "from jax import jit\n@jit\ndef f(x): return x\n",
			want: []string{"decorator jax.jit"},
		},
		{
			name: "import inside function and try",
			src:  "try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    import tensorflow as tf\ndef g():\n    import torch\n    return torch.ones(1), tf.placeholder(tf.float32)\n",
			want: []string{"import tensorflow.compat.v1", "import tensorflow", "import torch", "call torch.ones", "call tensorflow.compat.v1.placeholder", "attribute tensorflow.compat.v1.float32"},
		},
		{
			name: "relative imports ignored",
			src:  "from . import models\nfrom ..utils import tf\nx = tf.Session()\n",
			not:  []string{"call tensorflow.Session", "import .models"},
		},
		{
			name: "star import recorded",
			src:  "from tensorflow.keras.layers import *\nDense(3)\n",
			want: []string{"import tensorflow.keras.layers"},
		},
		{
			name: "assignment alias rebinds after itself",
			src:  "import tensorflow as tf\ntf = tf.compat.v1\ntf.Session()\n",
			want: []string{"attribute tensorflow.compat.v1", "call tensorflow.compat.v1.Session"},
			not:  []string{"attribute tensorflow.compat.v1.compat.v1"},
		},
		{
			name: "attribute reads through an assigned name are not repeated",
			src:  "import tensorflow as tf\nFLAGS = tf.app.flags.FLAGS\nx = FLAGS.batch_size\nlayers = tf.keras.layers\nlayers.Dense(3)\n",
			want: []string{"attribute tensorflow.app.flags.FLAGS", "call tensorflow.keras.layers.Dense"},
			not:  []string{"attribute tensorflow.app.flags.FLAGS.batch_size"},
		},
		{
			name: "attribute chain not called",
			src:  "import tensorflow as tf\nx = tf.float32\n",
			want: []string{"attribute tensorflow.float32"},
		},
		{
			name: "dynamic import",
			src:  "import importlib\nm = importlib.import_module(\"torch.nn\")\nt = __import__('tensorflow')\n",
			want: []string{"import torch.nn", "import tensorflow"},
		},
		{
			name: "unimported root is not a reference",
			src:  "tf.Session()\nnn.Module\n",
			not:  []string{"call tf.Session", "attribute nn.Module"},
		},
		{
			name: "strings and comments are not references",
			src:  "import torch\n# torch.nn.Module\ns = \"torch.compile\"\n",
			not:  []string{"attribute torch.nn.Module", "call torch.compile"},
		},
		{
			name: "partial decorates only with its first argument",
			src:  "import functools\nimport jax\n@functools.partial(jax.vmap, jax.jit)\ndef f(x): return x\n",
			want: []string{"decorator jax.vmap", "attribute jax.jit"},
			not:  []string{"decorator jax.jit"},
		},
		{
			name: "a call's argument and a chain inside a call are not the call",
			src:  "import torch\ntorch.save(torch.nn.Module, f)\ny = torch.cuda.amp.autocast().__enter__\n",
			want: []string{"call torch.save", "attribute torch.nn.Module", "call torch.cuda.amp.autocast"},
			not:  []string{"call torch.nn.Module"},
		},
		{
			name: "decorator through a deep chain, and a base",
			src:  "import tensorflow as tf\n@tf.keras.utils.register_keras_serializable(package='x')\nclass L(tf.keras.layers.Layer): pass\n",
			want: []string{"decorator tensorflow.keras.utils.register_keras_serializable", "base tensorflow.keras.layers.Layer"},
		},
		{
			name: "dynamic import through a from-import and a chain",
			src:  "from importlib import import_module\nimport importlib as il\nm = import_module('jax')\nn = il.import_module('flax.linen')\n",
			want: []string{"import jax", "import flax.linen", "call importlib.import_module"},
		},
		{
			name: "parenthesised multi-line chain",
			src:  "import tensorflow as tf\nx = (tf\n     .keras\n     .layers.Dense)(3)\n",
			want: []string{"attribute tensorflow.keras.layers.Dense"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := analyze(t, tt.src)
			got := map[string]bool{}
			for _, r := range res.Refs {
				got[string(r.Kind)+" "+r.Symbol] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("missing %q in\n%s", w, refs(res))
				}
			}
			for _, n := range tt.not {
				if got[n] {
					t.Errorf("unexpected %q in\n%s", n, refs(res))
				}
			}
		})
	}
}

func TestPositionsCountCodePoints(t *testing.T) {
	res := analyze(t, "import torch\ns = 'é'; torch.ones(1)\n")
	for _, r := range res.Refs {
		if r.Symbol == "torch.ones" {
			if r.Line != 2 || r.Column != 10 {
				t.Fatalf("torch.ones at %d:%d, want 2:10", r.Line, r.Column)
			}
			return
		}
	}
	t.Fatal("torch.ones not found")
}

func TestStarImportFlagged(t *testing.T) {
	res := analyze(t, "from keras.layers import *\n")
	if len(res.Imports) != 1 || !res.Imports[0].Star || res.Imports[0].Symbol != "keras.layers.*" {
		t.Fatalf("imports = %+v", res.Imports)
	}
}

func TestMethods(t *testing.T) {
	// A receiver that is a call or a subscript counts; one rooted at an import
	// (torch.add_) is a resolved reference instead.
	src := "import torch\nx = torch.zeros(3)\nx.add_(1)\nloss.backward()\ntorch.add_(x)\nx.mean()\nmodel(x).backward()\nys[0].add_(1)\ntorch.nn.add_(x)\n"
	res := analyze(t, src, "add_", "backward")
	var methods []string
	for _, r := range res.Refs {
		if r.Kind == catalog.KindMethod {
			methods = append(methods, fmt.Sprintf("%s@%d", r.Symbol, r.Line))
		}
	}
	if strings.Join(methods, ",") != "add_@3,backward@4,backward@7,add_@8" {
		t.Fatalf("methods = %v", methods)
	}
}

func TestClasses(t *testing.T) {
	res := analyze(t, "import torch.nn as nn\nclass A(nn.Module): pass\nclass B(A, metaclass=M): pass\n")
	if len(res.Classes) != 2 {
		t.Fatalf("classes = %+v", res.Classes)
	}
	if got := res.Classes[0].Bases; len(got) != 1 || got[0] != "torch.nn.Module" {
		t.Errorf("A bases = %v", got)
	}
	if got := res.Classes[1].Bases; len(got) != 1 || got[0] != "A" {
		t.Errorf("B bases = %v", got)
	}
}

func TestSyntaxErrorsStillAnalysed(t *testing.T) {
	res := analyze(t, "import tensorflow as tf\ndef broken(:\n    pass\nsess = tf.Session()\n")
	if res.ErrorNodes == 0 {
		t.Error("expected error nodes")
	}
	found := false
	for _, r := range res.Refs {
		if r.Symbol == "tensorflow.Session" {
			found = true
		}
	}
	if !found {
		t.Errorf("tf.Session lost after a syntax error:\n%s", refs(res))
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("import torch\nx = '\xff\xfe'\ny = torch.ones(2)\n")
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	res, err := a.Analyze(src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(refs(res), "call torch.ones 3:5") {
		t.Errorf("got\n%s", refs(res))
	}
}

func TestCallArguments(t *testing.T) {
	res := analyze(t, "import tensorflow as tf\nfrom transformers import AutoModel\nimport jax\n"+
		"tf.reduce_sum(x, keep_dims=True, name='s')\n"+
		"AutoModel.from_pretrained('bert', from_tf=True)\n"+
		"jax.devices('tpu')\n"+
		"tf.constant(x)\n")
	got := map[string]string{}
	for _, r := range res.Refs {
		var parts []string
		for _, a := range r.Args {
			parts = append(parts, a.Name+"="+a.Value)
		}
		got[r.Symbol] = strings.Join(parts, ",")
	}
	want := map[string]string{
		"tensorflow.reduce_sum":                  "=,keep_dims=True,name=s",
		"transformers.AutoModel.from_pretrained": "=bert,from_tf=True",
		"jax.devices":                            "=tpu",
		"tensorflow.constant":                    "=",
	}
	for sym, w := range want {
		if got[sym] != w {
			t.Errorf("%s args = %q, want %q", sym, got[sym], w)
		}
	}
}

func TestReferencesAfterAMissingColon(t *testing.T) {
	res := analyze(t, "import tensorflow as tf\nfor step in range(3)\n    tf.logging.info('x')\n    saver = tf.train.Saver()\n    sess = tf.Session()\n")
	got := refs(res)
	for _, want := range []string{"call tensorflow.logging.info 3:5", "call tensorflow.train.Saver 4:13", "call tensorflow.Session 5:12"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}
