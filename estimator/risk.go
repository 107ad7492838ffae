package estimator

import (
	"fmt"
	"sort"

	"github.com/frameshift/frameshift/estimator/paths"
)

// blockerNames say what each blocker tag means for a migration.
var blockerNames = map[string]string{
	"edge":       "edge deployment (TFLite / LiteRT, TF.js, tflite_runtime, ExecuTorch)",
	"tfx":        "TFX pipeline (components, ML Metadata)",
	"tpu":        "TPU-specific code (TPUStrategy, torch_xla on TPU, JAX on TPU)",
	"custom-op":  "custom ops (op libraries, C++/CUDA extensions, custom gradients)",
	"serving":    "serving stack (TF Serving, SavedModel signatures, TorchServe)",
	"simulation": "differentiable simulation (scan over ODE steps, brax, diffrax, jax_md)",
}

// maxEvidence bounds the evidence lists: enough to find the code, not a dump.
const maxEvidence = 10

// blockers names each blocker tag found on the path, in paths.BlockerTags order,
// with its chunk cost, risk steps and evidence.
func blockers(t *tally, m Model) []Blocker {
	out := []Blocker{}
	for _, tag := range paths.BlockerTags {
		ev := t.evidence[tag]
		if len(ev) == 0 {
			continue
		}
		cost, _ := m.Blockers.For(tag)
		files := len(t.chunkFiles[tag])
		list, more := evidenceList(ev)
		out = append(out, Blocker{
			Tag:        tag,
			Name:       blockerNames[tag],
			Files:      files,
			ChunkHours: round2(cost.Hours),
			Hours:      round2(cost.Hours * float64(files)),
			RiskSteps:  cost.RiskSteps,
			Evidence:   list,
			More:       more,
		})
	}
	return out
}

// riskWith raises the guide's risk by every blocker's steps, capped at high.
func riskWith(guide paths.Risk, bs []Blocker) paths.Risk {
	steps := 0
	for _, b := range bs {
		steps += b.RiskSteps
	}
	return guide.Raise(steps)
}

// evidenceList renders findings as "file:line rule-id", sorted by file and line,
// keeping the first maxEvidence and counting the rest.
func evidenceList(items []*item) ([]string, int) {
	sorted := append([]*item(nil), items...)
	sort.Slice(sorted, func(i, j int) bool {
		a, b := sorted[i].f, sorted[j].f
		if a.File != b.File {
			return a.File < b.File
		}
		if ca, cb := cellOf(a.Cell), cellOf(b.Cell); ca != cb {
			return ca < cb
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	n := len(sorted)
	if n > maxEvidence {
		n = maxEvidence
	}
	out := make([]string, 0, n)
	for _, it := range sorted[:n] {
		out = append(out, location(it)+" "+it.f.Rule)
	}
	return out, len(sorted) - n
}

// location is "file:line", or "file[cell N]:line" inside a notebook.
func location(it *item) string {
	if it.f.Cell != nil {
		return fmt.Sprintf("%s[cell %d]:%d", it.f.File, *it.f.Cell, it.f.Line)
	}
	return fmt.Sprintf("%s:%d", it.f.File, it.f.Line)
}

func cellOf(c *int) int {
	if c == nil {
		return -1
	}
	return *c
}
