package report

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
	"github.com/frameshift/frameshift/scanner/source"
)

// fixtureNames are the scenario repositories under fixtures/ that every encoder is
// golden-tested on.
var fixtureNames = []string{
	"tf1-graph", "tf2-keras", "pytorch", "jax-flax", "mixed-monorepo", "tfx-pipeline", "broken-inputs",
}

// loadFixtureDoc returns the fixture's full JSON report, fixtures/<name>/expected/
// scan.json, written by the real scanner (regenerated with the fixtures' own
// goldens), so the encoders are tested on real output. A report without an
// estimate gets one, so the estimate sections are always rendered.
func loadFixtureDoc(t testing.TB, name string) *Document {
	t.Helper()
	path := filepath.Join("..", "fixtures", name, "expected", "scan.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read fixture report: %v", err)
	}
	doc, err := ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
	if doc.Inventory == nil {
		t.Fatalf("%s holds no inventory", path)
	}
	if doc.Estimate == nil {
		est, err := estimator.Estimate(doc.Inventory, estimator.Options{})
		if err != nil {
			t.Fatalf("estimate %s: %v", path, err)
		}
		doc.Estimate = est
	}
	return doc
}

// ciDriftDoc is the report a CI job sees on a pull request: the mixed monorepo
// compared with an older state of itself (some PyTorch code not yet written, a
// TF1 file since deleted), with baseline marks, a broken policy and a history.
func ciDriftDoc(t testing.TB) *Document {
	t.Helper()
	cur := loadFixtureDoc(t, "mixed-monorepo")
	old := cloneInventory(t, cur.Inventory)
	old.Source = scanner.SourceInfo{Input: "fixtures/mixed-monorepo", Kind: "git", Ref: "main", Commit: "4f1c2e9a7b3d5f60718293a4b5c6d7e8f9a0b1c2"}
	var kept []scanner.Finding
	dropped := 0
	for _, f := range old.Findings {
		if f.Framework == "pytorch" && dropped < 12 {
			dropped++
			continue
		}
		kept = append(kept, f)
	}
	old.Findings = append(kept,
		scanner.Finding{Rule: "tf1.session", Framework: "tensorflow", Era: "tf1", Category: "graph-mode",
			Symbol: "tensorflow.compat.v1.Session", Kind: scanner.KindCall, File: "legacy/old_trainer.py", Line: 41, Column: 10,
			Fingerprint: "0f1e2d3c4b5a6978"},
		scanner.Finding{Rule: "tf1.placeholder", Framework: "tensorflow", Era: "tf1", Category: "graph-mode",
			Symbol: "tensorflow.compat.v1.placeholder", Kind: scanner.KindCall, File: "legacy/old_trainer.py", Line: 17, Column: 9,
			Fingerprint: "8796a5b4c3d2e1f0"},
	)
	old.Files = append(old.Files, scanner.FileReport{Path: "legacy/old_trainer.py", Kind: "python", Lines: 88})
	scanner.Summarize(old)

	doc := &Document{Inventory: cloneInventory(t, cur.Inventory), Estimate: cur.Estimate}
	doc.Drift = drift.Compare(old, doc.Inventory)
	doc.Baseline = drift.MarkBaseline(doc.Inventory, old)
	policy, err := drift.ParsePolicy("new:framework:pytorch", drift.Vocabulary{Frameworks: map[string]bool{"pytorch": true}})
	if err != nil {
		t.Fatal(err)
	}
	doc.Violations = drift.Evaluate([]drift.Policy{policy}, doc.Inventory, old)
	if len(doc.Violations) == 0 {
		t.Fatalf("dropping %d pytorch findings from the baseline broke no policy", dropped)
	}
	doc.History = syntheticHistory()
	return doc
}

// syntheticHistory is a year of monthly samples: TensorFlow shrinking while
// PyTorch grows, as a migration in progress looks.
func syntheticHistory() *history.Result {
	h := &history.Result{Input: "fixtures/mixed-monorepo", Ref: "main", Blobs: 420, Reused: 3150}
	for i := 0; i < 12; i++ {
		tf, pt, jx := 300-18*i, 20+15*i, 5+i/3
		h.Points = append(h.Points, history.Point{
			Commit:   fmt.Sprintf("%x", sha1.Sum([]byte{byte(i)})),
			Date:     fmt.Sprintf("2025-%02d-01T09:00:00Z", i+1),
			Subject:  fmt.Sprintf("monthly snapshot %d", i+1),
			Files:    40 + i,
			Findings: tf + pt + jx,
			Frameworks: []history.Count{
				{Name: "jax", Files: 2, Findings: jx},
				{Name: "pytorch", Files: 3 + i, Findings: pt},
				{Name: "tensorflow", Files: 30 - i, Findings: tf},
			},
		})
	}
	return h
}

// hostileDoc carries the values a malicious or merely odd repository can put in a
// report: markup, formula prefixes, mentions, control characters, a very long
// symbol and a notebook cell.
func hostileDoc() *Document {
	cell := 3
	long := "tensorflow"
	for i := 0; i < 400; i++ {
		long += ".a"
	}
	inv := &scanner.Inventory{
		SchemaVersion: scanner.SchemaVersion,
		Tool:          scanner.Tool{Name: "frameshift", Version: "0.1.0-test", Catalog: "0123456789abcdef"},
		Source:        scanner.SourceInfo{Input: "https://example.com/acme/<evil>.git", Kind: "git", Ref: "main", Commit: "1234567890abcdef1234567890abcdef12345678"},
		Files: []scanner.FileReport{
			{Path: "src/<script>alert(1)</script>.py", Kind: "python", Lines: 10},
			{Path: "=cmd|' /C calc'!A0.py", Kind: "python", Lines: 5},
			{Path: "notebooks/@org team | `tick`.ipynb", Kind: "notebook", Lines: 30},
		},
		Findings: []scanner.Finding{
			{Rule: "tf1.session", Framework: "tensorflow", Era: "tf1", Category: "graph-mode", Symbol: "tensorflow.Session",
				Kind: scanner.KindCall, File: "src/<script>alert(1)</script>.py", Line: 3, Column: 8, Fingerprint: "aaaaaaaaaaaaaaaa"},
			{Rule: "tf1.session", Framework: "tensorflow", Era: "tf1", Category: "graph-mode", Symbol: long,
				Kind: scanner.KindAttribute, File: "src/<script>alert(1)</script>.py", Line: 7, Column: 1, Fingerprint: "bbbbbbbbbbbbbbbb"},
			{Rule: "tf1.placeholder", Framework: "tensorflow", Era: "tf1", Category: "graph-mode", Symbol: "=HYPERLINK(\"http://x\")",
				Kind: scanner.KindCall, File: "=cmd|' /C calc'!A0.py", Line: 1, Column: 1, Replacement: "+tf.function\nnext",
				Fingerprint: "cccccccccccccccc", Baseline: "new"},
			{Rule: "torch.inplace", Framework: "pytorch", Era: "pytorch", Category: "inplace", Symbol: "add_",
				Kind: scanner.KindMethod, File: "notebooks/@org team | `tick`.ipynb", Cell: &cell, Line: 2, Column: 5,
				Fingerprint: "dddddddddddddddd", Baseline: "existing"},
		},
		Skipped: []scanner.Skipped{
			{Path: "data/<img src=x onerror=alert(1)>.py", Code: "malformed", Reason: "invalid UTF-8\r\nat byte 3"},
			{Path: "-rf.py", Code: "size", Reason: "larger than 5 MiB"},
		},
	}
	scanner.Summarize(inv)
	return &Document{
		Inventory:  inv,
		Violations: []drift.Violation{{Policy: "era:tf1", Message: "<b>2</b> tf1 findings @here", Findings: []string{"src/<script>.py:3 tf1.session"}}},
	}
}

func cloneInventory(t testing.TB, inv *scanner.Inventory) *scanner.Inventory {
	t.Helper()
	data, err := json.Marshal(inv)
	if err != nil {
		t.Fatal(err)
	}
	var out scanner.Inventory
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// goldenCases are every document the encoders are golden-tested on.
func goldenCases(t *testing.T) map[string]*Document {
	t.Helper()
	cases := map[string]*Document{}
	for _, name := range fixtureNames {
		cases[name] = loadFixtureDoc(t, name)
	}
	cases["ci-drift"] = ciDriftDoc(t)
	cases["hostile"] = hostileDoc()
	cases["empty"] = &Document{}
	return cases
}

// scanSource writes files into a fresh folder and scans it with the real scanner.
func scanSource(t *testing.T, files map[string]string) *scanner.Inventory {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := source.Open(context.Background(), dir, source.Options{})
	if err != nil {
		t.Fatalf("open %s: %v", dir, err)
	}
	defer src.Close()
	inv, err := scanner.Scan(context.Background(), src, scanner.Options{Jobs: 1})
	if err != nil {
		t.Fatalf("scan %s: %v", dir, err)
	}
	return inv
}

// hugeDoc is a report of an enormous repository with pathologically long names:
// 5,000 files, 50,000 findings, 20,000 skipped files, long drift lists and a
// long history. The Markdown and HTML reports must stay bounded.
func hugeDoc(t testing.TB) *Document {
	t.Helper()
	base := loadFixtureDoc(t, "mixed-monorepo")
	long := strings.Repeat("very_long_segment/", 20)
	symbol := "tensorflow" + strings.Repeat(".deep", 100)
	inv := &scanner.Inventory{SchemaVersion: scanner.SchemaVersion, Tool: base.Tool, Source: base.Source}
	for i := 0; i < 5000; i++ {
		path := fmt.Sprintf("%spkg%04d/module.py", long, i)
		inv.Files = append(inv.Files, scanner.FileReport{Path: path, Kind: "python", Lines: 400})
		for j := 0; j < 10; j++ {
			inv.Findings = append(inv.Findings, scanner.Finding{
				Rule: "tf1.session", Framework: "tensorflow", Era: "tf1", Category: "graph-mode",
				Symbol: symbol, Kind: scanner.KindCall, File: path, Line: j + 1, Column: 1,
				Fingerprint: fmt.Sprintf("%016x", i*10+j), Baseline: "new",
			})
		}
		inv.Dependencies = append(inv.Dependencies, scanner.Dependency{Package: "tensorflow", Spec: "==1.15", File: path, Line: 1, Framework: "tensorflow"})
	}
	for i := 0; i < 20000; i++ {
		inv.Skipped = append(inv.Skipped, scanner.Skipped{Path: fmt.Sprintf("%sbroken%05d.py", long, i), Code: fmt.Sprintf("code%d", i%40), Reason: long})
	}
	scanner.Summarize(inv)
	doc := &Document{Inventory: inv, Estimate: base.Estimate}
	doc.Baseline = &drift.Baseline{Input: long, New: len(inv.Findings)}
	doc.Drift = &drift.Result{Added: inv.Findings, Removed: inv.Findings[:10000]}
	for i := 0; i < 500; i++ {
		doc.Drift.Rules = append(doc.Drift.Rules, drift.Delta{Key: fmt.Sprintf("rule.%d", i), Old: i, New: i + 1})
		doc.Drift.Eras = append(doc.Drift.Eras, drift.Delta{Key: fmt.Sprintf("tensorflow/era%d", i), Old: i, New: i + 1})
	}
	for i := 0; i < 200; i++ {
		v := drift.Violation{Policy: fmt.Sprintf("era:tf1>%d", i), Message: long}
		for j := 0; j < 100; j++ {
			v.Findings = append(v.Findings, long)
		}
		doc.Violations = append(doc.Violations, v)
	}
	doc.History = syntheticHistory()
	for len(doc.History.Points) < 5000 {
		doc.History.Points = append(doc.History.Points, doc.History.Points[len(doc.History.Points)%12])
	}
	return doc
}
