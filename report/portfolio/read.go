package portfolio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/frameshift/frameshift/report"
)

// ErrIsPortfolio means a file is a portfolio, not a report: merge found its own
// output next to the reports it was built from.
var ErrIsPortfolio = errors.New("is a portfolio, not a report: merge the reports it was built from")

// Read decodes one JSON file that merge was given: a frameshift report (doc) or the
// summary of a multi-repository run (run). Anything else is an error that says what
// the file is not.
func Read(r io.Reader) (doc *report.Document, run *Run, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	var head struct {
		Kind          string          `json:"kind"`
		SchemaVersion string          `json:"schema_version"`
		Tool          json.RawMessage `json:"tool"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("not JSON: %w", err)
	}
	switch {
	case head.Kind == RunKind:
		if err := checkMajor(head.SchemaVersion); err != nil {
			return nil, nil, err
		}
		run = &Run{}
		if err := json.Unmarshal(data, run); err != nil {
			return nil, nil, fmt.Errorf("not a frameshift run summary: %w", err)
		}
		return nil, run, nil
	case head.Kind == Kind:
		return nil, nil, ErrIsPortfolio
	case head.Kind != "" || head.SchemaVersion == "" || len(head.Tool) == 0:
		return nil, nil, errors.New("not a frameshift JSON report (write one with scan --format json)")
	}
	if err := checkMajor(head.SchemaVersion); err != nil {
		return nil, nil, err
	}
	doc, err = report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fmt.Errorf("not a frameshift JSON report: %w", err)
	}
	if doc.Inventory == nil {
		return nil, nil, errors.New("not a frameshift JSON report: no inventory")
	}
	return doc, nil, nil
}

// ReadFile is Read on a file, with errors naming it.
func ReadFile(path string) (*report.Document, *Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read report %s: %w", path, err)
	}
	defer f.Close()
	doc, run, err := Read(f)
	if err != nil {
		return nil, nil, fmt.Errorf("read report %s: %w", path, err)
	}
	return doc, run, nil
}

// checkMajor accepts schema versions this package reads: major version 1.
func checkMajor(v string) error {
	major, _, _ := strings.Cut(v, ".")
	if major != "1" {
		return fmt.Errorf("schema version %q is not one this frameshift reads (1.x)", v)
	}
	return nil
}
