package main

import (
	"math/rand/v2"
	"sort"
)

// fileKind is one kind of file in the corpus with its share of the file count.
type fileKind struct {
	name string
	// percent of all files; the shares add up to 100.
	percent int
	about   string
	// framework is true when files of this kind import an ML framework, so a
	// scan must parse them.
	framework bool
	write     func(r *rand.Rand, target int) []byte
}

func pythonKind(gen func(*pyWriter)) func(*rand.Rand, int) []byte {
	return func(r *rand.Rand, target int) []byte {
		w := newWriter(r, target)
		gen(w)
		return w.buf.Bytes()
	}
}

// mix is the corpus recipe. It leans to the frameworks as ML repositories do, with
// about seven files in ten importing one: fewer than the ~90% measured on real ML
// repositories, so that the prefilter's share of the work shows.
var mix = []fileKind{
	{"tf1", 12, "TensorFlow 1.x graph code: placeholders, variable scopes, sessions, queues, estimators (plain and compat.v1 aliases)", true, pythonKind(tf1File)},
	{"tf2-keras", 17, "TensorFlow 2 / tf.keras: Sequential and subclassed models, tf.function + GradientTape, tf.data, callbacks, SavedModel, TFLite, strategies", true, pythonKind(tf2File)},
	{"pytorch", 24, "PyTorch: nn.Module and Dataset subclasses, DataLoader, training loops with AMP, schedulers, checkpoints, DDP, TorchScript, ONNX", true, pythonKind(torchFile)},
	{"jax-flax", 9, "JAX / Flax linen / Optax: nn.compact modules, jit and pmap steps, value_and_grad, PRNG, vmap, lax.scan, TrainState", true, pythonKind(jaxFile)},
	{"mixed", 6, "two frameworks in one file: PyTorch + tf.data, Keras 3 on a KERAS_BACKEND, Flax + TFDS", true, pythonKind(mixedFile)},
	{"plain-util", 12, "no framework: dataclasses, argparse CLIs, file and string helpers", false, pythonKind(utilFile)},
	{"plain-web", 6, "no framework: Flask route handlers and service classes", false, pythonKind(webFile)},
	{"plain-test", 9, "no framework: pytest tests with fixtures, parametrize and mocks", false, pythonKind(testFile)},
	{"notebook", 3, "Jupyter notebooks (.ipynb) of PyTorch, Keras, TF1 or Flax code between markdown cells", true, notebookFile},
	{"manifest", 2, "requirements*.txt, pyproject.toml, setup.py, environment.yml with framework pins", false, nil},
}

// counts splits n files between the kinds by their shares, exactly (largest
// remainder), so the stated mix is the generated mix.
func counts(n int) []int {
	out := make([]int, len(mix))
	type rem struct{ i, r int }
	var rems []rem
	total := 0
	for i, k := range mix {
		out[i] = n * k.percent / 100
		total += out[i]
		rems = append(rems, rem{i, n * k.percent % 100})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for j := 0; total < n; j++ {
		out[rems[j%len(rems)].i]++
		total++
	}
	return out
}
