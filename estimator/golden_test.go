package estimator

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/frameshift/frameshift/scanner"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// monorepo is a small mixed codebase with every kind of part and a blocker.
func monorepo(t testing.TB) *scanner.Inventory {
	b := newInv(t)
	b.add("legacy/train.py", "est.tf1-session", 3).add("legacy/train.py", "est.tf1-placeholder", 5).
		add("legacy/train.py", "est.tf-core", 20).add("legacy/input.py", "est.tf1-rename", 12).
		add("legacy/model.py", "est.tf1-estimator-model", 1)
	b.add("ranking/model.py", "est.tf-import", 1).add("ranking/model.py", "est.keras-model", 3).
		add("ranking/model.py", "est.keras-layer", 30).add("ranking/train.py", "est.tf2-function", 4).
		add("ranking/export.py", "est.tf-serving", 1)
	b.add("mobile/convert.py", "est.tf-lite", 3)
	b.add("vision/net.py", "est.torch-module", 4).add("vision/net.py", "est.torch-api", 40).
		add("vision/train.py", "est.torch-inplace", 6).add("vision/ext.py", "est.torch-cpp-extension", 1)
	b.add("research/sim.py", "est.jax-api", 10)
	b.add("notebooks/explore.ipynb", "est.keras-backend-env", 1)
	return b.build()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs (-want +got):\n%s", name, cmp.Diff(string(want), string(got)))
	}
}

func TestExplainGolden(t *testing.T) {
	mono := monorepo(t)
	script := newInv(t).add("train.py", "est.tf1-session", 1).add("train.py", "est.tf1-placeholder", 2).
		add("train.py", "est.tf1-rename", 10).add("train.py", "est.tf-core", 15).build()
	tc := typical[2]
	big := newInv(t)
	for _, f := range typicalInventory(t, tc.path, tc.mix, tc.fill, tc.files).build().Findings {
		for _, copyDir := range []string{"a", "b", "c"} {
			big.add(copyDir+"/"+f.File, f.Rule, 1)
		}
	}
	tests := []struct {
		golden string
		inv    *scanner.Inventory
		opts   Options
		path   string
	}{
		{"explain_monorepo_tf2-to-pytorch.txt", mono, Options{Target: "pytorch"}, "tf2-to-pytorch"},
		{"explain_monorepo_pytorch-to-jax.txt", mono, Options{Target: "jax"}, "pytorch-to-jax"},
		{"explain_script_tf1-to-tf2.txt", script, Options{}, "tf1-to-tf2"},
		{"explain_three_times_reference.txt", big.build(), Options{Team: 4}, "pytorch-to-jax"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Explain(&buf, estimate(t, tt.inv, tt.opts), tt.path); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.golden, buf.Bytes())
		})
	}
}

func TestExplainUnknownPath(t *testing.T) {
	res := estimate(t, newInv(t).add("m.py", "est.torch-api", 1).build(), Options{})
	err := Explain(&bytes.Buffer{}, res, "tf1-to-tf2")
	want := "explain tf1-to-tf2: no such path in this estimate (it has: pytorch-to-jax, any-to-keras3)"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
	if err := Explain(&bytes.Buffer{}, nil, "x"); err == nil {
		t.Error("Explain accepted a nil result")
	}
}

func TestResultJSONGolden(t *testing.T) {
	res := estimate(t, monorepo(t), Options{Target: "pytorch"})
	got, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "result_monorepo_pytorch.json", append(got, '\n'))
}

// The same findings in any order give the same bytes: nothing depends on the
// order of the inventory or of a map.
func TestResultIsDeterministic(t *testing.T) {
	inv := monorepo(t)
	want, err := json.Marshal(estimate(t, inv, Options{Target: "jax"}))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 20; i++ {
		shuffled := *inv
		shuffled.Findings = append([]scanner.Finding(nil), inv.Findings...)
		r.Shuffle(len(shuffled.Findings), func(a, b int) {
			shuffled.Findings[a], shuffled.Findings[b] = shuffled.Findings[b], shuffled.Findings[a]
		})
		got, err := json.Marshal(estimate(t, &shuffled, Options{Target: "jax"}))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want, got) {
			t.Fatalf("shuffle %d changed the result:\n%s", i, cmp.Diff(string(want), string(got)))
		}
	}
}

// The JSON carries the field names the report contract promises.
func TestResultJSONFields(t *testing.T) {
	res := estimate(t, monorepo(t), Options{})
	raw, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"team", "recommendation", "paths", "parts", "route"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("no %q", key)
		}
	}
	rec := doc["recommendation"].(map[string]any)
	for _, key := range []string{"target", "path", "reasons"} {
		if _, ok := rec[key]; !ok {
			t.Errorf("recommendation has no %q", key)
		}
	}
	reason := rec["reasons"].([]any)[0].(map[string]any)
	for _, key := range []string{"rule", "text", "evidence"} {
		if _, ok := reason[key]; !ok {
			t.Errorf("reason has no %q", key)
		}
	}
	p := doc["paths"].([]any)[0].(map[string]any)
	for _, key := range []string{"id", "from", "to", "timeline_months", "eng_months", "risk", "drivers", "blockers"} {
		if _, ok := p[key]; !ok {
			t.Errorf("path has no %q", key)
		}
	}
	for _, key := range []string{"timeline_months", "eng_months"} {
		r := p[key].(map[string]any)
		if _, ok := r["low"]; !ok {
			t.Errorf("%s has no low", key)
		}
		if _, ok := r["high"]; !ok {
			t.Errorf("%s has no high", key)
		}
	}
}
