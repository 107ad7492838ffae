package portfolio

import (
	"strings"
	"testing"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/scanner"
)

// chunkDoc is a small report whose one path charges one blocker chunk on each
// given file: work hours 100, eng-months 2–4, so a 40-hour chunk is worth
// 0.8–1.6 engineer-months.
func chunkDoc(input string, files map[string][]string) *report.Document {
	inv := &scanner.Inventory{
		SchemaVersion: scanner.SchemaVersion,
		Tool:          scanner.Tool{Name: "frameshift", Catalog: "c"},
		Source:        scanner.SourceInfo{Input: input, Kind: "git", Commit: fakeCommit(input)},
	}
	var evidence []string
	for file, prints := range files {
		inv.Files = append(inv.Files, scanner.FileReport{Path: file, Lines: 10 * len(prints)})
		for i, fp := range prints {
			inv.Findings = append(inv.Findings, scanner.Finding{Rule: "tf.load-op-library", Framework: "tensorflow", File: file, Line: i + 1, Fingerprint: fp})
			evidence = append(evidence, file+":"+string(rune('1'+i))+" tf.load-op-library")
		}
	}
	path := estimator.PathEstimate{
		ID: "tf2-to-pytorch", EngMonths: Range{Low: 2, High: 4}, TimelineMonths: Range{Low: 1, High: 2}, Risk: "high",
		Blockers:    []estimator.Blocker{{Tag: "custom-op", Files: len(files), ChunkHours: 40, Evidence: evidence}},
		Calculation: estimator.Calculation{WorkHours: 100},
	}
	est := &estimator.Result{
		HoursPerMonth:  160,
		Paths:          []estimator.PathEstimate{path},
		Route:          &estimator.Route{Target: "pytorch", Steps: []estimator.PathEstimate{path}, EngMonths: path.EngMonths, TimelineMonths: path.TimelineMonths, Risk: "high"},
		Recommendation: estimator.Recommendation{Target: "pytorch", Route: []string{"tf2-to-pytorch"}},
	}
	return &report.Document{Inventory: inv, Estimate: est}
}

func TestSharedRule(t *testing.T) {
	ops := []string{"f1", "f2"}
	tests := []struct {
		name string
		docs []*report.Document
		// wantRemoved is the engineer-months removed from the path's total.
		wantLow, wantHigh float64
		wantFiles         []string
	}{
		{
			name:    "a library copied into a second repository",
			docs:    []*report.Document{chunkDoc("b", map[string][]string{"vendor/ops.py": ops}), chunkDoc("a", map[string][]string{"ops.py": ops})},
			wantLow: 0.8, wantHigh: 1.6,
			wantFiles: []string{"a: ops.py", "b: vendor/ops.py"},
		},
		{
			name: "three copies: two removed",
			docs: []*report.Document{
				chunkDoc("a", map[string][]string{"ops.py": ops}), chunkDoc("b", map[string][]string{"ops.py": ops}), chunkDoc("c", map[string][]string{"x/ops.py": ops}),
			},
			wantLow: 1.6, wantHigh: 3.2,
			wantFiles: []string{"a: ops.py", "b: ops.py", "c: x/ops.py"},
		},
		{
			name: "same lines, other file: not shared",
			docs: []*report.Document{chunkDoc("a", map[string][]string{"ops.py": ops}), chunkDoc("b", map[string][]string{"ops.py": {"f1", "f3"}})},
		},
		{
			name: "two copies inside one repository: the estimator's business",
			docs: []*report.Document{chunkDoc("a", map[string][]string{"ops.py": ops, "copy/ops.py": ops})},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder()
			for i, d := range tt.docs {
				add(t, b, string(rune('0'+i)), d)
			}
			p := mustBuild(t, b)
			pt := p.Estimate.Paths[0]
			if !near(pt.SharedEngMonths.Low, tt.wantLow) || !near(pt.SharedEngMonths.High, tt.wantHigh) {
				t.Errorf("shared %+v, want %g–%g", pt.SharedEngMonths, tt.wantLow, tt.wantHigh)
			}
			if !near(pt.EngMonths.High, pt.SumEngMonths.High-tt.wantHigh) {
				t.Errorf("total %v is not the sum %v less %g", pt.EngMonths, pt.SumEngMonths, tt.wantHigh)
			}
			// The route takes the same path, so its total drops alike.
			if !near(p.Estimate.Routes.SharedEngMonths.High, tt.wantHigh) {
				t.Errorf("routes shared %+v, want high %g", p.Estimate.Routes.SharedEngMonths, tt.wantHigh)
			}
			if tt.wantFiles == nil {
				if len(p.Estimate.Shared) != 0 {
					t.Errorf("shared chunks %+v, want none", p.Estimate.Shared)
				}
				return
			}
			if len(p.Estimate.Shared) != 1 || strings.Join(p.Estimate.Shared[0].Files, ",") != strings.Join(tt.wantFiles, ",") {
				t.Errorf("shared chunks %+v, want one with files %v", p.Estimate.Shared, tt.wantFiles)
			}
			// The first repository by name keeps the chunk.
			if p.Repositories[0].Paths[0].SharedEngMonths.High != 0 {
				t.Errorf("the first repository lost its chunk: %+v", p.Repositories[0].Paths[0])
			}
		})
	}
}

// TestEvidenceFile reads the file out of the estimator's evidence lines.
func TestEvidenceFile(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"ops/kernels.py:3 tf.load-op-library", "ops/kernels.py", true},
		{"notebooks/a b.ipynb[cell 4]:2 tfx.pipeline", "notebooks/a b.ipynb", true},
		{"C:/dir/x.py:12 tf.x", "C:/dir/x.py", true},
		{"x.py:line tf.x", "", false},
		{"x.py:3", "", false},
		{"", "", false},
		{":3 tf.x", "", false},
	}
	for _, tt := range tests {
		got, ok := evidenceFile(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("evidenceFile(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
