package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

func TestCSVRowsPerFinding(t *testing.T) {
	doc := loadFixtureDoc(t, "mixed-monorepo")
	var buf bytes.Buffer
	if err := (CSVEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v", err)
	}
	if strings.Join(rows[0], ",") != "file,cell,line,column,rule,framework,era,category,kind,symbol,replacement,fingerprint,baseline" {
		t.Errorf("header = %v", rows[0])
	}
	if len(rows)-1 != len(doc.Findings) {
		t.Fatalf("%d rows for %d findings", len(rows)-1, len(doc.Findings))
	}
	var notebookRows int
	for i, f := range sortedFindings(doc.Findings) {
		row := rows[i+1]
		if row[0] != f.File || row[2] != strconv.Itoa(f.Line) || row[3] != strconv.Itoa(f.Column) || row[4] != f.Rule || row[9] != f.Symbol || row[11] != f.Fingerprint {
			t.Errorf("row %d = %v, want the finding %+v", i+1, row, f)
		}
		if f.Cell != nil {
			notebookRows++
			if row[1] != strconv.Itoa(*f.Cell) {
				t.Errorf("row %d: cell %q, want %d", i+1, row[1], *f.Cell)
			}
		} else if row[1] != "" {
			t.Errorf("row %d: cell %q for a Python file", i+1, row[1])
		}
	}
	if notebookRows == 0 {
		t.Error("the fixture's notebooks produced no rows with a cell: the cell column is untested")
	}
}

func TestCSVHostileValuesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := (CSVEncoder{}).Encode(&buf, hostileDoc()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("hostile values broke the CSV: %v", err)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a spreadsheet formula", cell)
			}
		}
	}
	if got := rows[1][10]; got != "'+tf.function\nnext" {
		t.Errorf("a replacement with a newline came back as %q", got)
	}
}

func TestCSVEmptyDocument(t *testing.T) {
	var buf bytes.Buffer
	if err := (CSVEncoder{}).Encode(&buf, &Document{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\n"); got != 1 {
		t.Errorf("an empty report has %d lines, want the header only", got)
	}
}
