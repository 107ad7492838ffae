package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/frameshift/frameshift/report/internal/spreadsheet"
)

// csvHeader names the CSV columns, in order; Encode writes the same fields.
var csvHeader = []string{
	"file", "cell", "line", "column", "rule", "framework", "era", "category",
	"kind", "symbol", "replacement", "fingerprint", "baseline",
}

// CSVEncoder writes one row per finding, under a header row, for spreadsheets.
type CSVEncoder struct{}

var _ Encoder = CSVEncoder{}

// ID implements Encoder.
func (CSVEncoder) ID() string { return "csv" }

// Encode implements Encoder.
func (CSVEncoder) Encode(w io.Writer, doc *Document) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, f := range sortedFindings(inventoryOf(doc).Findings) {
		cell := ""
		if f.Cell != nil {
			cell = strconv.Itoa(*f.Cell)
		}
		row := []string{
			f.File, cell, strconv.Itoa(f.Line), strconv.Itoa(f.Column), f.Rule,
			f.Framework, f.Era, f.Category, string(f.Kind), f.Symbol,
			f.Replacement, f.Fingerprint, f.Baseline,
		}
		if err := cw.Write(spreadsheet.GuardFormulas(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
