package portfolio

import (
	"errors"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/report"
)

// TestBuilderDuplicates covers how reports of one repository resolve.
func TestBuilderDuplicates(t *testing.T) {
	base := fixtureReport(t, "tf2-keras")
	atCommit := func(commit string) *report.Document {
		d := copyDoc(t, base)
		d.Inventory.Source.Commit = commit
		return d
	}
	older, newer := strings.Repeat("a", 40), strings.Repeat("b", 40)
	differing := copyDoc(t, base)
	differing.Inventory.Summary.Findings++
	run := func(entries ...RunEntry) *Run { return &Run{Repositories: entries} }
	name := Key(base.Inventory.Source.Input, "")

	tests := []struct {
		name       string
		reports    []*report.Document
		runs       []*Run
		wantCommit string
		wantErr    string
	}{
		{name: "identical duplicates collapse", reports: []*report.Document{base, copyDoc(t, base)}, wantCommit: base.Inventory.Source.Commit},
		{name: "same commit, other content", reports: []*report.Document{base, differing}, wantErr: "both scan " + name},
		{name: "other commits, dates unknown", reports: []*report.Document{atCommit(older), atCommit(newer)}, wantErr: "date of commit"},
		{
			name:    "other commits, the newer wins",
			reports: []*report.Document{atCommit(newer), atCommit(older)},
			runs: []*Run{
				run(RunEntry{Input: base.Inventory.Source.Input, Commit: older, CommitTime: "2025-01-01T00:00:00Z"}),
				run(RunEntry{Input: base.Inventory.Source.Input, Commit: newer, CommitTime: "2025-06-01T00:00:00Z"}),
			},
			wantCommit: newer,
		},
		{
			name:    "the newer wins whatever the order",
			reports: []*report.Document{atCommit(older), atCommit(newer)},
			runs: []*Run{
				run(RunEntry{Input: base.Inventory.Source.Input, Commit: newer, CommitTime: "2025-06-01T00:00:00Z"}),
				run(RunEntry{Input: base.Inventory.Source.Input, Commit: older, CommitTime: "2025-01-01T00:00:00Z"}),
			},
			wantCommit: newer,
		},
		{
			name:    "same date, other commits",
			reports: []*report.Document{atCommit(older), atCommit(newer)},
			runs: []*Run{run(
				RunEntry{Input: base.Inventory.Source.Input, Commit: newer, CommitTime: "2025-06-01T00:00:00Z"},
				RunEntry{Input: base.Inventory.Source.Input, Commit: older, CommitTime: "2025-06-01T00:00:00Z"},
			)},
			wantErr: "with the same date",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder()
			for _, r := range tt.runs {
				b.AddRun(r)
			}
			for i, d := range tt.reports {
				add(t, b, "r"+string(rune('0'+i))+".json", d)
			}
			p, err := b.Build()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Build() error = %v, want one containing %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "r0.json") || !strings.Contains(err.Error(), "r1.json") {
					t.Errorf("error %q does not name both files", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Repositories) != 1 || p.Repositories[0].Commit != tt.wantCommit {
				t.Fatalf("got %d rows, first at %v; want one at %s", len(p.Repositories), commitsOfRows(p), tt.wantCommit)
			}
		})
	}
}

func commitsOfRows(p *Portfolio) []string {
	var out []string
	for _, r := range p.Repositories {
		out = append(out, r.Commit)
	}
	return out
}

// TestBuilderFailures covers failures from run summaries and unreadable files.
func TestBuilderFailures(t *testing.T) {
	b := NewBuilder()
	doc := fixtureReport(t, "pytorch")
	add(t, b, "pytorch.json", doc)
	b.AddRun(&Run{Repositories: []RunEntry{
		// Scanned by a later run: its old failure must not show.
		{Input: doc.Inventory.Source.Input, Status: StatusFailed, Reason: "clone: timeout"},
		{Input: "https://x:tok3n@git.example.com/a/b", Ref: "main", Status: StatusFailed, Reason: "clone:\n  authentication required"},
		{Input: "https://x:tok3n@git.example.com/a/b", Ref: "main", Status: StatusFailed, Reason: "clone: authentication required"},
		{Input: "https://git.example.com/a/b", Ref: "main", Status: StatusFailed, Reason: "repository not found"},
		{Input: "gone/", Status: StatusFailed},
	}})
	b.AddUnreadable("reports/broken.json", errors.New("read report reports/broken.json: not JSON"))
	p := mustBuild(t, b)
	var got []string
	for _, f := range p.Failures {
		got = append(got, f.Name+" | "+f.Reason)
	}
	want := []string{
		"gone | failed (no reason recorded)",
		"https://git.example.com/a/b@main | repository not found",
		"https://x:***@git.example.com/a/b@main | clone: authentication required",
		"reports/broken.json | read report reports/broken.json: not JSON",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("failures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Summary.Failed != 4 || p.Summary.Repositories != 1 {
		t.Errorf("summary %+v", p.Summary)
	}
	if strings.Contains(encodeJSON(t, p), "tok3n") {
		t.Error("a token from a run summary reached the portfolio")
	}
}

// TestBuilderRejectsBadReports checks what AddReport refuses.
func TestBuilderRejectsBadReports(t *testing.T) {
	noInput := copyDoc(t, fixtureReport(t, "pytorch"))
	noInput.Inventory.Source.Input = "  "
	for name, doc := range map[string]*report.Document{
		"no inventory": {},
		"no input":     noInput,
	} {
		t.Run(name, func(t *testing.T) {
			err := NewBuilder().AddReport("x.json", doc)
			if err == nil || !strings.Contains(err.Error(), "x.json") {
				t.Errorf("AddReport(%s) = %v, want an error naming x.json", name, err)
			}
		})
	}
}

// TestTotals checks the roll-up's arithmetic on two repositories.
func TestTotals(t *testing.T) {
	b := NewBuilder()
	tf1, keras := fixtureReport(t, "tf1-graph"), fixtureReport(t, "tf2-keras")
	add(t, b, "a.json", tf1)
	add(t, b, "b.json", keras)
	p := mustBuild(t, b)
	r1, r2 := tf1.Estimate.Route, keras.Estimate.Route
	rt := p.Estimate.Routes
	if rt.Repositories != 2 || !near(rt.SumEngMonths.Low, r1.EngMonths.Low+r2.EngMonths.Low) || !near(rt.SumEngMonths.High, r1.EngMonths.High+r2.EngMonths.High) {
		t.Errorf("route sum %+v, want %g–%g", rt.SumEngMonths, r1.EngMonths.Low+r2.EngMonths.Low, r1.EngMonths.High+r2.EngMonths.High)
	}
	if rt.SharedEngMonths.High != 0 || rt.EngMonths.High != rt.SumEngMonths.High {
		t.Errorf("nothing is shared, yet %+v", rt)
	}
	if !near(rt.ParallelTimelineMonths.High, max(r1.TimelineMonths.High, r2.TimelineMonths.High)) ||
		!near(rt.SequentialTimelineMonths.High, r1.TimelineMonths.High+r2.TimelineMonths.High) {
		t.Errorf("timelines %+v / %+v", rt.ParallelTimelineMonths, rt.SequentialTimelineMonths)
	}
	if rt.Risk != r1.Risk.Max(r2.Risk) {
		t.Errorf("risk %s, want the riskier of %s and %s", rt.Risk, r1.Risk, r2.Risk)
	}
	if len(p.Ranking) != 2 || p.Ranking[0].Rank != 1 || p.Ranking[1].Cumulative != 1 {
		t.Errorf("ranking %+v", p.Ranking)
	}
	if first := p.Ranking[0].EngMonths.High; first < p.Ranking[1].EngMonths.High {
		t.Errorf("ranking is not costliest first: %+v", p.Ranking)
	}
	findings := 0
	for _, f := range p.Frameworks {
		findings += f.Findings
	}
	if findings != tf1.Inventory.Summary.Findings+keras.Inventory.Summary.Findings || p.Summary.Findings != findings {
		t.Errorf("framework totals hold %d findings, summary %d", findings, p.Summary.Findings)
	}
	eras := 0
	for _, e := range p.Eras {
		eras += e.Findings
	}
	if eras != findings {
		t.Errorf("era totals hold %d findings, want %d", eras, findings)
	}
}

func near(a, b float64) bool { return a-b < 0.0015 && b-a < 0.0015 }

// TestBuilderThreeReports: a conflict between two reports of one commit is found
// whichever report sorts first.
func TestBuilderThreeReports(t *testing.T) {
	base := fixtureReport(t, "tf2-keras")
	a, b, c := copyDoc(t, base), copyDoc(t, base), copyDoc(t, base)
	a.Inventory.Source.Commit = strings.Repeat("1", 40)
	b.Inventory.Source.Commit = strings.Repeat("2", 40)
	c.Inventory.Source.Commit = strings.Repeat("2", 40)
	c.Inventory.Summary.Lines++
	for _, order := range [][]*report.Document{{a, b, c}, {c, b, a}, {b, a, c}} {
		bl := NewBuilder()
		bl.AddRun(&Run{Repositories: []RunEntry{
			{Input: base.Inventory.Source.Input, Commit: a.Inventory.Source.Commit, CommitTime: "2025-01-01T00:00:00Z"},
			{Input: base.Inventory.Source.Input, Commit: b.Inventory.Source.Commit, CommitTime: "2025-02-01T00:00:00Z"},
		}})
		for i, d := range order {
			add(t, bl, "r"+string(rune('0'+i))+".json", d)
		}
		if _, err := bl.Build(); err == nil || !strings.Contains(err.Error(), "commit 222222222222 but differ") {
			t.Errorf("Build() error = %v, want the two reports of commit 2222… named", err)
		}
	}
}
