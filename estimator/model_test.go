package estimator

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDefaultModelIsValid(t *testing.T) {
	if err := DefaultModel().Validate(); err != nil {
		t.Fatal(err)
	}
}

// `frameshift model` prints the embedded file itself, comments included, and what
// it prints loads back to the same model.
func TestModelYAMLRoundTrip(t *testing.T) {
	out, err := DefaultModel().YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, embeddedModel) {
		t.Errorf("DefaultModel().YAML() differs from model.yaml:\n%s", cmp.Diff(string(embeddedModel), string(out)))
	}
	m := DefaultModel()
	m.Levels.Redesign = 5
	m.ReferenceHours["tf2-to-pytorch"] = 5000
	m.ReferenceHours["any-to-keras3"] = 1000
	out, err = m.YAML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "# a component rethought") {
		t.Error("edited model lost the comments")
	}
	refs := string(out)[strings.Index(string(out), "\nreference_hours:"):]
	if strings.Index(refs, "any-to-keras3") > strings.Index(refs, "tf2-to-pytorch") {
		t.Error("reference_hours keys are not sorted")
	}
	got, err := LoadModel(writeModel(t, string(out)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// A model file overrides only what it names.
func TestLoadModelOverlaysDefaults(t *testing.T) {
	got, err := LoadModel(writeModel(t, `
levels:
  redesign: 5
blockers:
  edge: {hours: 200}
reference_hours:
  tf2-to-pytorch: 6000
team: 4
`))
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultModel()
	want.Levels.Redesign = 5
	want.Blockers.Edge.Hours = 200
	want.ReferenceHours["tf2-to-pytorch"] = 6000
	want.Team = 4
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("model (-want +got):\n%s", diff)
	}
}

func TestLoadModelEmptyFileIsDefault(t *testing.T) {
	got, err := LoadModel(writeModel(t, "# nothing to change\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DefaultModel(), got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// Every invalid model file is an error naming the file and the field.
func TestLoadModelRejectsBadFields(t *testing.T) {
	tests := []struct {
		body string
		want string
	}{
		{"levels:\n  redesign: -4\n", "levels.redesign: must be a positive number of hours"},
		{"levels:\n  redesign: 0\n", "levels.redesign: must be a positive number of hours"},
		{"levels:\n  redesign: lots\n", "line 2: levels.redesign: must be a number"},
		{"levels:\n  redesign: .nan\n", "levels.redesign: must be a positive number of hours"},
		{"levels:\n  trivial: .inf\n", "levels.trivial: must be at most 10000 hours"},
		{"levels:\n  rearchitecture: 20000\n", "levels.rearchitecture: must be at most 10000 hours"},
		{"hours_per_month: 1000\n", "hours_per_month: must be a positive number of hours, from 1 to 744"},
		{"team: 0.01\n", "team: must be 0"},
		{"levels:\n  none: 1\n", "line 2: levels.none: unknown field (known: trivial, minor, complex, redesign, rearchitecture)"},
		{"levels:\n  complex: 0.4\n", "levels.complex: must be at least levels.minor (0.5 hours)"},
		{"levels: 3\n", "line 1: levels: must be a mapping of fields"},
		{"hours_per_month: 0\n", "hours_per_month: must be a positive number of hours, from 1 to 744"},
		{"hour_per_month: 160\n", "line 1: hour_per_month: unknown field"},
		{"parity_validation_hours: -1\n", "parity_validation_hours: must be zero or a positive number of hours"},
		{"blockers:\n  edge:\n    hours: -5\n", "blockers.edge.hours: must be zero or a positive number of hours"},
		{"blockers:\n  edge:\n    risk_steps: 1.5\n", "line 3: blockers.edge.risk_steps: must be a whole number"},
		{"blockers:\n  tfx:\n    risk_steps: 9\n", "blockers.tfx.risk_steps: must be a whole number from 0 to 4"},
		{"blockers:\n  gpu:\n    hours: 1\n", "line 2: blockers.gpu: unknown field"},
		{"overhead: -0.1\n", "overhead: must be a share from 0 to 10"},
		{"growth_exponent: 0.9\n", "growth_exponent: must be from 1 (linear) to 2"},
		{"team: -1\n", "team: must be 0 (the guide's staffing) or a number of engineers from 0.1 to 10000"},
		{"floor_hours: -1\n", "floor_hours: must be zero or a positive number of hours"},
		{"reference_hours:\n  tf2-to-pytorch: 0\n", "reference_hours.tf2-to-pytorch: must be a number of hours from 1 to 10000000"},
		{"reference_hours:\n  TF2 to PyTorch: 100\n", "reference_hours.TF2 to PyTorch: is not a path id"},
		{"reference_hours:\n  tf2-to-pytorch: many\n", "line 2: reference_hours.tf2-to-pytorch: must be a number"},
		{"reference_hours: [1, 2]\n", "line 1: reference_hours: must be a mapping"},
		{"recommend:\n  heavy_keras_share: 1.5\n", "recommend.heavy_keras_share: must be a share above 0 and at most 1"},
		{"team: 3\nteam: 4\n", "team"},
		{"- 1\n- 2\n", "line 1: top level: must be a mapping of fields"},
		{"levels: {trivial: &a 1, minor: *a}\n", "aliases are not supported"},
		{"levels: [\n", "model file"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			file := writeModel(t, tt.body)
			_, err := LoadModel(file)
			if err == nil {
				t.Fatalf("LoadModel accepted %q", tt.body)
			}
			if !strings.HasPrefix(err.Error(), "model file "+file+": ") {
				t.Errorf("error %q does not start by naming the file", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadModelMissingFile(t *testing.T) {
	_, err := LoadModel(filepath.Join(t.TempDir(), "none.yaml"))
	if err == nil || !strings.HasPrefix(err.Error(), "read model file ") {
		t.Errorf("got %v", err)
	}
}

// A model's numbers reach the estimate: weights, overhead, parity and reference.
func TestModelChangesEstimate(t *testing.T) {
	inv := newInv(t).add("m.py", "est.tf-import", 1).add("m.py", "est.keras-model", 2).add("m.py", "est.tf-core", 10).build()
	base := pathByID(t, estimate(t, inv, Options{}), "tf2-to-pytorch").Calculation
	tests := []struct {
		name   string
		change func(*Model)
		check  func(c Calculation) bool
	}{
		{"overhead", func(m *Model) { m.Overhead = 0.5 }, func(c Calculation) bool { return math.Abs(c.EffortHours-c.WorkHours*1.5) < 0.01 }},
		{"parity", func(m *Model) { m.ParityValidationHours = 100 }, func(c Calculation) bool { return c.Models.Hours == 200 }},
		{"minor", func(m *Model) { m.Levels.Minor = 1 }, func(c Calculation) bool { return c.WorkHours == base.WorkHours+5 }},
		{"reference", func(m *Model) { m.ReferenceHours = map[string]float64{"tf2-to-pytorch": 50} }, func(c Calculation) bool {
			return c.ReferenceHours == 50 && c.ReferenceBasis == "model reference_hours.tf2-to-pytorch" && c.Ratio > 1
		}},
		{"hours per month", func(m *Model) { m.HoursPerMonth = 120 }, func(c Calculation) bool { return c.ReferenceHours == 30*120 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := DefaultModel()
			tt.change(&m)
			c := pathByID(t, estimate(t, inv, Options{Model: m}), "tf2-to-pytorch").Calculation
			if !tt.check(c) {
				t.Errorf("calculation did not follow the model: %+v", c)
			}
		})
	}
}

func TestUnknownReferencePathWarns(t *testing.T) {
	m := DefaultModel()
	m.ReferenceHours["acme.nowhere"] = 10
	res := estimate(t, newInv(t).add("m.py", "est.tf-import", 1).build(), Options{Model: m})
	want := []string{"the model's reference_hours names path acme.nowhere, which is not a known path"}
	if diff := cmp.Diff(want, res.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func writeModel(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "m.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// FuzzLoadModel feeds model files to the decoder: it must never panic, and what
// it accepts must be a valid model.
func FuzzLoadModel(f *testing.F) {
	f.Add(string(embeddedModel))
	f.Add("levels:\n  redesign: 24\nteam: 4\n")
	f.Add("reference_hours:\n  tf2-to-pytorch: 6000\n")
	f.Add("blockers:\n  edge: {hours: 200, risk_steps: 2}\n")
	f.Add("levels: {trivial: &a 1, minor: *a}\n")
	f.Add("- 1\n")
	f.Add("hours_per_month: 1\nlevels: {trivial: 10000, minor: 10000, complex: 10000, redesign: 10000, rearchitecture: 10000}\ngrowth_exponent: 2\nreference_hours: {tf2-to-pytorch: 1}\n")
	inv := monorepo(f)
	cat := testCatalog(f)
	f.Fuzz(func(t *testing.T, body string) {
		m := DefaultModel()
		if err := decodeModel("fuzz", []byte(body), &m); err != nil {
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted an invalid model: %v", err)
		}
		if _, err := m.YAML(); err != nil {
			t.Fatalf("accepted model does not print: %v", err)
		}
		// Any accepted model must give a finite, printable estimate.
		res, err := Estimate(inv, Options{Model: m, Catalog: cat, Target: "jax"})
		if err != nil {
			t.Fatalf("estimate with an accepted model: %v", err)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not marshal: %v", err)
		}
	})
}
