package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

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

// TestJSONEncoderChunks holds the chunked encoding to encoding/json's bytes at
// the chunk boundaries, and stops cleanly when the writer fails.
func TestJSONEncoderChunks(t *testing.T) {
	before := runtime.NumGoroutine()
	defer func() {
		// Every encoding goroutine ends, after a failed write too.
		deadline := time.Now().Add(5 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			t.Errorf("%d goroutines left running", n-before)
		}
	}()
	for _, n := range []int{1, findingsPerChunk - 1, findingsPerChunk, findingsPerChunk + 1, 3*findingsPerChunk + 17} {
		findings := make([]scanner.Finding, n)
		for i := range findings {
			findings[i] = scanner.Finding{Rule: "r.x", Framework: "pytorch", Symbol: "torch.zeros", Kind: scanner.KindCall,
				File: "f.py", Line: i + 1, Column: 1, Fingerprint: strconv.Itoa(i)}
		}
		doc := &Document{Inventory: &scanner.Inventory{SchemaVersion: scanner.SchemaVersion, Findings: findings}}
		var got, want bytes.Buffer
		if err := (JSONEncoder{}).Encode(&got, doc); err != nil {
			t.Fatal(err)
		}
		if err := encodeIndented(&want, doc); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%d findings: the chunked report differs from encoding/json", n)
		}
		for _, limit := range []int{10, want.Len() / 2} {
			w := &writerFailingAfter{limit: limit}
			if err := (JSONEncoder{}).Encode(w, doc); err == nil {
				t.Fatalf("%d findings: no error from a writer that fails after %d bytes", n, limit)
			}
		}
	}
}

// writerFailingAfter accepts limit bytes, then fails.
type writerFailingAfter struct{ limit, n int }

func (w *writerFailingAfter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.n += len(p)
	return len(p), nil
}
