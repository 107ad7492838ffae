package portfolio

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/scanner"
)

// FuzzMerge feeds arbitrary bytes to everything merge does with a file it is
// given: Read, then AddReport or AddRun, Build and every encoder. It must never
// panic, and a report it accepts must roll up into a portfolio every format can
// write.
func FuzzMerge(f *testing.F) {
	// Small seeds keep the fuzzer fast: whole fixture reports (100 KB) spend the
	// minute minimising. A trimmed real report and the shared-chunk reports of
	// shared_test.go cover every part that is read.
	for _, name := range []string{"tf1-graph", "tfx-pipeline"} {
		f.Add(trimmedReport(f, name))
	}
	for _, input := range []string{"a", "b"} {
		data, err := json.Marshal(chunkDoc(input, map[string][]string{"ops.py": {"f1", "f2"}}))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	var run bytes.Buffer
	if err := WriteRun(&run, &Run{Repositories: []RunEntry{
		{Input: "fixtures/tf1-graph", Status: StatusScanned, Commit: fakeCommit("tf1-graph"), CommitTime: "2025-01-01T00:00:00Z"},
		{Input: "https://github.com/acme/gone", Status: StatusFailed, Reason: "repository not found"},
	}}); err != nil {
		f.Fatal(err)
	}
	f.Add(run.Bytes())
	f.Add([]byte(`{"schema_version":"1.0","tool":{},"source":{"input":"x"},"estimate":{"paths":[{"id":"p","eng_months":{"low":1e308,"high":1e308},"blockers":[{"tag":"t","chunk_hours":1e308,"evidence":["a.py:1 r"]}],"calculation":{"work_hours":1e-308}}]}}`))
	f.Add([]byte(`{"schema_version":"1.0","tool":{},"source":{"input":"x"},"findings":[{"file":"a.py","fingerprint":"f"}],"estimate":{"route":{"steps":[{"id":"s","blockers":[{"tag":"t","evidence":["a.py[cell 1]:2 r"]}]}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, run, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		b := NewBuilder()
		if run != nil {
			b.AddRun(run)
		} else if err := b.AddReport("fuzz.json", doc); err != nil {
			return
		}
		// A second, renamed copy exercises the shared rule on the same data.
		if doc != nil {
			doc.Inventory.Source.Input += "-copy"
			_ = b.AddReport("copy.json", doc)
		}
		p, err := b.Build()
		if err != nil {
			t.Fatalf("an accepted report does not build: %v", err)
		}
		for _, enc := range Encoders(Options{}) {
			if err := enc.Encode(io.Discard, p); err != nil {
				t.Fatalf("%s: %v", enc.ID(), err)
			}
		}
	})
}

// trimmedReport is a fixture's report cut to what the portfolio reads: its
// summary and source, the estimate's paths and route without drivers and
// breakdowns, and only the findings and files its blockers name.
func trimmedReport(t testing.TB, name string) []byte {
	t.Helper()
	doc := fixtureReport(t, name)
	est := doc.Estimate
	wanted := map[string]bool{}
	trim := func(ps []estimator.PathEstimate) {
		for i := range ps {
			ps[i].Drivers, ps[i].Parts, ps[i].Folders = nil, nil, nil
			ps[i].Calculation.Levels, ps[i].Calculation.Chunks = nil, nil
			for _, b := range ps[i].Blockers {
				for _, f := range evidenceFiles(b.Evidence) {
					wanted[f] = true
				}
			}
		}
	}
	trim(est.Paths)
	if est.Route != nil {
		trim(est.Route.Steps)
		est.Route.Alternatives = nil
	}
	est.Parts = nil
	est.Recommendation.Reasons = nil
	inv := doc.Inventory
	var findings []scanner.Finding
	for _, f := range inv.Findings {
		if wanted[f.File] {
			findings = append(findings, f)
		}
	}
	var files []scanner.FileReport
	for _, f := range inv.Files {
		if wanted[f.Path] {
			files = append(files, f)
		}
	}
	inv.Findings, inv.Files, inv.Dependencies, inv.Skipped = findings, files, nil, nil
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
