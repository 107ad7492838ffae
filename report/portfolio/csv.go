package portfolio

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/frameshift/frameshift/report/internal/spreadsheet"
)

// csvHeader names the CSV columns, in order; Encode writes the same fields.
var csvHeader = []string{
	"repository", "input", "ref", "commit", "status", "frameworks", "eras",
	"files_scanned", "lines", "findings", "target", "route",
	"eng_months_low", "eng_months_high", "shared_eng_months_low", "shared_eng_months_high",
	"timeline_months_low", "timeline_months_high", "risk", "rank", "reason",
}

// CSVEncoder writes one row per repository, failed ones included, for
// spreadsheets.
type CSVEncoder struct{}

var _ Encoder = CSVEncoder{}

// ID implements Encoder.
func (CSVEncoder) ID() string { return "csv" }

// Encode implements Encoder.
func (CSVEncoder) Encode(w io.Writer, p *Portfolio) error {
	p = orEmpty(p)
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	ranks := map[string]int{}
	for _, r := range p.Ranking {
		ranks[r.Name] = r.Rank
	}
	for _, r := range p.Repositories {
		var fws, eras []string
		for _, fw := range r.Frameworks {
			fws = append(fws, fw.Name)
		}
		for _, e := range r.Eras {
			eras = append(eras, e.Framework+"/"+e.Era)
		}
		row := []string{
			r.Name, r.Input, r.Ref, r.Commit, "scanned", strings.Join(fws, " "), strings.Join(eras, " "),
			strconv.Itoa(r.FilesScanned), strconv.Itoa(r.Lines), strconv.Itoa(r.Findings),
		}
		if rt := r.Route; rt != nil {
			rank := ""
			if n := ranks[r.Name]; n > 0 {
				rank = strconv.Itoa(n)
			}
			row = append(row, rt.Target, strings.Join(rt.Steps, " "),
				number(rt.EngMonths.Low), number(rt.EngMonths.High),
				number(rt.SharedEngMonths.Low), number(rt.SharedEngMonths.High),
				number(rt.TimelineMonths.Low), number(rt.TimelineMonths.High), string(rt.Risk), rank, "")
		} else {
			target := ""
			if r.Recommendation != nil {
				target = r.Recommendation.Target
			}
			row = append(row, target, "", "", "", "", "", "", "", "", "", "")
		}
		if err := cw.Write(spreadsheet.GuardFormulas(row)); err != nil {
			return err
		}
	}
	for _, f := range p.Failures {
		row := make([]string, len(csvHeader))
		row[0], row[1], row[2], row[4], row[len(row)-1] = f.Name, f.Input, f.Ref, "failed", f.Reason
		if err := cw.Write(spreadsheet.GuardFormulas(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVColumns returns the CSV header, for documentation and tests.
func CSVColumns() []string { return append([]string(nil), csvHeader...) }

func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
