package estimator

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

// FuzzEstimate feeds inventories with arbitrary fields, as a hand-edited or
// corrupted JSON report could hold: the estimate must never panic, and every path
// it lists must explain.
func FuzzEstimate(f *testing.F) {
	f.Add("legacy/train.py|est.tf1-session|tensorflow|tf1|call|3\nm.py|est.keras-model|keras|keras2|base|1", "pytorch", 0.0)
	f.Add("a.py|est.tf-lite|tensorflow|tf2|call|1\nb.py|est.tfx|tensorflow|tf2|call|2", "", 4.0)
	f.Add("n.py|est.torch-module|pytorch|pytorch|base|1\nj.py|est.jax-tpu|jax|jax|call|5", "jax", 1.5)
	f.Add("nb.ipynb|est.keras-backend-env|keras|keras3|config|1\n||||", "tf2", 0.0)
	f.Add("../../x|unknown.rule|mxnet|??|import|-1", "keras3", 1e9)
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, spec, target string, team float64) {
		inv := &scanner.Inventory{}
		for _, line := range strings.Split(spec, "\n") {
			fields := strings.Split(line, "|")
			for len(fields) < 6 {
				fields = append(fields, "")
			}
			inv.Findings = append(inv.Findings, scanner.Finding{
				File: fields[0], Rule: fields[1], Framework: fields[2], Era: fields[3],
				Kind: scanner.Kind(fields[4]), Line: len(fields[5]),
			})
			inv.Files = append(inv.Files, scanner.FileReport{Path: fields[0], Lines: len(line)})
		}
		res, err := Estimate(inv, Options{Catalog: cat, Target: target, Team: team})
		if err != nil {
			return
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
		for _, p := range res.Paths {
			if err := Explain(&bytes.Buffer{}, res, p.ID); err != nil {
				t.Fatalf("explain %s: %v", p.ID, err)
			}
			if p.EngMonths.Low > p.EngMonths.High || p.TimelineMonths.Low < 0 {
				t.Fatalf("%s: bad ranges %+v %+v", p.ID, p.EngMonths, p.TimelineMonths)
			}
		}
	})
}
