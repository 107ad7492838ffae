package portfolio

import (
	"encoding/json"
	"io"
)

// JSONEncoder writes the portfolio as versioned, deterministic JSON: the same
// reports give the same bytes, whatever their order or folders.
type JSONEncoder struct{}

var _ Encoder = JSONEncoder{}

// ID implements Encoder.
func (JSONEncoder) ID() string { return "json" }

// Encode implements Encoder.
func (JSONEncoder) Encode(w io.Writer, p *Portfolio) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(orEmpty(p))
}
