package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

// FuzzAppendFinding holds the hand-written finding encoder to encoding/json's bytes.
func FuzzAppendFinding(f *testing.F) {
	f.Add("tf1.session", "tensorflow.compat.v1.Session", "a/b.py", 3, 7, -1, "", "ab12", "")
	f.Add("x\"y", "<&>\u2028\x01é\xff", "ü/\\.py", 0, -4, 2, "tf.keras.Input", "", "new")
	f.Fuzz(func(t *testing.T, rule, symbol, file string, line, col, cell int, repl, fp, base string) {
		fd := scanner.Finding{Rule: rule, Framework: "pytorch", Era: "e", Category: "c", Symbol: symbol, Kind: scanner.KindCall,
			File: file, Line: line, Column: col, Replacement: repl, Fingerprint: fp, Baseline: base}
		if cell >= 0 {
			fd.Cell = &cell
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("    ", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(&fd); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendFinding(nil, &fd); !bytes.Equal(got, want) {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// TestAppendFindingKnowsEveryField fails when Finding gains a field that the
// hand-written encoder does not write.
func TestAppendFindingKnowsEveryField(t *testing.T) {
	known := map[string]bool{"Rule": true, "Framework": true, "Era": true, "Category": true, "Symbol": true,
		"Kind": true, "File": true, "Line": true, "Column": true, "Cell": true, "Replacement": true,
		"Fingerprint": true, "Baseline": true}
	typ := reflect.TypeOf(scanner.Finding{})
	for i := 0; i < typ.NumField(); i++ {
		if !known[typ.Field(i).Name] {
			t.Errorf("scanner.Finding.%s is not written by appendFinding", typ.Field(i).Name)
		}
	}
}

func TestJSONEncoderMatchesEncodingJSON(t *testing.T) {
	cell := 2
	doc := &Document{Inventory: &scanner.Inventory{SchemaVersion: scanner.SchemaVersion, Findings: []scanner.Finding{
		{Rule: "a.b", Framework: "jax", Symbol: "jax.jit", Kind: scanner.KindDecorator, File: "x.py", Line: 1, Column: 2, Fingerprint: "f"},
		{Rule: "c.d", Framework: "keras", Symbol: "KERAS_BACKEND.torch", Kind: scanner.KindConfig, File: "n.ipynb", Line: 3, Column: 1, Cell: &cell, Baseline: "new"},
	}}}
	var got, want bytes.Buffer
	if err := (JSONEncoder{}).Encode(&got, doc); err != nil {
		t.Fatal(err)
	}
	if err := encodeIndented(&want, doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatalf("streamed report differs from encoding/json:\n%s\nwant\n%s", got.String(), want.String())
	}
}
