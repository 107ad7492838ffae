package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dustin/go-humanize"

	"github.com/frameshift/frameshift/report/internal/spreadsheet"
	"github.com/frameshift/frameshift/report/internal/terminal"
	"github.com/frameshift/frameshift/scanner/history"
)

// sparkBlocks are the eight heights of a terminal sparkline.
var sparkBlocks = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws values as a one-line bar chart scaled from their minimum to their
// maximum, so that a change shows however small it is next to the totals; the
// numbers printed beside it give the scale.
func Sparkline(values []int) string {
	if len(values) == 0 {
		return ""
	}
	lo, hi := values[0], values[0]
	for _, v := range values {
		lo, hi = min(lo, v), max(hi, v)
	}
	var b strings.Builder
	for _, v := range values {
		i := 0
		if hi > lo {
			// In floating point: counts from a hand-edited report may be huge.
			i = int(float64(v-lo) / float64(hi-lo) * float64(len(sparkBlocks)-1))
		}
		b.WriteRune(sparkBlocks[i])
	}
	return b.String()
}

// historyFrameworks lists the frameworks seen at any point, in contract order.
func historyFrameworks(res *history.Result) []string {
	seen := map[string]bool{}
	for _, p := range res.Points {
		for _, f := range p.Frameworks {
			seen[f.Name] = true
		}
	}
	var out, others []string
	for _, fw := range []string{"tensorflow", "keras", "pytorch", "jax"} {
		if seen[fw] {
			out = append(out, fw)
			delete(seen, fw)
		}
	}
	for fw := range seen {
		others = append(others, fw)
	}
	sort.Strings(others)
	return append(out, others...)
}

func countOf(p history.Point, fw string) int {
	for _, f := range p.Frameworks {
		if f.Name == fw {
			return f.Findings
		}
	}
	return 0
}

func eraMix(p history.Point) string {
	eras := append([]history.EraCount{}, p.Eras...)
	sort.SliceStable(eras, func(i, j int) bool { return eras[i].Findings > eras[j].Findings })
	var parts []string
	for _, e := range eras {
		parts = append(parts, fmt.Sprintf("%s %d", e.Era, e.Findings))
	}
	return strings.Join(parts, ", ")
}

// WriteHistoryTable writes the footprint per commit as a table, with a sparkline
// of findings per framework over the sampled commits.
func WriteHistoryTable(w io.Writer, res *history.Result, opts Options) error {
	t := terminal.New(w, opts.Color)
	fws := historyFrameworks(res)
	label := res.Input
	if res.Ref != "" {
		label += "@" + res.Ref
	}
	t.Printf("%s  %s sampled, %s distinct file blobs analysed, %s reused\n", t.Bold(label),
		plural(len(res.Points), "commit"), humanize.Comma(int64(res.Blobs)), humanize.Comma(int64(res.Reused)))
	if len(res.Points) == 0 {
		return t.Err()
	}
	t.Section("Trend (oldest → newest)")
	totals := make([]int, len(res.Points))
	for i, p := range res.Points {
		totals[i] = p.Findings
	}
	t.Printf("  %-11s %s  %d → %d\n", "findings", Sparkline(totals), totals[0], totals[len(totals)-1])
	for _, fw := range fws {
		vals := make([]int, len(res.Points))
		for i, p := range res.Points {
			vals[i] = countOf(p, fw)
		}
		t.Printf("  %-11s %s  %d → %d\n", fw, Sparkline(vals), vals[0], vals[len(vals)-1])
	}
	t.Section("Commits")
	header := append([]string{"Commit", "Date", "Files", "Findings"}, fws...)
	header = append(header, "Eras")
	aligns := "llrr" + strings.Repeat("r", len(fws)) + "l"
	var rows [][]string
	for i := len(res.Points) - 1; i >= 0; i-- {
		p := res.Points[i]
		row := []string{shortHash(p.Commit), p.Date[:10], humanize.Comma(int64(p.Files)), humanize.Comma(int64(p.Findings))}
		for _, fw := range fws {
			row = append(row, humanize.Comma(int64(countOf(p, fw))))
		}
		rows = append(rows, append(row, eraMix(p)))
	}
	t.Table(header, aligns, rows)
	return t.Err()
}

// WriteHistoryCSV writes one row per sampled commit, oldest first: commit, date,
// files, findings, then findings per framework and per framework/era.
func WriteHistoryCSV(w io.Writer, res *history.Result) error {
	fws := historyFrameworks(res)
	eraSet := map[string]bool{}
	for _, p := range res.Points {
		for _, e := range p.Eras {
			eraSet[e.Framework+"/"+e.Era] = true
		}
	}
	var eras []string
	for e := range eraSet {
		eras = append(eras, e)
	}
	sort.Strings(eras)
	cw := csv.NewWriter(w)
	header := append([]string{"commit", "date", "subject", "files", "findings"}, fws...)
	header = append(header, eras...)
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, p := range res.Points {
		row := []string{p.Commit, p.Date, p.Subject, strconv.Itoa(p.Files), strconv.Itoa(p.Findings)}
		for _, fw := range fws {
			row = append(row, strconv.Itoa(countOf(p, fw)))
		}
		counts := map[string]int{}
		for _, e := range p.Eras {
			counts[e.Framework+"/"+e.Era] = e.Findings
		}
		for _, e := range eras {
			row = append(row, strconv.Itoa(counts[e]))
		}
		if err := cw.Write(spreadsheet.GuardFormulas(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
