package report

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// FuzzEncoders feeds arbitrary JSON reports (frameshift diff and CI read reports
// back from files anyone can edit) through every encoder: none may panic or fail,
// the SARIF must be valid JSON and the HTML must parse.
func FuzzEncoders(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"findings":[{"rule":"tf1.session","line":-5,"column":0,"cell":-1,"file":"","symbol":"\u0000"}]}`))
	f.Add([]byte(`{"summary":{"frameworks":[{"name":"x","share":1e308}]},"history":{"points":[{"findings":9223372036854775807,"date":"x"}]}}`))
	f.Add([]byte(`{"estimate":{"paths":[{"id":"a","eng_months":{"low":-1,"high":1e300}}],"recommendation":{"path":"a","reasons":[{"rule":1}]}}}`))
	f.Add([]byte(`{"drift":{"added":[{"file":"x","cell":3}],"eras":[{"key":"k"}],"shares":[{"framework":"jax","old":2}]}}`))
	if data, err := json.Marshal(hostileDoc()); err == nil {
		f.Add(data)
	}
	// A real report, cut down to its first findings: whole fixture reports are
	// tens of kilobytes, which makes each execution and every minimisation slow.
	if data, err := os.ReadFile(filepath.Join("..", "fixtures", "tf2-keras", "expected", "scan.json")); err == nil {
		if doc, err := ReadJSON(bytes.NewReader(data)); err == nil && doc.Inventory != nil {
			doc.Findings = doc.Findings[:min(len(doc.Findings), 5)]
			doc.Files = doc.Files[:min(len(doc.Files), 3)]
			if doc.Estimate != nil {
				doc.Estimate.Parts = nil
				doc.Estimate.Route = nil
				doc.Estimate.Paths = doc.Estimate.Paths[:min(len(doc.Estimate.Paths), 1)]
			}
			if small, err := json.Marshal(doc); err == nil {
				f.Add(small)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, enc := range Encoders(Options{Top: 3}) {
			var buf bytes.Buffer
			if err := enc.Encode(&buf, doc); err != nil {
				t.Fatalf("%s encoder failed on a decodable report: %v", enc.ID(), err)
			}
			switch enc.ID() {
			case "sarif":
				if !json.Valid(buf.Bytes()) {
					t.Fatalf("sarif output is not JSON")
				}
			case "html":
				if _, err := html.Parse(bytes.NewReader(buf.Bytes())); err != nil {
					t.Fatalf("html output does not parse: %v", err)
				}
				if strings.Contains(strings.ToLower(buf.String()), "<script") {
					t.Fatalf("html output contains a script element")
				}
			}
		}
		// A failing writer must surface as an error, never a panic.
		for _, enc := range Encoders(Options{}) {
			if err := enc.Encode(failingWriter{}, doc); err == nil {
				t.Fatalf("%s encoder ignored a write error", enc.ID())
			}
		}
	})
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }
