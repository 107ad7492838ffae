package estimator

import (
	"strings"
	"testing"
)

// Each blocker raises the risk of a path that loses it by its steps, and is named
// with its evidence and chunk.
func TestRiskEscalation(t *testing.T) {
	base := func() *invBuilder {
		return newInv(t).add("model.py", "est.tf-import", 1).add("model.py", "est.keras-layer", 10)
	}
	tests := []struct {
		name     string
		add      func(*invBuilder)
		path     string
		wantRisk Risk
		wantTags []string
	}{
		{"no blocker", func(*invBuilder) {}, "tf2-to-pytorch", "high", nil},
		{"edge on tf2-to-pytorch", func(b *invBuilder) { b.add("mobile/convert.py", "est.tf-lite", 2) }, "tf2-to-pytorch", "high", []string{"edge"}},
		{"edge kept on any-to-keras3", func(b *invBuilder) { b.add("mobile/convert.py", "est.tf-lite", 2) }, "any-to-keras3", "low-medium", nil},
		{"custom op on any-to-keras3", func(b *invBuilder) { b.add("ops/load.py", "est.tf-op-library", 1) }, "any-to-keras3", "medium", []string{"custom-op"}},
		{"tfx on any-to-keras3", func(b *invBuilder) { b.add("pipeline/p.py", "est.tfx", 3) }, "any-to-keras3", "medium-high", []string{"tfx"}},
		{"tfx and custom op on any-to-keras3", func(b *invBuilder) {
			b.add("pipeline/p.py", "est.tfx", 3).add("ops/load.py", "est.tf-op-library", 1)
		}, "any-to-keras3", "high", []string{"tfx", "custom-op"}},
		{"tpu on tf1-to-tf2", func(b *invBuilder) {
			b.add("legacy/g.py", "est.tf1-session", 1).add("legacy/tpu.py", "est.tf-tpu", 1)
		}, "tf1-to-tf2", "medium-high", []string{"tpu"}},
		{"custom op and tpu on tf1-to-tf2", func(b *invBuilder) {
			b.add("legacy/g.py", "est.tf1-session", 1).add("legacy/tpu.py", "est.tf-tpu", 1).add("legacy/op.py", "est.tf-op-library", 1)
		}, "tf1-to-tf2", "high", []string{"tpu", "custom-op"}},
		{"serving on tf2-to-pytorch", func(b *invBuilder) { b.add("serve/export.py", "est.tf-serving", 1) }, "tf2-to-pytorch", "high", []string{"serving"}},
		{"torch extension on pytorch-to-jax", func(b *invBuilder) {
			b.add("net.py", "est.torch-module", 1).add("ext.py", "est.torch-cpp-extension", 1)
		}, "pytorch-to-jax", "high", []string{"custom-op"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base()
			tt.add(b)
			p := pathByID(t, estimate(t, b.build(), Options{}), tt.path)
			if p.Risk != tt.wantRisk {
				t.Errorf("risk %s, want %s", p.Risk, tt.wantRisk)
			}
			var tags []string
			for _, bl := range p.Blockers {
				tags = append(tags, bl.Tag)
				if bl.Name == "" || len(bl.Evidence) == 0 || bl.Hours != bl.ChunkHours*float64(bl.Files) {
					t.Errorf("blocker %s is not named, evidenced and costed: %+v", bl.Tag, bl)
				}
			}
			if strings.Join(tags, ",") != strings.Join(sortedByBlockerOrder(tt.wantTags), ",") {
				t.Errorf("blockers %v, want %v", tags, tt.wantTags)
			}
		})
	}
}

func sortedByBlockerOrder(tags []string) []string {
	var out []string
	for _, tag := range []string{"edge", "tfx", "tpu", "custom-op", "serving", "simulation"} {
		if contains(tags, tag) {
			out = append(out, tag)
		}
	}
	return out
}

// A blocker costs one chunk per file that shows it, not per use.
func TestBlockerChunkPerFile(t *testing.T) {
	b := newInv(t).add("model.py", "est.tf-import", 1).
		add("mobile/a.py", "est.tf-lite", 3).add("mobile/b.py", "est.tf-lite", 1)
	p := pathByID(t, estimate(t, b.build(), Options{}), "tf2-to-pytorch")
	if len(p.Calculation.Chunks) != 1 {
		t.Fatalf("chunks %+v", p.Calculation.Chunks)
	}
	c := p.Calculation.Chunks[0]
	if c.Tag != "edge" || c.Files != 2 || c.Hours != 2*DefaultModel().Blockers.Edge.Hours {
		t.Errorf("chunk %+v, want edge × 2 files", c)
	}
	want := 0.125 + 4*8 + 2*40.0
	if p.Calculation.WorkHours != round2(want) {
		t.Errorf("work %v h, want %v (uses + two chunks)", p.Calculation.WorkHours, want)
	}
}

func TestEvidenceIsCapped(t *testing.T) {
	b := newInv(t).add("model.py", "est.tf-import", 1).add("mobile/a.py", "est.tf-lite", 25)
	p := pathByID(t, estimate(t, b.build(), Options{}), "tf2-to-pytorch")
	bl := p.Blockers[0]
	if len(bl.Evidence) != maxEvidence || bl.More != 25-maxEvidence {
		t.Errorf("evidence %d listed + %d more, want %d + %d", len(bl.Evidence), bl.More, maxEvidence, 25-maxEvidence)
	}
	if bl.Evidence[0] != "mobile/a.py:1 est.tf-lite" {
		t.Errorf("first evidence %q", bl.Evidence[0])
	}
}
