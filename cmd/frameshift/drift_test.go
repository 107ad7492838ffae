package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/frameshift/frameshift/report"
)

// driftRepo builds, with go-git, a repository whose commits tell a migration story:
// 1 PyTorch and TF2 code; 2 TF1 code appears; 3 code moves inside a file; 4 a file
// is renamed; 5 the PyTorch code is removed. It returns the folder and the commit
// hashes in order.
func driftRepo(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	var hashes []string
	commit := func(msg string, files map[string]string, remove ...string) {
		t.Helper()
		for name, body := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := wt.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		for _, name := range remove {
			if _, err := wt.Remove(name); err != nil {
				t.Fatal(err)
			}
		}
		when = when.Add(24 * time.Hour)
		h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "t", Email: "t@example.com", When: when}})
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h.String())
	}
	model := "import torch\nfrom torch import nn\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return torch.relu(x)\n"
	train := "import tensorflow as tf\n\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(3)])\nmodel.compile(optimizer='adam')\n"
	utils := "import tensorflow as tf\n\ndef norm(x):\n    return tf.math.l2_normalize(x)\n"
	legacy := "import tensorflow as tf\n\nx = tf.placeholder(tf.float32)\nwith tf.Session() as sess:\n    sess.run(x)\n"
	commit("pytorch and tf2", map[string]string{"model.py": model, "train.py": train, "utils.py": utils})
	commit("add tf1 code", map[string]string{"legacy.py": legacy})
	commit("move code", map[string]string{"train.py": "\"\"\"Training entry point.\"\"\"\n\n# moved down by a docstring\n" + train})
	commit("rename utils", map[string]string{"helpers.py": utils}, "utils.py")
	commit("drop pytorch", nil, "model.py")
	return dir, hashes
}

func diffJSON(t *testing.T, dir, old, cur string) map[string]any {
	t.Helper()
	code, out, errOut := runCLI(t, "diff", old, cur, "--repo", dir, "--format", "json", "--no-cache")
	if code != 0 {
		t.Fatalf("diff %s %s exited %d: %s", old, cur, code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc["drift"].(map[string]any)
}

func rulesOf(findings any) []string {
	var out []string
	for _, f := range findings.([]any) {
		out = append(out, f.(map[string]any)["rule"].(string))
	}
	return out
}

func TestDriftStory(t *testing.T) {
	dir, c := driftRepo(t)

	t.Run("new tf1 code is added", func(t *testing.T) {
		d := diffJSON(t, dir, c[0], c[1])
		added := strings.Join(rulesOf(d["added"]), " ")
		if !strings.Contains(added, "tf1.session") || !strings.Contains(added, "tf1.placeholder") {
			t.Errorf("added = %s", added)
		}
		if n := len(d["removed"].([]any)); n != 0 {
			t.Errorf("removed %d findings, want 0", n)
		}
	})
	t.Run("moved code is not added or removed", func(t *testing.T) {
		d := diffJSON(t, dir, c[1], c[2])
		if len(d["added"].([]any)) != 0 || len(d["removed"].([]any)) != 0 {
			t.Errorf("added %v removed %v", d["added"], d["removed"])
		}
		if d["moved"].(float64) == 0 {
			t.Error("expected moved findings")
		}
	})
	t.Run("renamed file is not added or removed", func(t *testing.T) {
		d := diffJSON(t, dir, c[2], c[3])
		if len(d["added"].([]any)) != 0 || len(d["removed"].([]any)) != 0 {
			t.Errorf("added %v removed %v", d["added"], d["removed"])
		}
	})
	t.Run("removed pytorch code", func(t *testing.T) {
		d := diffJSON(t, dir, c[3], c[4])
		removed := d["removed"].([]any)
		if len(removed) == 0 || len(d["added"].([]any)) != 0 {
			t.Fatalf("removed %v added %v", removed, d["added"])
		}
		for _, f := range removed {
			if fw := f.(map[string]any)["framework"]; fw != "pytorch" {
				t.Errorf("removed a %v finding", fw)
			}
		}
		var sawShare bool
		for _, s := range d["shares"].([]any) {
			s := s.(map[string]any)
			if s["framework"] == "pytorch" && s["old"].(float64) > 0 && s["new"].(float64) == 0 {
				sawShare = true
			}
		}
		if !sawShare {
			t.Errorf("pytorch share should drop to zero: %v", d["shares"])
		}
	})
	t.Run("baseline marks new findings", func(t *testing.T) {
		code, out, errOut := runCLI(t, "scan", dir, "--baseline", c[0], "--format", "json", "--no-cache")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		doc, err := report.ReadJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range doc.Findings {
			want := "existing"
			if f.File == "legacy.py" {
				want = "new"
			}
			if f.Baseline != want {
				t.Errorf("%s:%d %s is %q, want %q", f.File, f.Line, f.Rule, f.Baseline, want)
			}
		}
		if doc.Baseline == nil || doc.Baseline.New == 0 || doc.Baseline.Removed == 0 {
			t.Errorf("baseline summary = %+v", doc.Baseline)
		}
	})
	t.Run("fail-on exit codes", func(t *testing.T) {
		cases := []struct {
			args []string
			code int
			want string
		}{
			{[]string{"--baseline", c[0], "--fail-on", "new:tf1"}, 1, "legacy.py"},
			{[]string{"--baseline", c[3], "--fail-on", "new:tf1"}, 0, ""},
			{[]string{"--fail-on", "era:tf1>0"}, 1, "era tf1"},
			{[]string{"--fail-on", "framework:tensorflow>100"}, 0, ""},
			{[]string{"--baseline", c[0], "--fail-on", "new:framework"}, 0, ""},
			{[]string{"--fail-on", "new:tf1"}, 2, "need a baseline"},
			{[]string{"--fail-on", "bogus:x"}, 2, "unknown dimension"},
			{[]string{"--fail-on", "new:tf9"}, 2, "not a known"},
		}
		for _, tc := range cases {
			args := append([]string{"scan", dir, "--format", "json", "-o", filepath.Join(t.TempDir(), "r.json"), "--no-cache"}, tc.args...)
			code, _, errOut := runCLI(t, args...)
			if code != tc.code {
				t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
			}
			if tc.want != "" && !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, errOut, tc.want)
			}
		}
	})
	t.Run("policy in .frameshift.yaml", func(t *testing.T) {
		cfg := filepath.Join(dir, ".frameshift.yaml")
		if err := os.WriteFile(cfg, []byte("fail-on:\n  - rule:tf1.session>0\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(cfg)
		code, _, errOut := runCLI(t, "scan", dir, "-o", filepath.Join(t.TempDir(), "r.json"), "--no-cache")
		if code != 1 || !strings.Contains(errOut, "rule:tf1.session>0") {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
		if err := os.WriteFile(cfg, []byte("fail-on: [new:\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := runCLI(t, "scan", dir, "--no-cache"); code != 2 || !strings.Contains(errOut, ".frameshift.yaml") {
			t.Errorf("malformed config: exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("history", func(t *testing.T) {
		code, out, errOut := runCLI(t, "history", dir, "--commits", "10", "--format", "json", "--no-cache")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		doc, err := report.ReadJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		h := doc.History
		if h == nil || len(h.Points) != 5 {
			t.Fatalf("history = %+v", h)
		}
		count := func(i int, fw string) int {
			for _, f := range h.Points[i].Frameworks {
				if f.Name == fw {
					return f.Findings
				}
			}
			return 0
		}
		if count(0, "pytorch") == 0 || count(4, "pytorch") != 0 {
			t.Errorf("pytorch over time: %d → %d", count(0, "pytorch"), count(4, "pytorch"))
		}
		tf1 := func(i int) int {
			for _, e := range h.Points[i].Eras {
				if e.Era == "tf1" {
					return e.Findings
				}
			}
			return 0
		}
		if tf1(0) != 0 || tf1(1) == 0 {
			t.Errorf("tf1 over time: %d → %d", tf1(0), tf1(1))
		}
		if h.Points[0].Commit != c[0] || h.Points[4].Commit != c[4] {
			t.Errorf("points are not oldest first: %s … %s", h.Points[0].Commit, h.Points[4].Commit)
		}
		// 5 commits hold 16 file versions but only 5 distinct Python blobs.
		if h.Blobs > 6 || h.Reused == 0 {
			t.Errorf("blobs analysed %d, reused %d: each blob should be analysed once", h.Blobs, h.Reused)
		}
		// The same bytes whatever the number of workers, counts included.
		for _, jobs := range []string{"1", "2", "8"} {
			code, again, errOut := runCLI(t, "history", dir, "--commits", "10", "--format", "json", "--no-cache", "--jobs", jobs)
			if code != 0 || again != out {
				t.Errorf("--jobs %s: exit %d, %s; the report differs from the default run's", jobs, code, errOut)
			}
		}
		code, table, _ := runCLI(t, "history", dir, "--commits", "3", "--no-cache")
		if code != 0 || !strings.Contains(table, "3 commits sampled") {
			t.Errorf("table: %s", table)
		}
		code, csv, _ := runCLI(t, "history", dir, "--format", "csv", "--no-cache")
		if code != 0 || strings.Count(csv, "\n") != 6 || !strings.HasPrefix(csv, "commit,date,subject,files,findings") {
			t.Errorf("csv:\n%s", csv)
		}
	})
}
