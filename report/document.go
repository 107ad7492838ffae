// Package report encodes an analysed codebase in the formats people read: a terminal
// table, JSON (the contract that diff and CI read back), SARIF, Markdown, HTML and
// CSV. Encoders know formats, not analysis: they receive a finished Document.
package report

import (
	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
)

// Document is what every encoder renders: the inventory plus what later stages add.
// Its JSON form is the versioned report of docs/schema.md; optional parts are
// omitted when absent.
type Document struct {
	*scanner.Inventory
	// Estimate is the migration estimate, when one was asked for.
	Estimate *estimator.Result `json:"estimate,omitempty"`
	// Baseline says what the findings' Baseline marks were computed against.
	Baseline *drift.Baseline `json:"baseline,omitempty"`
	// Drift is the comparison with another report (frameshift diff).
	Drift *drift.Result `json:"drift,omitempty"`
	// History is the footprint over past commits (frameshift history).
	History *history.Result `json:"history,omitempty"`
	// Violations lists broken --fail-on policies.
	Violations []drift.Violation `json:"violations,omitempty"`
}
