package estimator

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Each of the guide's decision rules, triggered by a synthetic inventory that
// shows it, and the precedence between them.
func TestRecommendationRules(t *testing.T) {
	tf2Light := func(b *invBuilder) {
		b.add("model.py", "est.tf-import", 1).add("model.py", "est.tf-core", 30).add("train.py", "est.tf2-function", 5).add("model.py", "est.keras-layer", 3)
	}
	tf2HeavyKeras := func(b *invBuilder) {
		b.add("model.py", "est.tf-import", 1).add("model.py", "est.keras-model", 3).add("model.py", "est.keras-layer", 20).add("train.py", "est.tf-core", 10)
	}
	tests := []struct {
		name       string
		build      func(*invBuilder)
		wantRules  []int
		wantTarget string
		wantRoute  []string
		wantInText string
	}{
		{"nothing found", func(*invBuilder) {}, nil, "", []string{}, "nothing to migrate"},
		{"TFX pipeline stays on TensorFlow", func(b *invBuilder) {
			tf2Light(b)
			b.add("pipeline/components.py", "est.tfx", 6)
		}, []int{2}, "tf2", []string{}, "prohibitively"},
		{"TFX on TF1 still leaves TF1", func(b *invBuilder) {
			b.add("legacy/g.py", "est.tf1-session", 4).add("pipeline/components.py", "est.tfx", 6)
		}, []int{2}, "tf2", []string{"tf1-to-tf2"}, "prohibitively"},
		{"edge deployment stays on TensorFlow with Keras 3", func(b *invBuilder) {
			tf2Light(b)
			b.add("mobile/convert.py", "est.tf-lite", 3)
		}, []int{2}, "keras3", []string{"any-to-keras3"}, "Keras 3 as the bridge"},
		{"TFX outranks edge", func(b *invBuilder) {
			tf2Light(b)
			b.add("mobile/convert.py", "est.tf-lite", 3).add("pipeline/components.py", "est.tfx", 6)
		}, []int{2, 2}, "tf2", []string{}, "TFX"},
		{"ExecuTorch is not TensorFlow edge", func(b *invBuilder) {
			b.add("net.py", "est.torch-module", 2).add("net.py", "est.torch-api", 20).add("edge/export.py", "est.executorch", 1)
		}, []int{1}, "pytorch", []string{}, "Stay on PyTorch"},
		{"JAX on TPU stays on JAX", func(b *invBuilder) {
			b.add("model.py", "est.flax-module", 2).add("train.py", "est.jax-api", 20).add("parallel.py", "est.jax-tpu", 3)
		}, []int{4}, "jax", []string{}, "Stay on JAX"},
		{"JAX simulation stays on JAX", func(b *invBuilder) {
			b.add("physics.py", "est.jax-sim", 2).add("train.py", "est.jax-api", 20)
		}, []int{4}, "jax", []string{}, "Stay on JAX"},
		{"JAX without TPU or simulation defaults to PyTorch", func(b *invBuilder) {
			b.add("model.py", "est.flax-module", 2).add("train.py", "est.jax-api", 20)
		}, []int{1}, "pytorch", []string{}, "Move to PyTorch"},
		{"a JAX corner of a PyTorch codebase does not decide", func(b *invBuilder) {
			b.add("net.py", "est.torch-module", 2).add("net.py", "est.torch-api", 40).add("research/mesh.py", "est.jax-tpu", 2)
		}, []int{1}, "pytorch", []string{}, "Stay on PyTorch"},
		{"TF2 with heavy Keras goes Keras 3 on torch", func(b *invBuilder) { tf2HeavyKeras(b) }, []int{3}, "keras3", []string{"any-to-keras3"}, "KERAS_BACKEND=torch"},
		{"standalone Keras 2 is heavy Keras", func(b *invBuilder) {
			b.add("model.py", "est.keras-model", 2).add("model.py", "est.keras-layer", 15).add("train.py", "est.keras-fit-generator", 2)
		}, []int{3}, "keras3", []string{"any-to-keras3"}, "KERAS_BACKEND=torch"},
		{"TF2 with light Keras defaults to PyTorch", func(b *invBuilder) { tf2Light(b) }, []int{1}, "pytorch", []string{"tf2-to-pytorch"}, "Move to PyTorch"},
		{"TF1 defaults to PyTorch through TF2", func(b *invBuilder) {
			b.add("legacy/g.py", "est.tf1-session", 4).add("legacy/g.py", "est.tf1-placeholder", 6).add("legacy/g.py", "est.tf-core", 20)
		}, []int{1}, "pytorch", []string{"tf1-to-tf2", "tf2-to-pytorch"}, "Move to PyTorch"},
		{"heavy Keras in a mostly TF1 codebase does not decide", func(b *invBuilder) {
			b.add("legacy/g.py", "est.tf1-session", 10).add("legacy/g.py", "est.tf-core", 40)
			tf2HeavyKeras(b)
		}, []int{1}, "pytorch", []string{"tf1-to-tf2", "tf2-to-pytorch"}, "Move to PyTorch"},
		{"PyTorch stays", func(b *invBuilder) {
			b.add("net.py", "est.torch-module", 2).add("net.py", "est.torch-api", 20)
		}, []int{1}, "pytorch", []string{}, "Stay on PyTorch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newInv(t)
			tt.build(b)
			rec := estimate(t, b.build(), Options{}).Recommendation
			var rules []int
			for _, r := range rec.Reasons {
				rules = append(rules, r.Rule)
				if r.Text == "" || len(r.Evidence) == 0 {
					t.Errorf("rule %d fired without text or evidence: %+v", r.Rule, r)
				}
			}
			if diff := cmp.Diff(tt.wantRules, rules); diff != "" {
				t.Errorf("rules (-want +got):\n%s", diff)
			}
			if rec.Target != tt.wantTarget {
				t.Errorf("target %q, want %q", rec.Target, tt.wantTarget)
			}
			if diff := cmp.Diff(tt.wantRoute, rec.Route); diff != "" {
				t.Errorf("route (-want +got):\n%s", diff)
			}
			wantPath := ""
			if len(tt.wantRoute) > 0 {
				wantPath = tt.wantRoute[0]
			}
			if rec.Path != wantPath {
				t.Errorf("path %q, want %q", rec.Path, wantPath)
			}
			all := rec.Summary
			for _, r := range rec.Reasons {
				all += " " + r.Text
			}
			if !strings.Contains(all, tt.wantInText) {
				t.Errorf("summary and reasons %q do not say %q", all, tt.wantInText)
			}
		})
	}
}

// Evidence cites the findings, "file:line rule-id", in file and line order.
func TestRecommendationEvidence(t *testing.T) {
	b := newInv(t).add("model.py", "est.tf-import", 1).add("z/mobile.py", "est.tf-lite", 1).add("a/mobile.py", "est.tf-lite", 2)
	rec := estimate(t, b.build(), Options{}).Recommendation
	want := []string{"a/mobile.py:1 est.tf-lite", "a/mobile.py:2 est.tf-lite", "z/mobile.py:1 est.tf-lite"}
	if diff := cmp.Diff(want, rec.Reasons[0].Evidence); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
}

// The heavy-Keras threshold is the model's.
func TestHeavyKerasThreshold(t *testing.T) {
	// 10 Keras findings among 25 in TF 2.x code: 40%.
	b := newInv(t).add("m.py", "est.tf-import", 1).add("m.py", "est.tf-core", 14).add("m.py", "est.keras-layer", 10)
	inv := b.build()
	for _, tt := range []struct {
		share float64
		rule  int
	}{{0.3, 3}, {0.4, 3}, {0.41, 1}, {0.9, 1}} {
		m := DefaultModel()
		m.Recommend.HeavyKerasShare = tt.share
		rec := estimate(t, inv, Options{Model: m}).Recommendation
		if rec.Reasons[0].Rule != tt.rule {
			t.Errorf("threshold %v: rule %d, want %d", tt.share, rec.Reasons[0].Rule, tt.rule)
		}
	}
}

// A recommendation about TensorFlow code moves the TensorFlow code only: the
// PyTorch service of a monorepo with an edge deployment stays on PyTorch.
func TestRecommendationMovesOnlyWhatItConcerns(t *testing.T) {
	res := estimate(t, monorepo(t), Options{})
	if res.Recommendation.Target != "keras3" || res.Route == nil || res.Route.Requested {
		t.Fatalf("recommendation %q, route %+v", res.Recommendation.Target, res.Route)
	}
	for _, pr := range res.Route.Parts {
		switch pr.Part {
		case "tf1", "tf2":
			if diff := cmp.Diff([]string{"any-to-keras3"}, pr.Via); diff != "" {
				t.Errorf("%s via (-want +got):\n%s", pr.Part, diff)
			}
		case "pytorch", "jax":
			if len(pr.Via) != 0 || !strings.HasPrefix(pr.Note, "stays") {
				t.Errorf("%s moves: %+v", pr.Part, pr)
			}
		}
	}
	step := res.Route.Steps[0]
	for _, part := range step.Parts {
		if part.Name == "pytorch" {
			t.Errorf("the Keras 3 step costs PyTorch code: %+v", part)
		}
	}
	// Asked for explicitly, the target moves everything.
	asked := estimate(t, monorepo(t), Options{Target: "keras3"})
	for _, pr := range asked.Route.Parts {
		if pr.Part == "pytorch" && len(pr.Via) == 0 {
			t.Errorf("--target keras3 leaves PyTorch code behind: %+v", pr)
		}
	}
}
