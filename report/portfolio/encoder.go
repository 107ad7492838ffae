package portfolio

import (
	"fmt"
	"io"
	"strings"

	"github.com/frameshift/frameshift/report/internal/registry"
)

// Encoder writes a Portfolio in one format.
type Encoder interface {
	// ID is the format's name on the command line.
	ID() string
	Encode(w io.Writer, p *Portfolio) error
}

// Options tune the encoders that have choices to make.
type Options struct {
	// Color enables ANSI colour in the table format (terminals only).
	Color bool
	// Top is how many rows the effort ranking shows in the table, Markdown and
	// HTML formats; 0 means 10. JSON and CSV always hold every repository.
	Top int
}

func (o Options) top() int {
	if o.Top <= 0 {
		return 10
	}
	return o.Top
}

// Encoders returns the one explicit list of portfolio formats.
func Encoders(opts Options) []Encoder {
	return []Encoder{
		&TableEncoder{Options: opts},
		JSONEncoder{},
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
	return nil, fmt.Errorf("format %q has no portfolio form (portfolio formats: %s)", id, strings.Join(FormatNames(), ", "))
}

// FormatNames lists the portfolio format names, sorted.
func FormatNames() []string { return registry.Names(Encoders(Options{})) }

// orEmpty lets every encoder take a nil portfolio as an empty one.
func orEmpty(p *Portfolio) *Portfolio {
	if p != nil {
		return p
	}
	empty, _ := NewBuilder().Build()
	return empty
}
