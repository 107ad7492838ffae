package paths

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The guide's table, restated here by hand so that a change to paths.yaml that drifts
// from GUIDE.md fails loudly.
func TestDefaultMatchesGuide(t *testing.T) {
	type row struct {
		id             string
		timeline, engM Range
		risk           Risk
	}
	want := []row{
		{"tf1-to-tf2", Range{Low: 3, High: 6}, Range{Low: 8, High: 15}, RiskMedium},
		{"tf2-to-pytorch", Range{Low: 6, High: 12}, Range{Low: 20, High: 40}, RiskHigh},
		{"pytorch-to-jax", Range{Low: 4, High: 8}, Range{Low: 15, High: 25}, RiskHigh},
		{"any-to-keras3", Range{Low: 2, High: 4}, Range{Low: 5, High: 12}, RiskLowMedium},
	}
	var got []row
	for _, p := range Default() {
		got = append(got, row{p.ID, p.TimelineMonths, p.EngMonths, p.Risk})
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("paths.yaml drifted from GUIDE.md (-guide +data):\n%s", diff)
	}
}

func TestDefaultIsACopy(t *testing.T) {
	a := Default()
	a[0].EngMonths.Low = 999
	a[0].Sources[0] = "changed"
	b := Default()
	if b[0].EngMonths.Low == 999 || b[0].Sources[0] == "changed" {
		t.Fatal("Default returned shared state that a caller could change")
	}
}

func TestLoadMergesByID(t *testing.T) {
	file := writeFile(t, `paths:
  - id: tf2-to-pytorch
    from: TF 2.x
    to: PyTorch
    sources: [tf2]
    target: pytorch
    frameworks: [tensorflow]
    timeline_months: {low: 5, high: 10}
    eng_months: {low: 18, high: 30}
    risk: medium-high
  - id: acme.jax-to-pytorch
    from: JAX
    to: PyTorch
    sources: [jax]
    target: pytorch
    frameworks: [jax]
    blockers: [simulation, tpu]
    timeline_months: {low: 4, high: 8}
    eng_months: {low: 12, high: 24}
    risk: high
`)
	got, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, p.ID)
	}
	wantIDs := []string{"tf1-to-tf2", "tf2-to-pytorch", "pytorch-to-jax", "any-to-keras3", "acme.jax-to-pytorch"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if got[1].EngMonths != (Range{Low: 18, High: 30}) || got[1].Risk != RiskMediumHigh {
		t.Errorf("override not applied: %+v", got[1])
	}
	if !got[4].HasBlocker("simulation") || !got[4].HasSource("jax") {
		t.Errorf("added path lost fields: %+v", got[4])
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	good := `  - id: x-to-y
    from: X
    to: Y
    sources: [jax]
    target: pytorch
    frameworks: [jax]
    timeline_months: {low: 1, high: 2}
    eng_months: {low: 1, high: 2}
    risk: low
`
	tests := []struct {
		name, body, want string
	}{
		{"unknown field", "paths:\n" + good + "    cost: 3\n", "field cost not found"},
		{"bad id", "paths:\n" + strings.Replace(good, "x-to-y", "X_to_Y", 1), `path id "X_to_Y"`},
		{"low above high", "paths:\n" + strings.Replace(good, "eng_months: {low: 1, high: 2}", "eng_months: {low: 40, high: 20}", 1), "path x-to-y: eng_months: low 40 is greater than high 20"},
		{"zero timeline", "paths:\n" + strings.Replace(good, "timeline_months: {low: 1, high: 2}", "timeline_months: {low: 0, high: 2}", 1), "path x-to-y: timeline_months: low must be a positive number of months"},
		{"infinite", "paths:\n" + strings.Replace(good, "high: 2}\n    risk", "high: .inf}\n    risk", 1), "path x-to-y: eng_months: low and high must be finite"},
		{"bad risk", "paths:\n" + strings.Replace(good, "risk: low", "risk: Low–Medium", 1), `path x-to-y: risk: "Low–Medium" is not one of`},
		{"bad source", "paths:\n" + strings.Replace(good, "sources: [jax]", "sources: [theano]", 1), `path x-to-y: sources: "theano" is not one of`},
		{"no sources", "paths:\n" + strings.Replace(good, "sources: [jax]", "sources: []", 1), "path x-to-y: sources: must list"},
		{"target is source", "paths:\n" + strings.Replace(good, "target: pytorch", "target: jax", 1), "path x-to-y: target: jax is also a source"},
		{"bad framework", "paths:\n" + strings.Replace(good, "frameworks: [jax]", "frameworks: [mxnet]", 1), `path x-to-y: frameworks: "mxnet"`},
		{"bad blocker", "paths:\n" + strings.Replace(good, "risk: low", "risk: low\n    blockers: [gpu]", 1), `path x-to-y: blockers: "gpu"`},
		{"missing from", "paths:\n" + strings.Replace(good, "from: X", "from: ''", 1), "path x-to-y: from: must name"},
		{"duplicate", "paths:\n" + good + good, "path x-to-y is defined twice"},
		{"empty", "", "no paths"},
		{"not yaml", "paths: [", "paths file"},
		{"wrong type", "paths:\n" + strings.Replace(good, "{low: 1, high: 2}\n    risk", "{low: one, high: 2}\n    risk", 1), "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := writeFile(t, tt.body)
			_, err := Load(file)
			if err == nil {
				t.Fatalf("Load accepted %s", tt.name)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), file) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if err == nil || !strings.HasPrefix(err.Error(), "read paths file ") {
		t.Fatalf("got %v", err)
	}
}

func TestRiskRaise(t *testing.T) {
	tests := []struct {
		from  Risk
		steps int
		want  Risk
	}{
		{RiskLow, 0, RiskLow},
		{RiskLow, 1, RiskLowMedium},
		{RiskLowMedium, 2, RiskMediumHigh},
		{RiskMedium, 5, RiskHigh},
		{RiskHigh, 1, RiskHigh},
	}
	for _, tt := range tests {
		if got := tt.from.Raise(tt.steps); got != tt.want {
			t.Errorf("%s.Raise(%d) = %s, want %s", tt.from, tt.steps, got, tt.want)
		}
	}
	if RiskMedium.Max(RiskHigh) != RiskHigh || RiskHigh.Max(RiskLow) != RiskHigh {
		t.Error("Max does not pick the higher risk")
	}
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "p.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func FuzzLoad(f *testing.F) {
	f.Add(string(embedded))
	f.Add("paths:\n  - id: a-to-b\n    from: A\n    to: B\n    sources: [jax]\n    target: pytorch\n    frameworks: [jax]\n    timeline_months: {low: 1, high: 2}\n    eng_months: {low: 1, high: 2}\n    risk: low\n")
	f.Add("paths: [{id: x}]")
	f.Fuzz(func(t *testing.T, body string) {
		ps, err := decode("fuzz", []byte(body))
		if err != nil {
			return
		}
		for i := range ps {
			if err := Validate(&ps[i]); err != nil {
				t.Fatalf("decode returned an invalid path: %v", err)
			}
		}
	})
}
