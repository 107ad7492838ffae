package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"strconv"

	"github.com/frameshift/frameshift/scanner"
)

// JSONEncoder writes the versioned JSON report. It is deterministic: the inventory
// is sorted by the scanner and holds no timestamps, so the same input gives the
// same bytes.
type JSONEncoder struct{}

var _ Encoder = JSONEncoder{}

// ID implements Encoder.
func (JSONEncoder) ID() string { return "json" }

// emptyFindings is how the indented encoder writes an empty top-level findings
// array: only the top level is indented by exactly two spaces.
var emptyFindings = []byte("\n  \"findings\": []")

// Encode implements Encoder. The findings, nearly all of a large report, are
// encoded one at a time straight to w, so the report is never held whole in
// memory and the reflective encoder never walks them; the bytes are exactly those
// encoding/json writes for the whole document (FuzzAppendFinding and the golden
// tests hold it to that).
func (JSONEncoder) Encode(w io.Writer, doc *Document) error {
	if doc.Inventory == nil || len(doc.Inventory.Findings) == 0 {
		return encodeIndented(w, doc)
	}
	inv := *doc.Inventory
	findings := inv.Findings
	inv.Findings = []scanner.Finding{}
	rest := *doc
	rest.Inventory = &inv
	// The findings are encoded in chunks on other goroutines while the rest of
	// the document is encoded here, and written in order as they come: a few
	// chunks at most are held at once.
	chunks := encodeFindings(findings)
	defer chunks.stop()
	var head bytes.Buffer
	if err := encodeIndented(&head, &rest); err != nil {
		return err
	}
	i := bytes.Index(head.Bytes(), emptyFindings)
	if i < 0 {
		return errors.New("encode findings: the report has no top-level findings array")
	}
	if _, err := w.Write(head.Bytes()[:i]); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n  \"findings\": ["); err != nil {
		return err
	}
	for buf := range chunks.next {
		if _, err := w.Write(buf); err != nil {
			return err
		}
		chunks.recycle(buf)
	}
	buf := append([]byte("\n  ]"), head.Bytes()[i+len(emptyFindings):]...)
	_, err := w.Write(buf)
	return err
}

// findingsPerChunk is how many findings one goroutine encodes at a time (about
// 600 KB of JSON).
const findingsPerChunk = 2048

// chunkedFindings yields the encoded findings, chunk by chunk, in order.
type chunkedFindings struct {
	next chan []byte
	quit chan struct{}
	// free holds written chunks' buffers for reuse: a report of 60,000
	// findings is 20 MB of JSON, and fresh buffers cost more than encoding.
	free chan []byte
}

func (c *chunkedFindings) buffer() []byte {
	select {
	case b := <-c.free:
		return b
	default:
		return make([]byte, 0, 1<<20)
	}
}

func (c *chunkedFindings) recycle(b []byte) {
	select {
	case c.free <- b[:0]:
	default:
	}
}

// encodeFindings starts encoding findings on up to GOMAXPROCS goroutines, each
// chunk followed by a comma and newline as the array needs.
func encodeFindings(findings []scanner.Finding) *chunkedFindings {
	workers := runtime.GOMAXPROCS(0)
	c := &chunkedFindings{next: make(chan []byte), quit: make(chan struct{}), free: make(chan []byte, workers+2)}
	// pending holds, in order, each started chunk's result; its capacity bounds
	// the chunks encoded and not yet written.
	pending := make(chan chan []byte, workers)
	go func() {
		defer close(pending)
		for from := 0; from < len(findings); from += findingsPerChunk {
			part := findings[from:min(from+findingsPerChunk, len(findings))]
			done := make(chan []byte, 1)
			select {
			case pending <- done:
			case <-c.quit:
				return
			}
			go func(first bool) {
				buf := c.buffer()
				for k := range part {
					if k > 0 || !first {
						buf = append(buf, ',')
					}
					buf = append(buf, "\n    "...)
					buf = appendFinding(buf, &part[k])
				}
				done <- buf
			}(from == 0)
		}
	}()
	go func() {
		defer close(c.next)
		for done := range pending {
			buf := <-done
			select {
			case c.next <- buf:
			case <-c.quit:
				for range pending {
				}
				return
			}
		}
	}()
	return c
}

// stop ends the encoding early, after a write error; it is safe after the end.
func (c *chunkedFindings) stop() {
	close(c.quit)
	for range c.next {
	}
}

func encodeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// appendFinding writes f as encoding/json does for a finding of the top-level
// findings array (indent prefix four spaces, SetEscapeHTML(false)), field by
// field in the struct's order, omitting what its tags omit.
func appendFinding(b []byte, f *scanner.Finding) []byte {
	const field = "\n      \""
	b = append(b, '{')
	b = appendField(b, field+"rule\": ", f.Rule)
	b = appendField(b, ","+field+"framework\": ", f.Framework)
	b = appendField(b, ","+field+"era\": ", f.Era)
	b = appendField(b, ","+field+"category\": ", f.Category)
	b = appendField(b, ","+field+"symbol\": ", f.Symbol)
	b = appendField(b, ","+field+"kind\": ", string(f.Kind))
	b = appendField(b, ","+field+"file\": ", f.File)
	b = append(b, ","+field+"line\": "...)
	b = strconv.AppendInt(b, int64(f.Line), 10)
	b = append(b, ","+field+"column\": "...)
	b = strconv.AppendInt(b, int64(f.Column), 10)
	if f.Cell != nil {
		b = append(b, ","+field+"cell\": "...)
		b = strconv.AppendInt(b, int64(*f.Cell), 10)
	}
	if f.Replacement != "" {
		b = appendField(b, ","+field+"replacement\": ", f.Replacement)
	}
	b = appendField(b, ","+field+"fingerprint\": ", f.Fingerprint)
	if f.Baseline != "" {
		b = appendField(b, ","+field+"baseline\": ", f.Baseline)
	}
	return append(b, "\n    }"...)
}

func appendField(b []byte, key, value string) []byte {
	b = append(b, key...)
	return appendString(b, value)
}

// appendString quotes s. Printable ASCII other than the quote and the backslash is
// copied as is; a string with anything else goes through encoding/json, so that
// escapes (control characters, invalid UTF-8, U+2028) match it exactly.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
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
