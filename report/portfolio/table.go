package portfolio

import (
	"fmt"
	"io"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/terminal"
)

// TableEncoder writes the portfolio for a terminal: the estimate first, then one
// row per repository, the framework and era totals, the recommendations, where
// the effort sits, shared chunks and failures.
type TableEncoder struct {
	Options Options
}

var _ Encoder = (*TableEncoder)(nil)

// ID implements Encoder.
func (*TableEncoder) ID() string { return "table" }

// Encode implements Encoder.
func (e *TableEncoder) Encode(w io.Writer, p *Portfolio) error {
	p = orEmpty(p)
	t := terminal.New(w, e.Options.Color)
	t.Printf("%s  %s\n", t.Bold("Portfolio"), describeSummary(p.Summary))
	if len(p.Repositories) > 0 {
		t.Section("Estimate")
		t.Printf("%s\n", routeSentence(p.Estimate.Routes))
		if len(p.Estimate.Paths) > 0 {
			t.Table([]string{"Path", "Repositories", "Engineer-months", "Shared, counted once", "Timeline in parallel", "One after another", "Risk"},
				"lrlllll", pathTotalRows(p.Estimate.Paths))
		}
		t.Section("Repositories")
		// A terminal is narrow: the commit is in every other format.
		t.Table([]string{"Repository", "Frameworks", "Findings", "Target", "Route", "Engineer-months", "Risk"},
			"llrllll", withoutColumn(repositoryRows(p.Repositories), 1))
		t.Section("Frameworks")
		t.Table([]string{"Framework", "Repositories", "Files", "Findings", "Lines", "Share"},
			"lrrrrr", frameworkRows(p.Frameworks))
		t.Section("Eras")
		t.Table([]string{"Framework", "Era", "Repositories", "Files", "Findings"},
			"llrrr", eraRows(p.Eras))
		if len(p.Recommendations) > 0 {
			t.Section("Recommendations")
			t.Table([]string{"Target", "Route", "Repositories"}, "llr", recommendationRows(p.Recommendations))
		}
		if len(p.Ranking) > 0 {
			t.Section("Where the effort sits")
			t.Table([]string{"#", "Repository", "Target", "Engineer-months", "Share", "Cumulative"},
				"rlllrr", rankingRows(p.Ranking, e.Options.top()))
		}
		if len(p.Estimate.Shared) > 0 {
			t.Section("Shared chunks, counted once")
			t.Table([]string{"Path", "Blocker", "Hours each", "Copies", "Removed from the path", "Removed from routes"},
				"llrlll", sharedRows(p.Estimate.Shared))
		}
	}
	if len(p.Failures) > 0 {
		t.Section("Failed")
		t.Table([]string{"Repository", "Reason"}, "ll", failureRows(p.Failures))
	}
	for _, w := range p.Warnings {
		t.Printf("\nwarning: %s\n", w)
	}
	return t.Err()
}

func describeSummary(s Summary) string {
	parts := []string{countOf(s.Repositories, "repository", "repositories")}
	if s.Failed > 0 {
		parts = append(parts, humanize.Comma(int64(s.Failed))+" failed")
	}
	parts = append(parts,
		countOf(s.FilesScanned, "file", "files")+" scanned",
		countOf(s.Lines, "line", "lines")+" of code",
		countOf(s.Findings, "finding", "findings"))
	return strings.Join(parts, ", ")
}

// routeSentence says what the portfolio's migration costs, in one sentence.
func routeSentence(t Total) string {
	if t.Repositories == 0 {
		return "No repository has a route to estimate."
	}
	s := fmt.Sprintf("Each repository along its recommended route (%s): %s", countOf(t.Repositories, "repository", "repositories"), t.EngMonths.Text)
	if t.SharedEngMonths.High > 0 {
		s += fmt.Sprintf(" (sum %s, less %s of shared chunks counted once)", t.SumEngMonths.Text, t.SharedEngMonths.Text)
	}
	s += fmt.Sprintf("; %s with every repository in parallel, %s one after another", t.ParallelTimelineMonths.Text, t.SequentialTimelineMonths.Text)
	if t.Risk != "" {
		s += "; risk up to " + string(t.Risk)
	}
	return s + "."
}

func pathTotalRows(ps []PathTotal) [][]string {
	rows := make([][]string, 0, len(ps))
	for _, p := range ps {
		rows = append(rows, []string{
			p.ID, humanize.Comma(int64(p.Repositories)), p.EngMonths.Text, sharedText(p.SharedEngMonths),
			p.ParallelTimelineMonths.Text, p.SequentialTimelineMonths.Text, string(p.Risk),
		})
	}
	return rows
}

// withoutColumn drops column i of every row.
func withoutColumn(rows [][]string, i int) [][]string {
	out := make([][]string, len(rows))
	for n, r := range rows {
		out[n] = append(append([]string(nil), r[:i]...), r[i+1:]...)
	}
	return out
}

func sharedText(r Range) string {
	if r.High <= 0 {
		return "—"
	}
	return "−" + r.Text
}

func repositoryRows(repos []Repository) [][]string {
	rows := make([][]string, 0, len(repos))
	for _, r := range repos {
		target, route, em, risk := "—", "—", "—", "—"
		if r.Recommendation != nil {
			target = orDash(r.Recommendation.Target)
		}
		if rt := r.Route; rt != nil {
			route = orDash(strings.Join(rt.Steps, " → "))
			em = rt.EngMonths.Text
			if rt.SharedEngMonths.High > 0 {
				em += " (" + rt.SharedEngMonths.Text + " shared)"
			}
			risk = orDash(string(rt.Risk))
		}
		rows = append(rows, []string{r.Name, shortHash(r.Commit), frameworkList(r), humanize.Comma(int64(r.Findings)), target, route, em, risk})
	}
	return rows
}

// frameworkList names a repository's frameworks with their eras, most findings
// first: "tensorflow (tf1, tf2), pytorch".
func frameworkList(r Repository) string {
	fws := append([]FrameworkUse(nil), r.Frameworks...)
	sortByFindings(fws)
	var parts []string
	for _, fw := range fws {
		var eras []string
		for _, e := range r.Eras {
			if e.Framework == fw.Name && e.Era != fw.Name {
				eras = append(eras, e.Era)
			}
		}
		if len(eras) > 0 {
			parts = append(parts, fw.Name+" ("+strings.Join(eras, ", ")+")")
		} else {
			parts = append(parts, fw.Name)
		}
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}

func frameworkRows(fws []FrameworkTotal) [][]string {
	sorted := append([]FrameworkTotal(nil), fws...)
	sortTotalsByFindings(sorted)
	rows := make([][]string, 0, len(sorted))
	for _, f := range sorted {
		rows = append(rows, []string{
			f.Name, humanize.Comma(int64(f.Repositories)), humanize.Comma(int64(f.Files)),
			humanize.Comma(int64(f.Findings)), humanize.Comma(int64(f.Lines)), percent(f.Share),
		})
	}
	return rows
}

func eraRows(eras []EraTotal) [][]string {
	rows := make([][]string, 0, len(eras))
	for _, e := range eras {
		rows = append(rows, []string{e.Framework, e.Era, humanize.Comma(int64(e.Repositories)), humanize.Comma(int64(e.Files)), humanize.Comma(int64(e.Findings))})
	}
	return rows
}

func recommendationRows(rs []RecommendationCount) [][]string {
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		target := r.Target
		if target == "" {
			target = "(no framework found)"
		}
		rows = append(rows, []string{target, orDash(strings.Join(r.Route, " → ")), humanize.Comma(int64(r.Repositories))})
	}
	return rows
}

func rankingRows(rs []Rank, top int) [][]string {
	var rows [][]string
	for i, r := range rs {
		if i == top {
			rows = append(rows, []string{"", fmt.Sprintf("… %d more", len(rs)-top), "", "", "", ""})
			break
		}
		rows = append(rows, []string{fmt.Sprint(r.Rank), r.Name, orDash(r.Target), r.EngMonths.Text, percent(r.Share), percent(r.Cumulative)})
	}
	return rows
}

func sharedRows(cs []SharedChunk) [][]string {
	rows := make([][]string, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, []string{c.Path, c.Tag, fmt.Sprintf("%g", c.ChunkHours), strings.Join(c.Files, "\n"), sharedText(c.RemovedEngMonths), sharedText(c.RemovedRouteEngMonths)})
	}
	return rows
}

func failureRows(fs []Failure) [][]string {
	rows := make([][]string, 0, len(fs))
	for _, f := range fs {
		rows = append(rows, []string{f.Name, f.Reason})
	}
	return rows
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return humanize.Comma(int64(n)) + " " + many
}

func percent(share float64) string { return fmt.Sprintf("%.1f%%", share*100) }

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return orDash(h)
}
