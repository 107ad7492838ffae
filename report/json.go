package report

import (
	"encoding/json"
	"io"
)

// JSONEncoder writes the versioned JSON report. It is deterministic: the inventory
// is sorted by the scanner and holds no timestamps, so the same input gives the
// same bytes.
type JSONEncoder struct{}

var _ Encoder = JSONEncoder{}

// ID implements Encoder.
func (JSONEncoder) ID() string { return "json" }

// Encode implements Encoder.
func (JSONEncoder) Encode(w io.Writer, doc *Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// ReadJSON decodes a JSON report, as written by JSONEncoder.
func ReadJSON(r io.Reader) (*Document, error) {
	var doc Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	return &doc, nil
}
