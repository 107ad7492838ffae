package main

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
)

// nbformat 4 notebook, as Jupyter writes it; the field order of these structs is
// the order of the keys, which keeps the output deterministic.
type notebook struct {
	Cells         []nbCell       `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

type nbCell struct {
	CellType       string         `json:"cell_type"`
	ExecutionCount *int           `json:"execution_count,omitempty"`
	Metadata       map[string]any `json:"metadata"`
	Outputs        []any          `json:"outputs,omitempty"`
	Source         []string       `json:"source"`
}

// notebookFile writes an exploration notebook: markdown between code cells whose
// code comes from one framework's generator.
func notebookFile(r *rand.Rand, target int) []byte {
	w := newWriter(r, target)
	gens := []struct {
		imports []string
		blocks  []func()
	}{
		{[]string{"import torch", "import torch.nn as nn", "import torch.nn.functional as F", "from torch.utils.data import DataLoader"},
			[]func(){w.torchModule, w.torchTrainLoop, w.torchCheckpoint}},
		{[]string{"import tensorflow as tf", "from tensorflow import keras"},
			[]func(){w.kerasSequential, w.tf2TrainStep, w.kerasFit, w.tfDataPipeline}},
		{[]string{"import tensorflow.compat.v1 as tf", "tf.disable_v2_behavior()"},
			[]func(){w.tf1Graph, w.tf1Session}},
		{[]string{"import jax", "import jax.numpy as jnp", "import flax.linen as nn", "import optax", "from flax.training import train_state, checkpoints"},
			[]func(){w.flaxModule, w.jaxTrainStep, w.jaxRandom}},
	}
	g := gens[r.IntN(len(gens))]
	nb := notebook{
		Metadata: map[string]any{
			"kernelspec":    map[string]string{"display_name": "Python 3", "language": "python", "name": "python3"},
			"language_info": map[string]string{"name": "python", "version": "3.10.12"},
		},
		NBFormat: 4, NBFormatMinor: 5,
	}
	count := 0
	code := func(text string) {
		count++
		n := count
		nb.Cells = append(nb.Cells, nbCell{CellType: "code", ExecutionCount: &n, Metadata: map[string]any{}, Outputs: []any{}, Source: splitSource(text)})
	}
	markdown := func(text string) {
		nb.Cells = append(nb.Cells, nbCell{CellType: "markdown", Metadata: map[string]any{}, Source: splitSource(text)})
	}
	markdown("# " + w.sentence() + "\n\n" + w.sentence())
	code("import os\nimport numpy as np\n" + strings.Join(g.imports, "\n") + "\n")
	size := 0
	for size < target {
		w.buf.Reset()
		g.blocks[r.IntN(len(g.blocks))]()
		size += w.buf.Len()
		code(w.buf.String())
		if w.chance(50) {
			markdown("## " + w.sentence() + "\n\n" + w.sentence() + " " + w.sentence())
		}
	}
	data, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		// The notebook is built from strings and ints only; Marshal cannot fail.
		panic(err)
	}
	return append(data, '\n')
}

// splitSource splits cell text into lines that keep their newline, as Jupyter does.
func splitSource(text string) []string {
	text = strings.TrimRight(text, "\n")
	lines := strings.SplitAfter(text, "\n")
	return lines
}
