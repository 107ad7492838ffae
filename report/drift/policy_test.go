package drift

import (
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

var vocab = Vocabulary{
	Frameworks: map[string]bool{"tensorflow": true, "keras": true, "pytorch": true, "jax": true},
	Eras:       map[string]bool{"tf1": true, "tf2": true, "pytorch": true},
	Categories: map[string]bool{"custom-op": true},
	Rules:      map[string]bool{"tf1.session": true},
}

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		in      string
		want    Policy
		wantErr string
	}{
		{in: "new:tf1", want: Policy{Text: "new:tf1", New: true, Dimension: "era", Value: "tf1", Op: ">", N: 0}},
		{in: "new:pytorch", want: Policy{Text: "new:pytorch", New: true, Dimension: "framework", Value: "pytorch", Op: ">", N: 0}},
		{in: "new:framework", want: Policy{Text: "new:framework", New: true, Dimension: "new-framework", Op: ">", N: 0}},
		{in: "era:tf1>0", want: Policy{Text: "era:tf1>0", Dimension: "era", Value: "tf1", Op: ">", N: 0}},
		{in: " framework:tensorflow > 120 ", want: Policy{Text: "framework:tensorflow > 120", Dimension: "framework", Value: "tensorflow", Op: ">", N: 120}},
		{in: "rule:tf1.session>=2", want: Policy{Text: "rule:tf1.session>=2", Dimension: "rule", Value: "tf1.session", Op: ">=", N: 2}},
		{in: "new:findings>10", want: Policy{Text: "new:findings>10", New: true, Dimension: "findings", Op: ">", N: 10}},
		{in: "kind:config==0", want: Policy{Text: "kind:config==0", Dimension: "kind", Value: "config", Op: "==", N: 0}},
		{in: "era:tf9>0", wantErr: `"tf9" is not a known era`},
		{in: "colour:red>1", wantErr: "unknown dimension"},
		{in: "new:tf7", wantErr: "not a known framework, era, category or rule"},
		{in: "era:tf1>>1", wantErr: "is not of the form"},
		{in: "tf1", wantErr: "needs a value"},
		{in: "new:framework>2", wantErr: "takes no count"},
		{in: "", wantErr: "is not of the form"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePolicy(tt.in, vocab)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	f := func(file, fw, era, baseline string) scanner.Finding {
		return scanner.Finding{File: file, Line: 1, Rule: "r." + era, Framework: fw, Era: era, Baseline: baseline}
	}
	inv := &scanner.Inventory{Findings: []scanner.Finding{
		f("a.py", "tensorflow", "tf1", "new"),
		f("b.py", "tensorflow", "tf2", "existing"),
		f("c.py", "pytorch", "pytorch", "new"),
	}}
	base := &scanner.Inventory{Findings: []scanner.Finding{f("b.py", "tensorflow", "tf2", "")}}
	tests := []struct {
		policy string
		broken bool
	}{
		{"new:tf1", true},
		{"new:tf2", false},
		{"new:framework", true}, // pytorch appears
		{"era:tf1>0", true},
		{"era:tf1>1", false},
		{"framework:tensorflow>2", false},
		{"framework:tensorflow<=2", true},
		{"framework:tensorflow==2", true},
		{"new:findings>1", true},
		{"new:findings>2", false},
	}
	for _, tt := range tests {
		p, err := ParsePolicy(tt.policy, vocab)
		if err != nil {
			t.Fatal(err)
		}
		vs := Evaluate([]Policy{p}, inv, base)
		if (len(vs) > 0) != tt.broken {
			t.Errorf("%s: violations %v, want broken=%v", tt.policy, vs, tt.broken)
		}
		for _, v := range vs {
			if v.Policy != p.Text || v.Message == "" || len(v.Findings) == 0 {
				t.Errorf("%s: incomplete violation %+v", tt.policy, v)
			}
		}
	}
}
