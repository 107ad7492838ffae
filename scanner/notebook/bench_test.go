package notebook

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// realisticNotebook builds a 200-cell notebook shaped like a long training
// notebook: a markdown cell before every few code cells, imports and magics
// up front, and code cells of 5 to 40 lines with outputs.
func realisticNotebook(tb testing.TB, cells int) []byte {
	tb.Helper()
	body := []string{
		"import numpy as np\n",
		"import tensorflow as tf\n",
		"from tensorflow.keras import layers, models\n",
		"def build_model(units=128):\n",
		"    inputs = layers.Input(shape=(28, 28, 1))\n",
		"    x = layers.Conv2D(32, 3, activation='relu')(inputs)\n",
		"    x = layers.MaxPooling2D()(x)\n",
		"    x = layers.Flatten()(x)\n",
		"    x = layers.Dense(units, activation='relu')(x)  # hidden\n",
		"    outputs = layers.Dense(10, activation='softmax')(x)\n",
		"    return models.Model(inputs, outputs)\n",
		"model = build_model()\n",
		"model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n",
		"history = model.fit(x_train, y_train, epochs=5, validation_split=0.1)\n",
		"print(f\"val accuracy: {history.history['val_accuracy'][-1]:.3f}\")\n",
		"doc = \"\"\"Multi-line\n",
		"%notes that look like magics\n",
		"\"\"\"\n",
		"%time model.evaluate(x_test, y_test)\n",
		"!nvidia-smi\n",
	}
	type cell struct {
		CellType string           `json:"cell_type"`
		Count    *int             `json:"execution_count,omitempty"`
		Metadata map[string]any   `json:"metadata"`
		Outputs  []map[string]any `json:"outputs,omitempty"`
		Source   []string         `json:"source"`
	}
	var cs []cell
	for i := 0; i < cells; i++ {
		if i%4 == 0 {
			cs = append(cs, cell{CellType: "markdown", Metadata: map[string]any{}, Source: []string{"## Step ", fmt.Sprint(i / 4), "\n", "Train and evaluate the model on the next split."}})
			continue
		}
		n := 5 + (i*7)%36
		src := make([]string, n)
		for j := range src {
			src[j] = body[j%len(body)]
		}
		if i%10 == 1 {
			src[0] = "%%time\n"
		}
		count := i
		out := []map[string]any{{"output_type": "stream", "name": "stdout", "text": []string{strings.Repeat("epoch done\n", 5)}}}
		cs = append(cs, cell{CellType: "code", Count: &count, Metadata: map[string]any{"tags": []string{}}, Outputs: out, Source: src})
	}
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5, "cells": cs,
		"metadata": map[string]any{"kernelspec": map[string]string{"language": "python", "name": "python3", "display_name": "Python 3"}},
	}
	data, err := json.MarshalIndent(nb, "", " ")
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	data := realisticNotebook(b, 200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRealisticNotebook(t *testing.T) {
	src := mustParse(t, realisticNotebook(t, 200))
	if len(src.Cells) != 150 {
		t.Fatalf("got %d code cells, want 150", len(src.Cells))
	}
	// The docstring's "%notes" line is inside a string and must survive;
	// "%time" and "!nvidia-smi" lines are magics and must not.
	code := string(src.Code)
	if !strings.Contains(code, "\n%notes that look like magics\n") {
		t.Error("a line inside a triple-quoted string was neutralised")
	}
	if strings.Contains(code, "\n%time model") || strings.Contains(code, "\n!nvidia-smi") {
		t.Error("a magic line was left in the code")
	}
}
