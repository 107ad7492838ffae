package estimator

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func tf1Code(b *invBuilder) {
	b.add("legacy/graph.py", "est.tf1-session", 3).add("legacy/graph.py", "est.tf1-placeholder", 8).
		add("legacy/graph.py", "est.tf-core", 30).add("legacy/input.py", "est.tf1-rename", 20)
}

func tf2Code(b *invBuilder) {
	b.add("ranking/model.py", "est.tf-import", 1).add("ranking/model.py", "est.tf-core", 40).
		add("ranking/train.py", "est.tf2-function", 6).add("ranking/model.py", "est.keras-model", 2)
}

func TestTargetChaining(t *testing.T) {
	tests := []struct {
		name      string
		build     func(*invBuilder)
		target    string
		wantSteps []string
		wantVia   map[string][]string
		wantNotes map[string]string
		wantAlts  []string
	}{
		{"TF1 to PyTorch goes through TF2", tf1Code, "pytorch",
			[]string{"tf1-to-tf2", "tf2-to-pytorch"},
			map[string][]string{"tf1": {"tf1-to-tf2", "tf2-to-pytorch"}},
			nil, []string{"keras3-bridge", "direct"}},
		{"TF2 to JAX goes through PyTorch", tf2Code, "jax",
			[]string{"tf2-to-pytorch", "pytorch-to-jax"},
			map[string][]string{"tf2": {"tf2-to-pytorch", "pytorch-to-jax"}},
			nil, []string{"keras3-bridge", "direct"}},
		{"TF1 to TF2", tf1Code, "tf2",
			[]string{"tf1-to-tf2"},
			map[string][]string{"tf1": {"tf1-to-tf2"}}, nil, nil},
		{"mixed codebase to PyTorch", func(b *invBuilder) {
			tf1Code(b)
			tf2Code(b)
			b.add("vision/net.py", "est.torch-module", 2).add("research/sim.py", "est.jax-api", 5).
				add("notebooks/nb.ipynb", "est.keras-backend-env", 1)
		}, "pytorch",
			[]string{"tf1-to-tf2", "tf2-to-pytorch"},
			map[string][]string{"tf1": {"tf1-to-tf2", "tf2-to-pytorch"}, "tf2": {"tf2-to-pytorch"}, "keras3": {}, "pytorch": {}, "jax": {}},
			map[string]string{"pytorch": "already on PyTorch", "keras3": "KERAS_BACKEND=torch", "jax": "no path"},
			[]string{"keras3-bridge", "direct"}},
		{"mixed codebase to Keras 3", func(b *invBuilder) {
			tf1Code(b)
			b.add("vision/net.py", "est.torch-module", 2).add("research/sim.py", "est.jax-api", 5).add("m.py", "est.keras-model", 1)
		}, "keras3",
			[]string{"any-to-keras3"},
			map[string][]string{"tf1": {"any-to-keras3"}, "keras2": {"any-to-keras3"}, "pytorch": {"any-to-keras3"}, "jax": {}},
			map[string]string{"jax": "no path"}, nil},
		{"Keras 2 and PyTorch to TF2", func(b *invBuilder) {
			b.add("m.py", "est.keras-model", 1).add("vision/net.py", "est.torch-module", 1)
		}, "tf2", []string{},
			map[string][]string{"keras2": {}, "pytorch": {}},
			map[string]string{"keras2": "already runs on TF 2.x", "pytorch": "no path"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newInv(t)
			tt.build(b)
			res := estimate(t, b.build(), Options{Target: tt.target})
			rt := res.Route
			if rt == nil || rt.Target != tt.target || !rt.Requested {
				t.Fatalf("route %+v, want one to %s, requested", rt, tt.target)
			}
			if diff := cmp.Diff(tt.wantSteps, stepIDs(rt)); diff != "" {
				t.Errorf("steps (-want +got):\n%s", diff)
			}
			for _, pr := range rt.Parts {
				if want, ok := tt.wantVia[pr.Part]; ok {
					if diff := cmp.Diff(want, pr.Via); diff != "" {
						t.Errorf("part %s via (-want +got):\n%s", pr.Part, diff)
					}
				}
				if want, ok := tt.wantNotes[pr.Part]; ok && !strings.Contains(pr.Note, want) {
					t.Errorf("part %s note %q, want it to say %q", pr.Part, pr.Note, want)
				}
			}
			var sum Range
			for _, s := range rt.Steps {
				sum.Low += s.EngMonths.Low
				sum.High += s.EngMonths.High
				if s.Calculation.Uses == 0 {
					t.Errorf("step %s counts nothing", s.ID)
				}
			}
			if round3(sum.Low) != rt.EngMonths.Low || round3(sum.High) != rt.EngMonths.High {
				t.Errorf("route %v is not the sum of its steps %v", rt.EngMonths, sum)
			}
			var alts []string
			for _, a := range rt.Alternatives {
				alts = append(alts, a.Name)
				if a.Text == "" {
					t.Errorf("alternative %s says nothing", a.Name)
				}
			}
			if diff := cmp.Diff(tt.wantAlts, alts); diff != "" {
				t.Errorf("alternatives (-want +got):\n%s", diff)
			}
		})
	}
}

// Rewriting TF1 code directly is cheaper than the chain, and the route says why.
func TestDirectAlternativeIsCheaper(t *testing.T) {
	b := newInv(t)
	tf1Code(b)
	rt := estimate(t, b.build(), Options{Target: "pytorch"}).Route
	var direct *Alternative
	for i := range rt.Alternatives {
		if rt.Alternatives[i].Name == "direct" {
			direct = &rt.Alternatives[i]
		}
	}
	if direct == nil {
		t.Fatal("no direct alternative")
	}
	if !direct.Cheaper || direct.EngMonths.High >= rt.EngMonths.High {
		t.Errorf("direct %v is not cheaper than the chain %v", direct.EngMonths, rt.EngMonths)
	}
	if !strings.Contains(direct.Text, "skipping the intermediate step") {
		t.Errorf("text does not say why: %q", direct.Text)
	}
}

// The step after a chain counts the code the chain brought to it.
func TestLaterStepCountsPortedCode(t *testing.T) {
	b := newInv(t)
	tf2Code(b)
	rt := estimate(t, b.build(), Options{Target: "jax"}).Route
	last := rt.Steps[len(rt.Steps)-1]
	if last.ID != "pytorch-to-jax" || last.Calculation.Uses == 0 {
		t.Fatalf("pytorch-to-jax step counts %d uses of the ported TF code", last.Calculation.Uses)
	}
	// As listed (not a step), pytorch-to-jax does not apply to a TF codebase.
	for _, p := range estimate(t, b.build(), Options{}).Paths {
		if p.ID == "pytorch-to-jax" {
			t.Error("pytorch-to-jax listed for a codebase without PyTorch")
		}
	}
}

// --target moves the route, not the recommendation.
func TestTargetKeepsRecommendation(t *testing.T) {
	b := newInv(t)
	tf1Code(b)
	res := estimate(t, b.build(), Options{Target: "keras3"})
	if res.Recommendation.Target != "pytorch" {
		t.Fatalf("recommendation %q", res.Recommendation.Target)
	}
	if diff := cmp.Diff([]string{"tf1-to-tf2", "tf2-to-pytorch"}, res.Recommendation.Route); diff != "" {
		t.Errorf("recommendation route (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"any-to-keras3"}, stepIDs(res.Route)); diff != "" {
		t.Errorf("requested route (-want +got):\n%s", diff)
	}
}

func TestOptionsErrors(t *testing.T) {
	inv := newInv(t).add("a.py", "est.tf-import", 1).build()
	badModel := DefaultModel()
	badModel.Levels.Redesign = -1
	badPaths := DefaultPaths()
	badPaths[0].EngMonths.Low = 99
	tests := []struct {
		name string
		inv  bool
		opts Options
		want string
	}{
		{"no inventory", false, Options{}, "estimate: no inventory"},
		{"bad target", true, Options{Target: "mxnet"}, `estimate: target "mxnet" is not one of pytorch, jax, keras3, tf2`},
		{"negative team", true, Options{Team: -2}, "estimate: team -2 must be a number of engineers from 0.1 to 10000"},
		{"infinite team", true, Options{Team: math.Inf(1)}, "estimate: team +Inf must be a number of engineers from 0.1 to 10000"},
		{"bad model", true, Options{Model: badModel}, "estimate: model: levels.redesign: must be a positive number of hours"},
		{"bad paths", true, Options{Paths: badPaths}, "estimate: path tf1-to-tf2: eng_months: low 99 is greater than high 15"},
		{"duplicate path", true, Options{Paths: append(DefaultPaths(), DefaultPaths()[0])}, "estimate: path tf1-to-tf2 is given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Catalog = testCatalog(t)
			in := inv
			if !tt.inv {
				in = nil
			}
			_, err := Estimate(in, opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// Findings of rules the catalog does not know are reported, not costed, and do
// not stop the estimate.
func TestUnknownRulesWarn(t *testing.T) {
	inv := newInv(t).add("a.py", "est.tf-import", 1).unknown("a.py", "gone.rule", "tensorflow").unknown("b.py", "gone.rule", "tensorflow").build()
	res := estimate(t, inv, Options{})
	want := []string{"2 findings of 1 rule not in the catalog were not costed: gone.rule"}
	if diff := cmp.Diff(want, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if p := pathByID(t, res, "tf2-to-pytorch"); p.Calculation.Uses != 1 {
		t.Errorf("uses %d, want the known finding only", p.Calculation.Uses)
	}
}

func TestParts(t *testing.T) {
	b := newInv(t)
	tf1Code(b)
	tf2Code(b)
	// tf.keras in a TF1 file is TF1 code; Keras without TensorFlow is standalone.
	b.add("legacy/graph.py", "est.keras-layer", 2).add("apps/k.py", "est.keras-layer", 3).
		addEra("apps/k3.py", "est.keras-layer", "keras3", 2).add("vision/net.py", "est.torch-api", 4)
	res := estimate(t, b.build(), Options{})
	got := map[string]int{}
	var names []string
	for _, p := range res.Parts {
		got[p.Name] = p.Findings
		names = append(names, p.Name)
		if p.Label == "" || p.Files == 0 || p.Lines == 0 {
			t.Errorf("part %+v is incomplete", p)
		}
	}
	if diff := cmp.Diff([]string{"tf1", "tf2", "keras2", "keras3", "pytorch"}, names); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	want := map[string]int{"tf1": 63, "tf2": 49, "keras2": 3, "keras3": 2, "pytorch": 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings per part (-want +got):\n%s", diff)
	}
	var listed []string
	for _, p := range res.Paths {
		listed = append(listed, p.ID)
	}
	if diff := cmp.Diff([]string{"tf1-to-tf2", "tf2-to-pytorch", "pytorch-to-jax", "any-to-keras3"}, listed); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

// Which paths apply follows from the parts found.
func TestApplicablePaths(t *testing.T) {
	tests := []struct {
		name  string
		build func(*invBuilder)
		want  []string
	}{
		{"TF1", tf1Code, []string{"tf1-to-tf2", "any-to-keras3"}},
		{"TF2", tf2Code, []string{"tf2-to-pytorch", "any-to-keras3"}},
		{"PyTorch", func(b *invBuilder) { b.add("n.py", "est.torch-module", 1) }, []string{"pytorch-to-jax", "any-to-keras3"}},
		{"Keras 2", func(b *invBuilder) { b.add("m.py", "est.keras-model", 1) }, []string{"tf2-to-pytorch", "any-to-keras3"}},
		{"Keras 3", func(b *invBuilder) { b.add("m.py", "est.keras3-ops", 1) }, []string{}},
		{"JAX", func(b *invBuilder) { b.add("m.py", "est.jax-api", 1) }, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newInv(t)
			tt.build(b)
			got := []string{}
			for _, p := range estimate(t, b.build(), Options{}).Paths {
				got = append(got, p.ID)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("paths (-want +got):\n%s", diff)
			}
		})
	}
}

// A user path joins the estimate like the guide's.
func TestUserPath(t *testing.T) {
	ps := append(DefaultPaths(), Path{
		ID: "acme.jax-to-pytorch", From: "JAX", To: "PyTorch", Sources: []string{"jax"}, Target: "pytorch",
		Frameworks: []string{"jax"}, Blockers: []string{"simulation"},
		TimelineMonths: Range{Low: 4, High: 8}, EngMonths: Range{Low: 12, High: 24}, Risk: "high",
	})
	b := newInv(t).add("train.py", "est.jax-api", 20).add("physics.py", "est.jax-sim", 2)
	res := estimate(t, b.build(), Options{Paths: ps, Target: "pytorch"})
	p := pathByID(t, res, "acme.jax-to-pytorch")
	if p.Calculation.Uses != 22 || len(p.Blockers) != 1 || p.Blockers[0].Tag != "simulation" {
		t.Errorf("user path: %d uses, blockers %+v", p.Calculation.Uses, p.Blockers)
	}
	if p.Calculation.ReferenceHours != 18*160 {
		t.Errorf("reference %v, want the path's midpoint in hours", p.Calculation.ReferenceHours)
	}
	if diff := cmp.Diff([]string{"acme.jax-to-pytorch"}, stepIDs(res.Route)); diff != "" {
		t.Errorf("route (-want +got):\n%s", diff)
	}
}
