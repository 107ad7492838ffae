package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/frameshift/frameshift/report/portfolio"
)

// Sources of the portfolio's repositories. kernelsPy is the custom-op library
// that two repositories of the same organisation both carry.
const (
	kernelsPy = `import tensorflow as tf

_ops = tf.load_op_library("./_shift_ops.so")


@tf.RegisterGradient("Shift")
def _shift_grad(op, grad):
    return [_ops.shift(grad, -op.get_attr("amount"))]
`
	trainTF1 = `import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
w = tf.get_variable("w", [4, 2])
y = tf.matmul(x, w)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y, feed_dict={x: [[1, 2, 3, 4]]}))
`
	serveTF1 = `import tensorflow as tf

saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, "model.ckpt")
    inputs = tf.placeholder(tf.float32)
`
	modelTorch = `import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return torch.relu(self.fc(x))


opt = torch.optim.Adam(Net().parameters())
`
	modelKeras = `import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros([4, 4]), tf.zeros([4, 2]), epochs=1)
`
	modelJAX = `import jax
import jax.numpy as jnp


@jax.jit
def step(params, x):
    return jnp.tanh(x @ params)


grads = jax.grad(lambda p: step(p, jnp.ones(4)).sum())(jnp.ones((4, 2)))
`
)

// gitRepo builds a repository in dir with go-git, one commit per map, and returns
// the commit hashes in order.
func gitRepo(t *testing.T, dir string, commits ...map[string]string) (*git.Repository, []string) {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	var hashes []string
	for i, files := range commits {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := wt.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		when = when.Add(time.Duration(i+1) * time.Hour)
		h, err := wt.Commit(fmt.Sprintf("commit %d", i+1), &git.CommitOptions{Author: &object.Signature{Name: "t", Email: "t@example.com", When: when}})
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h.String())
	}
	return repo, hashes
}

// portfolioFixture is a folder of five real repositories and a list naming them
// and a sixth that does not exist.
type portfolioFixture struct {
	base, list string
	entries    []repoEntry
	tagCommit  string
}

func newPortfolioFixture(t *testing.T) *portfolioFixture {
	t.Helper()
	base := t.TempDir()
	dir := func(n string) string { return filepath.Join(base, "repos", n) }
	gitRepo(t, dir("vision-legacy"), map[string]string{"train.py": trainTF1, "ops/kernels.py": kernelsPy})
	gitRepo(t, dir("vision-serving"), map[string]string{"serve.py": serveTF1, "third_party/shift/kernels.py": kernelsPy})
	gitRepo(t, dir("recsys-torch"), map[string]string{"model.py": modelTorch})
	keras, hashes := gitRepo(t, dir("ranker-keras"),
		map[string]string{"model.py": modelKeras},
		map[string]string{"port/model_torch.py": modelTorch})
	if _, err := keras.CreateTag("v1.0", plumbing.NewHash(hashes[0]), nil); err != nil {
		t.Fatal(err)
	}
	gitRepo(t, dir("physics-jax"), map[string]string{"sim.py": modelJAX})

	f := &portfolioFixture{base: base, tagCommit: hashes[0]}
	f.entries = []repoEntry{
		{Input: dir("vision-legacy")},
		{Input: dir("vision-serving")},
		{Input: "file://" + filepath.ToSlash(dir("recsys-torch"))},
		{Input: "file://" + filepath.ToSlash(dir("ranker-keras")), Ref: "v1.0"},
		{Input: dir("physics-jax")},
		{Input: "file://" + filepath.ToSlash(filepath.Join(base, "repos", "gone"))},
	}
	list := fmt.Sprintf(`# Portfolio of the ML platform team, one repository a line: <path-or-url> [ref]
%s
%s   # carries a copy of vision-legacy's custom ops

%s
%s v1.0
	%s
%s   # archived and deleted: must be reported, not fatal
`, f.entries[0].Input, f.entries[1].Input, f.entries[2].Input, f.entries[3].Input, f.entries[4].Input, f.entries[5].Input)
	f.list = filepath.Join(base, "repos.txt")
	if err := os.WriteFile(f.list, []byte(list), 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func readRun(t *testing.T, path string) *portfolio.Run {
	t.Helper()
	_, run, err := portfolio.ReadFile(path)
	if err != nil || run == nil {
		t.Fatalf("read run summary %s: %v", path, err)
	}
	return run
}

func statuses(run *portfolio.Run) map[string]string {
	out := map[string]string{}
	for _, e := range run.Repositories {
		out[e.Name] = e.Status
	}
	return out
}

func mtimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "frameshift-run") {
			continue
		}
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = st.ModTime()
	}
	return out
}

// TestPortfolioScanResumeShardMerge is the portfolio's acceptance test: five real
// git repositories (by path and by file:// URL, one at a tag) and one that does
// not exist are scanned into --out-dir; a rerun keeps every report without
// cloning; two shards merged give the same bytes as the whole run.
func TestPortfolioScanResumeShardMerge(t *testing.T) {
	f := newPortfolioFixture(t)
	out := filepath.Join(f.base, "out")

	code, first, stderr := runCLI(t, "scan", "--repos", f.list, "--out-dir", out, "--no-cache", "--repo-jobs", "3", "--format", "json")
	if code != exitError {
		t.Fatalf("a portfolio with an unreachable repository exited %d, want %d; stderr:\n%s", code, exitError, stderr)
	}
	gone := f.entries[5].key()
	if !strings.Contains(stderr, "1 of 6 repositories failed") || !strings.Contains(stderr, gone) {
		t.Errorf("stderr does not list the failed repository %s:\n%s", gone, stderr)
	}

	run := readRun(t, filepath.Join(out, "frameshift-run.json"))
	want := map[string]string{}
	for _, e := range f.entries {
		want[e.key()] = portfolio.StatusScanned
	}
	want[gone] = portfolio.StatusFailed
	if got := statuses(run); !equalMaps(got, want) {
		t.Fatalf("first run statuses = %v, want %v", got, want)
	}
	for _, e := range run.Repositories {
		if e.Status == portfolio.StatusFailed && !strings.Contains(e.Reason, "gone") {
			t.Errorf("failure reason %q does not name the repository", e.Reason)
		}
	}

	// Every reachable repository has its report under its stable name.
	for _, e := range f.entries[:5] {
		path := filepath.Join(out, reportName(e))
		doc, _, err := portfolio.ReadFile(path)
		if err != nil {
			t.Fatalf("report of %s: %v", e.key(), err)
		}
		if doc.Estimate == nil {
			t.Errorf("report of %s has no estimate", e.key())
		}
		if e.Ref == "v1.0" {
			src := doc.Inventory.Source
			if src.Ref != "v1.0" || src.Commit != f.tagCommit {
				t.Errorf("ranker-keras was scanned at %s %s, want v1.0 %s", src.Ref, src.Commit, f.tagCommit)
			}
			for _, fd := range doc.Inventory.Findings {
				if fd.Framework == "pytorch" {
					t.Errorf("ranker-keras at v1.0 shows %s from a later commit", fd.File)
					break
				}
			}
		}
	}

	var p portfolio.Portfolio
	if err := json.Unmarshal([]byte(first), &p); err != nil {
		t.Fatalf("portfolio JSON on stdout: %v\n%s", err, first)
	}
	if p.Summary.Repositories != 5 || p.Summary.Failed != 1 || len(p.Failures) != 1 || p.Failures[0].Name != gone {
		t.Errorf("portfolio summary %+v, failures %+v: want 5 repositories and %s failed", p.Summary, p.Failures, gone)
	}
	assertSharedKernels(t, &p, f)

	// A rerun keeps every report: nothing is rewritten, and the portfolio is
	// the same bytes.
	before := mtimes(t, out)
	time.Sleep(20 * time.Millisecond) // so that a rewrite would show in the mtime
	code, again, stderr := runCLI(t, "scan", "--repos", f.list, "--out-dir", out, "--no-cache", "--format", "json")
	if code != exitError {
		t.Fatalf("rerun exited %d; stderr:\n%s", code, stderr)
	}
	for k := range want {
		if k != gone {
			want[k] = portfolio.StatusKept
		}
	}
	if got := statuses(readRun(t, filepath.Join(out, "frameshift-run.json"))); !equalMaps(got, want) {
		t.Errorf("rerun statuses = %v, want %v", got, want)
	}
	if after := mtimes(t, out); !equalTimes(before, after) {
		t.Errorf("rerun rewrote reports: before %v, after %v", before, after)
	}
	if again != first {
		t.Errorf("the rerun's portfolio differs from the first run's:\n%s", firstDiff([]byte(first), []byte(again)))
	}

	// Two shards, merged in either order, are the whole run.
	var shardEntries []string
	var dirs []string
	for i := 1; i <= 2; i++ {
		dir := filepath.Join(f.base, fmt.Sprintf("shard-%d", i))
		dirs = append(dirs, dir)
		code, _, stderr := runCLI(t, "scan", "--repos", f.list, "--out-dir", dir, "--shard", fmt.Sprintf("%d/2", i), "--no-cache", "-o", "json="+filepath.Join(f.base, fmt.Sprintf("shard-%d.json", i)))
		if code != exitOK && code != exitError {
			t.Fatalf("shard %d/2 exited %d; stderr:\n%s", i, code, stderr)
		}
		for _, e := range readRun(t, filepath.Join(dir, fmt.Sprintf("frameshift-run-%d-of-2.json", i))).Repositories {
			shardEntries = append(shardEntries, e.Name)
		}
	}
	sort.Strings(shardEntries)
	var all []string
	for _, e := range f.entries {
		all = append(all, e.key())
	}
	sort.Strings(all)
	if strings.Join(shardEntries, "\n") != strings.Join(all, "\n") {
		t.Errorf("the shards took %v, want each of %v exactly once", shardEntries, all)
	}
	whole := mergeJSON(t, out)
	if whole != first {
		t.Errorf("merging the run's folder differs from the run's own portfolio:\n%s", firstDiff([]byte(first), []byte(whole)))
	}
	for _, order := range [][]string{{dirs[0], dirs[1]}, {dirs[1], dirs[0]}} {
		if got := mergeJSON(t, order...); got != whole {
			t.Errorf("merge %v differs from the whole run's merge:\n%s", order, firstDiff([]byte(whole), []byte(got)))
		}
	}

	// With no folder to clone into, a clone would fail: the remote repositories
	// are still kept, so their commits were learnt by ls-remote alone.
	t.Run("no clone on resume", func(t *testing.T) {
		t.Setenv("TMPDIR", filepath.Join(f.base, "no-such-tmp"))
		code, _, stderr := runCLI(t, "scan", "--repos", f.list, "--out-dir", out, "--no-cache", "--format", "json")
		if code != exitError {
			t.Fatalf("rerun without a temporary folder exited %d; stderr:\n%s", code, stderr)
		}
		if got := statuses(readRun(t, filepath.Join(out, "frameshift-run.json"))); !equalMaps(got, want) {
			t.Errorf("rerun without a temporary folder: statuses = %v, want %v (a kept remote must not be cloned)", got, want)
		}
	})
}

// assertSharedKernels checks that the custom-op library both vision repositories
// carry is counted once: listed as shared, and removed from one total.
func assertSharedKernels(t *testing.T, p *portfolio.Portfolio, f *portfolioFixture) {
	t.Helper()
	legacy, serving := f.entries[0].key(), f.entries[1].key()
	var found bool
	for _, c := range p.Estimate.Shared {
		if c.Tag != "custom-op" {
			continue
		}
		joined := strings.Join(c.Files, "\n")
		if strings.Contains(joined, legacy+": ops/kernels.py") && strings.Contains(joined, serving+": third_party/shift/kernels.py") {
			found = true
			if c.RemovedEngMonths.High <= 0 {
				t.Errorf("shared chunk %s/%s removes nothing: %+v", c.Path, c.Tag, c)
			}
		}
	}
	if !found {
		t.Fatalf("the kernels both vision repositories carry are not listed as shared: %+v", p.Estimate.Shared)
	}
	for _, pt := range p.Estimate.Paths {
		if pt.SharedEngMonths.High > 0 && pt.EngMonths.High >= pt.SumEngMonths.High {
			t.Errorf("path %s: total %v is not below the sum %v less shared %v", pt.ID, pt.EngMonths, pt.SumEngMonths, pt.SharedEngMonths)
		}
	}
}

func mergeJSON(t *testing.T, inputs ...string) string {
	t.Helper()
	code, out, stderr := runCLI(t, append(append([]string{"merge"}, inputs...), "--format", "json")...)
	if code != exitOK {
		t.Fatalf("merge %v exited %d; stderr:\n%s", inputs, code, stderr)
	}
	return out
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func equalTimes(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

// TestPortfolioOutputsAllFormats writes the portfolio of one run in every format
// at once, each to its file, and checks each has its format's shape.
func TestPortfolioOutputsAllFormats(t *testing.T) {
	f := newPortfolioFixture(t)
	dir := t.TempDir()
	args := []string{"scan", f.entries[0].Input, f.entries[4].Input, "--no-cache"}
	for _, ext := range []string{"txt", "json", "md", "html", "csv"} {
		args = append(args, "-o", filepath.Join(dir, "portfolio."+ext))
	}
	code, stdout, stderr := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("every output went to a file, yet stdout holds %q", stdout)
	}
	checks := map[string]string{
		"txt": "Portfolio  2 repositories", "json": `"kind": "frameshift-portfolio"`,
		"md": "# Framework migration portfolio", "html": "<!DOCTYPE html>", "csv": "repository,input,ref,commit,status",
	}
	for ext, want := range checks {
		data, err := os.ReadFile(filepath.Join(dir, "portfolio."+ext))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("portfolio.%s lacks %q:\n%.400s", ext, want, data)
		}
	}
}

// TestPortfolioErrors checks the usage errors of a portfolio scan and of merge.
func TestPortfolioErrors(t *testing.T) {
	f := newPortfolioFixture(t)
	empty := filepath.Join(f.base, "empty.txt")
	if err := os.WriteFile(empty, []byte("# nothing yet\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(f.base, "bad.txt")
	if err := os.WriteFile(bad, []byte("a b c\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	notReport := filepath.Join(f.base, "package.json")
	if err := os.WriteFile(notReport, []byte(`{"name": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no input", []string{"scan"}, exitError, "scan needs exactly one path or git URL"},
		{"bad shard", []string{"scan", "a", "b", "--shard", "3/2"}, exitError, "--shard \"3/2\""},
		{"shard zero", []string{"scan", "a", "b", "--shard", "0/2"}, exitError, "i must be from 1 to n"},
		{"shard text", []string{"scan", "a", "b", "--shard", "half"}, exitError, "not of the form i/n"},
		{"repo jobs", []string{"scan", "a", "b", "--repo-jobs", "0"}, exitError, "--repo-jobs must be 1 or more"},
		{"sarif portfolio", []string{"scan", "a", "b", "--format", "sarif"}, exitError, "has no portfolio form"},
		{"baseline", []string{"scan", "a", "b", "--baseline", "main"}, exitError, "--baseline names one repository"},
		{"new policy", []string{"scan", "a", "b", "--fail-on", "new:tf1"}, exitError, "policies starting with new:"},
		{"missing list", []string{"scan", "--repos", filepath.Join(f.base, "nope.txt")}, exitError, "read repository list"},
		{"empty list", []string{"scan", "--repos", empty}, exitError, "names no repository"},
		{"three fields", []string{"scan", "--repos", bad}, exitError, "line 1: want"},
		{"merge nothing", []string{"merge"}, exitError, "merge needs at least one"},
		{"merge missing", []string{"merge", filepath.Join(f.base, "nope")}, exitError, "no such file or directory"},
		{"merge not a report", []string{"merge", notReport}, exitError, "not a frameshift JSON report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
			}
			if strings.Count(strings.TrimSpace(stderr), "\n") > 2 {
				t.Errorf("error is not one sentence: %q", stderr)
			}
		})
	}
}

// TestPortfolioPolicies evaluates --fail-on in every repository: exit 1 when one
// breaks it, with the repository named.
func TestPortfolioPolicies(t *testing.T) {
	f := newPortfolioFixture(t)
	code, _, stderr := runCLI(t, "scan", f.entries[0].Input, f.entries[4].Input, "--no-cache", "--fail-on", "era:tf1>0", "--format", "json")
	if code != exitPolicy {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPolicy, stderr)
	}
	if !strings.Contains(stderr, f.entries[0].key()+": era:tf1>0") || strings.Contains(stderr, f.entries[4].key()+": era") {
		t.Errorf("stderr should name the TF1 repository only:\n%s", stderr)
	}
}

// TestPortfolioRerunAfterChanges: a repository whose commit moved is scanned
// again; a kept report is re-estimated, and rewritten, when the estimate options
// change.
func TestPortfolioRerunAfterChanges(t *testing.T) {
	f := newPortfolioFixture(t)
	out := filepath.Join(f.base, "out")
	legacy, jax := f.entries[0], f.entries[4]
	args := []string{"scan", legacy.Input, jax.Input, "--out-dir", out, "--no-cache", "--format", "json"}
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("first run exited %d: %s", code, stderr)
	}
	repo, err := git.PlainOpen(legacy.Input)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if err := os.WriteFile(filepath.Join(legacy.Input, "eval.py"), []byte(trainTF1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Add("eval.py"); err != nil {
		t.Fatal(err)
	}
	moved, err := wt.Commit("add eval", &git.CommitOptions{Author: &object.Signature{Name: "t", Email: "t@example.com", When: time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	before := mtimes(t, out)
	time.Sleep(20 * time.Millisecond)
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("rerun exited %d: %s", code, stderr)
	}
	got := statuses(readRun(t, filepath.Join(out, "frameshift-run.json")))
	if got[legacy.key()] != portfolio.StatusScanned || got[jax.key()] != portfolio.StatusKept {
		t.Errorf("after a new commit in %s: statuses %v", legacy.key(), got)
	}
	doc, _, err := portfolio.ReadFile(filepath.Join(out, reportName(legacy)))
	if err != nil || doc.Inventory.Source.Commit != moved.String() {
		t.Fatalf("report of %s is not at the new commit %s: %v", legacy.key(), moved, err)
	}
	if after := mtimes(t, out); after[reportName(jax)] != before[reportName(jax)] {
		t.Errorf("the unchanged repository's report was rewritten")
	}

	// Other estimate options: kept (no scan), but the stored estimate is redone.
	if code, _, stderr := runCLI(t, append(args, "--team", "7")...); code != exitOK {
		t.Fatalf("rerun with --team exited %d: %s", code, stderr)
	}
	got = statuses(readRun(t, filepath.Join(out, "frameshift-run.json")))
	doc, _, err = portfolio.ReadFile(filepath.Join(out, reportName(legacy)))
	if err != nil {
		t.Fatal(err)
	}
	if got[legacy.key()] != portfolio.StatusKept || doc.Estimate.Team == nil || *doc.Estimate.Team != 7 {
		t.Errorf("with --team 7: status %s, team %v; want kept and re-estimated for 7", got[legacy.key()], doc.Estimate.Team)
	}
}
