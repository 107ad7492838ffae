package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// pyWriter writes indented Python and draws every choice from one seeded
// generator, so a file's bytes depend only on the seed and the file's index.
type pyWriter struct {
	r      *rand.Rand
	buf    bytes.Buffer
	depth  int
	locals []string
	// target is the size in bytes at which a file stops growing.
	target int
}

func newWriter(r *rand.Rand, target int) *pyWriter {
	return &pyWriter{r: r, target: target}
}

func (w *pyWriter) full() bool { return w.buf.Len() >= w.target }

// l writes one line at the current indentation; an empty format writes a blank line.
func (w *pyWriter) l(format string, args ...any) {
	if format == "" {
		w.buf.WriteByte('\n')
		return
	}
	for i := 0; i < w.depth; i++ {
		w.buf.WriteString("    ")
	}
	if len(args) == 0 {
		w.buf.WriteString(format)
	} else {
		fmt.Fprintf(&w.buf, format, args...)
	}
	w.buf.WriteByte('\n')
}

// block writes a compound statement's header and its indented body.
func (w *pyWriter) block(header string, body func()) {
	w.l("%s", header)
	w.depth++
	n := w.buf.Len()
	body()
	if w.buf.Len() == n {
		w.l("pass")
	}
	w.depth--
}

func (w *pyWriter) pick(xs ...string) string { return xs[w.r.IntN(len(xs))] }

// n returns an integer in [lo, hi].
func (w *pyWriter) n(lo, hi int) int { return lo + w.r.IntN(hi-lo+1) }

func (w *pyWriter) chance(percent int) bool { return w.r.IntN(100) < percent }

var (
	adjectives = []string{"hidden", "input", "output", "global", "local", "mean", "max", "min", "total", "raw",
		"scaled", "padded", "masked", "sorted", "cached", "batch", "token", "feature", "label", "train",
		"eval", "valid", "base", "final", "prev", "next", "aux", "extra", "warmup", "decay"}
	nouns = []string{"size", "dim", "units", "rate", "steps", "loss", "score", "count", "ids", "mask",
		"weights", "logits", "probs", "values", "keys", "path", "config", "params", "state", "buffer",
		"records", "items", "shape", "index", "offset", "window", "epoch", "metrics", "result", "queue"}
	verbs = []string{"build", "load", "compute", "prepare", "update", "apply", "parse", "collect", "merge",
		"normalize", "encode", "decode", "split", "filter", "format", "resolve", "validate", "export",
		"restore", "sample", "evaluate", "summarize", "register", "convert", "transform"}
	classNouns = []string{"Encoder", "Decoder", "Block", "Head", "Layer", "Model", "Net", "Classifier",
		"Embedding", "Attention", "Projector", "Backbone", "Tower", "Adapter", "Regressor", "Generator",
		"Discriminator", "Critic", "Policy", "Trainer", "Pipeline", "Loader", "Cache", "Registry", "Client"}
	classAdjectives = []string{"Residual", "Gated", "Sparse", "Dense", "Causal", "Multi", "Deep", "Light",
		"Simple", "Conv", "Recurrent", "Spectral", "Masked", "Shared", "Tiny", "Fused", "Cross", "Dual"}
)

// name returns a snake_case identifier such as hidden_units.
func (w *pyWriter) name() string { return w.pick(adjectives...) + "_" + w.pick(nouns...) }

func (w *pyWriter) funcName() string { return w.pick(verbs...) + "_" + w.name() }

func (w *pyWriter) className() string { return w.pick(classAdjectives...) + w.pick(classNouns...) }

// local returns a name bound earlier in the current function, or a parameter.
func (w *pyWriter) local() string {
	if len(w.locals) == 0 {
		return "None"
	}
	return w.locals[w.r.IntN(len(w.locals))]
}

// bind makes a new local name and remembers it for later statements.
func (w *pyWriter) bind() string {
	v := w.name()
	w.locals = append(w.locals, v)
	return v
}

// withLocals runs body with a fresh scope holding params.
func (w *pyWriter) withLocals(params []string, body func()) {
	saved := w.locals
	w.locals = append([]string(nil), params...)
	body()
	w.locals = saved
}

// params returns k distinct parameter names.
func (w *pyWriter) params(k int) []string {
	seen := map[string]bool{}
	var out []string
	for len(out) < k {
		p := w.name()
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func (w *pyWriter) number() string {
	switch w.r.IntN(4) {
	case 0:
		return fmt.Sprint(w.n(1, 4096))
	case 1:
		return fmt.Sprintf("%.4g", w.r.Float64())
	case 2:
		return fmt.Sprintf("%de-%d", w.n(1, 9), w.n(2, 6))
	default:
		return fmt.Sprint(1 << w.n(2, 11))
	}
}

func (w *pyWriter) sentence() string {
	words := make([]string, w.n(4, 12))
	for i := range words {
		if i%2 == 0 {
			words[i] = w.pick(verbs...)
		} else {
			words[i] = w.pick(nouns...)
		}
	}
	s := strings.Join(words, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// docstring writes a one- to several-line docstring.
func (w *pyWriter) docstring() {
	if w.chance(30) {
		w.l(`"""%s"""`, w.sentence())
		return
	}
	w.l(`"""%s`, w.sentence())
	w.l("")
	for i := w.n(1, 4); i > 0; i-- {
		w.l("%s", w.sentence())
	}
	if len(w.locals) > 0 && w.chance(60) {
		w.l("")
		w.l("Args:")
		for _, p := range w.locals {
			w.l("    %s: %s", p, w.sentence())
		}
	}
	w.l(`"""`)
}

// stmts writes k statements of ordinary Python: the bulk that surrounds framework
// calls in real code, with nesting up to maxNest levels.
func (w *pyWriter) stmts(k, maxNest int) {
	for i := 0; i < k; i++ {
		w.stmt(maxNest)
	}
}

func (w *pyWriter) stmt(maxNest int) {
	choice := w.r.IntN(14)
	if maxNest <= 0 && choice >= 9 {
		choice = w.r.IntN(9)
	}
	switch choice {
	case 0:
		a, b := w.local(), w.local()
		w.l("%s = %s * %s + %s", w.bind(), a, w.number(), b)
	case 1:
		src := w.local()
		w.l("%s = [x for x in %s if x is not None]", w.bind(), src)
	case 2:
		a, b := w.local(), w.local()
		w.l(`%s = {"%s": %s, "%s": %s}`, w.bind(), w.name(), a, w.name(), b)
	case 3:
		w.l(`logger.%s("%s %%s", %s)`, w.pick("info", "debug", "warning"), w.sentence(), w.local())
	case 4:
		a := w.local()
		w.l(`%s = f"{%s}/%s-{%s}"`, w.bind(), a, w.name(), w.local())
	case 5:
		a := w.local()
		w.l("%s = %s(%s, %s=%s)", w.bind(), "_"+w.funcName(), a, w.name(), w.number())
	case 6:
		w.l("# %s", w.sentence())
	case 7:
		a := w.local()
		w.l("%s = len(%s) if %s else %s", w.bind(), a, a, w.number())
	case 8:
		w.l("assert %s is not None, %q", w.local(), w.sentence())
	case 9:
		w.block(fmt.Sprintf("if %s %s %s:", w.local(), w.pick(">", "<", "==", "!="), w.number()), func() {
			w.stmts(w.n(1, 3), maxNest-1)
		})
		if w.chance(40) {
			w.block("else:", func() { w.stmts(w.n(1, 2), maxNest-1) })
		}
	case 10:
		item := w.name()
		w.block(fmt.Sprintf("for %s in %s:", item, w.local()), func() {
			w.locals = append(w.locals, item)
			w.stmts(w.n(1, 4), maxNest-1)
		})
	case 11:
		w.block("try:", func() { w.stmts(w.n(1, 3), maxNest-1) })
		w.block(fmt.Sprintf("except (%s) as exc:", w.pick("KeyError, ValueError", "OSError", "RuntimeError", "TypeError")), func() {
			w.l(`logger.exception("%s")`, w.sentence())
			if w.chance(50) {
				w.l("raise")
			}
		})
	case 12:
		w.block(fmt.Sprintf("with open(%s, %q) as fh:", w.local(), w.pick("r", "rb", "w")), func() {
			w.l("%s = fh.read()", w.bind())
		})
	default:
		w.block(fmt.Sprintf("while %s < %s:", w.local(), w.number()), func() {
			w.stmts(w.n(1, 2), maxNest-1)
			w.l("break")
		})
	}
}

// function writes a module-level or method definition with a docstring and k
// statements of body, then a return.
func (w *pyWriter) function(name string, params []string, decorators []string, body func()) {
	for _, d := range decorators {
		w.l("@%s", d)
	}
	w.block(fmt.Sprintf("def %s(%s):", name, strings.Join(params, ", ")), func() {
		clean := make([]string, 0, len(params))
		for _, p := range params {
			p, _, _ = strings.Cut(p, "=")
			p, _, _ = strings.Cut(p, ":")
			p = strings.TrimLeft(p, "*")
			clean = append(clean, strings.TrimSpace(p))
		}
		w.withLocals(clean, func() {
			if w.chance(70) {
				w.docstring()
			}
			body()
		})
	})
	w.l("")
}

// plainFunction writes a function of ordinary Python.
func (w *pyWriter) plainFunction() {
	params := w.params(w.n(1, 4))
	w.function(w.funcName(), params, nil, func() {
		w.stmts(w.n(3, 12), 3)
		w.l("return %s", w.local())
	})
	w.l("")
}

// moduleHeader writes a module docstring, the imports given, and a logger.
func (w *pyWriter) moduleHeader(imports []string) {
	w.l(`"""%s`, w.sentence())
	w.l("")
	w.l("%s", w.sentence())
	w.l(`"""`)
	w.l("")
	w.l("from __future__ import annotations")
	w.l("")
	std := []string{"import os", "import sys", "import json", "import logging", "import math", "import time",
		"from dataclasses import dataclass, field", "from pathlib import Path", "from typing import Any, Dict, List, Optional",
		"import functools", "import itertools", "import collections"}
	w.r.Shuffle(len(std), func(i, j int) { std[i], std[j] = std[j], std[i] })
	hasLogging := false
	for _, s := range std[:w.n(3, 8)] {
		if s == "import logging" {
			hasLogging = true
		}
		w.l("%s", s)
	}
	if !hasLogging {
		w.l("import logging")
	}
	w.l("")
	for _, imp := range imports {
		w.l("%s", imp)
	}
	w.l("")
	w.l("logger = logging.getLogger(__name__)")
	w.l("")
	for i := w.n(1, 4); i > 0; i-- {
		w.l("%s = %s", strings.ToUpper(w.name()), w.number())
	}
	w.l("")
	w.l("")
}

// mainGuard ends a script.
func (w *pyWriter) mainGuard(entry string) {
	w.block(`if __name__ == "__main__":`, func() { w.l("%s()", entry) })
}
