package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/frameshift/frameshift/report/internal/registry"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// Encoder writes a Document in one format.
type Encoder interface {
	// ID is the format's name on the command line.
	ID() string
	Encode(w io.Writer, doc *Document) error
}

// Options tune the encoders that have choices to make.
type Options struct {
	// Color enables ANSI colour in the table format (terminals only).
	Color bool
	// Top is how many rows the "top" lists show; 0 means 10.
	Top int
	// Rules is the catalog the scan used, for the rule texts SARIF carries; nil
	// means the embedded catalog. Pass it when user rule files were loaded.
	Rules *catalog.Catalog
}

// Encoders returns the one explicit list of formats.
func Encoders(opts Options) []Encoder {
	return []Encoder{
		&TableEncoder{Options: opts},
		JSONEncoder{},
		&SARIFEncoder{Options: opts},
		&MarkdownEncoder{Options: opts},
		&HTMLEncoder{Options: opts},
		CSVEncoder{},
	}
}

// Lookup returns the encoder for a format name.
func Lookup(id string, opts Options) (Encoder, error) {
	if e, ok := registry.Find(Encoders(opts), id); ok {
		return e, nil
	}
	return nil, fmt.Errorf("unknown format %q (known: %s)", id, strings.Join(FormatNames(), ", "))
}

// FormatNames lists the known format names, sorted.
func FormatNames() []string { return registry.Names(Encoders(Options{})) }
