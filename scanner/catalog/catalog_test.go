package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultCatalogLoads(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Rules()); n < 300 {
		t.Fatalf("catalog has %d rules; the shipped catalog has over 300", n)
	}
	for _, r := range c.Rules() {
		if !ruleIDPattern.MatchString(r.ID) {
			t.Errorf("rule id %q is not dotted lowercase", r.ID)
		}
	}
}

// TestHintsForEveryPath enforces the catalog's promise: every rule says what
// replaces it on the paths that leave its framework.
func TestHintsForEveryPath(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range c.Rules() {
		var need []string
		switch r.Framework {
		case "tensorflow", "keras":
			need = append(need, "pytorch")
		case "pytorch":
			need = append(need, "jax")
		}
		switch r.Era {
		case "tf1":
			need = append(need, "tf2")
		case "keras2":
			need = append(need, "keras3")
		}
		for _, target := range need {
			if strings.TrimSpace(r.Hints[target]) == "" {
				t.Errorf("rule %s (%s/%s) has no %s hint", r.ID, r.Framework, r.Era, target)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	all := func(string) bool { return true }
	tests := []struct {
		symbol string
		kind   Kind
		want   string
	}{
		{"tensorflow.Session", KindCall, "tf1.session"},
		{"tensorflow.compat.v1.Session", KindCall, "tf1.session"},
		{"tensorflow.Session.run", KindAttribute, "tf1.session"},
		{"tensorflow.constant", KindCall, "tf.api"},
		{"torch.nn.Module", KindBase, ""},
		{"os.path.join", KindCall, ""},
	}
	for _, tt := range tests {
		r, _ := c.Match(tt.symbol, tt.kind, all)
		got := ""
		if r != nil {
			got = r.ID
		}
		if tt.want == "" {
			if tt.symbol == "torch.nn.Module" {
				if r == nil || !r.HasTag("model") {
					t.Errorf("Match(%s, base) = %v, want a model rule", tt.symbol, got)
				}
				continue
			}
			if r != nil {
				t.Errorf("Match(%s) = %s, want no rule", tt.symbol, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("Match(%s, %s) = %q, want %q", tt.symbol, tt.kind, got, tt.want)
		}
	}
	// Name boundaries: a rule for tensorflow.Session does not claim SessionRunHook.
	if r, _ := c.Match("tensorflow.SessionRunHook", KindCall, all); r != nil && r.ID == "tf1.session" {
		t.Error("tensorflow.SessionRunHook matched tf1.session")
	}
}

func TestRootsLeaveOutRequireOnlyRoots(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	roots := strings.Join(c.Roots(), " ")
	for _, want := range []string{"tensorflow", "torch", "jax", "keras", "flax", "KERAS_BACKEND"} {
		if !strings.Contains(" "+roots+" ", " "+want+" ") {
			t.Errorf("roots lack %s: %s", want, roots)
		}
	}
	if strings.Contains(" "+roots+" ", " numpy ") {
		t.Error("numpy rules all require a framework import, so numpy must not be a prefilter root")
	}
}

func writeRules(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUserOverrides(t *testing.T) {
	p := writeRules(t, `
framework: pytorch
rules:
  - id: acme.fused-op
    era: pytorch
    category: custom-op
    symbols: [acme_ops.fused]
    level: rearchitecture
    summary: Our in-house fused CUDA op.
  - id: tf1.session
    framework: tensorflow
    era: tf1
    category: graph-mode
    symbols: [tensorflow.Session]
    level: trivial
    summary: Overridden for the test.
disable: [tf1.placeholder]
`)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := c.Match("acme_ops.fused", KindCall, nil); r == nil || r.ID != "acme.fused-op" {
		t.Errorf("user rule not matched: %v", r)
	}
	if r := c.Rule("tf1.session"); r == nil || r.Level != LevelTrivial {
		t.Errorf("override not applied: %+v", r)
	}
	if c.Rule("tf1.placeholder") != nil {
		t.Error("disabled rule still present")
	}
	if d, _ := Default(); d.Digest() == c.Digest() {
		t.Error("a changed catalog must have a different digest")
	}
}

func TestInvalidUserRules(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown field", "rules:\n  - id: a.b\n    bogus: 1\n", "bogus"},
		{"bad id", "framework: jax\nrules:\n  - {id: Bad, era: jax, category: ops, symbols: [jax.x], level: trivial, summary: s}\n", "rule id"},
		{"bad framework", "framework: caffe\nrules:\n  - {id: a.b, era: x, category: ops, symbols: [caffe.x], level: trivial, summary: s}\n", "framework"},
		{"bad level", "framework: jax\nrules:\n  - {id: a.b, era: jax, category: ops, symbols: [jax.x], level: huge, summary: s}\n", "level"},
		{"no symbols", "framework: jax\nrules:\n  - {id: a.b, era: jax, category: ops, level: trivial, summary: s}\n", "at least one"},
		{"method without requires", "framework: jax\nrules:\n  - {id: a.b, era: jax, category: ops, methods: [foo], level: trivial, summary: s}\n", "requires"},
		{"ambiguous symbol", "framework: tensorflow\nrules:\n  - {id: a.b, era: tf1, category: ops, symbols: [tensorflow.Session], level: trivial, summary: s}\n", "both claim"},
		{"argument without to", "framework: tensorflow\nrules:\n  - {id: a.b, era: tf1, category: ops, arguments: [{symbol: tensorflow.reduce_sum, keyword: keep_dims}], level: trivial, summary: s}\n", "needs `to`"},
		{"disable unknown", "disable: [no.such]\n", "unknown rule"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeRules(t, tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}
