// Package golden compares what an encoder writes with a golden file, for the tests
// of report and report/portfolio: the same bytes twice in a row, then the same
// bytes as testdata/<case>.<ext>.golden. UPDATE_GOLDEN=1 rewrites the files
// instead, for an intended change of output; review their diff.
//
// It is an ordinary package rather than test code because test code cannot be
// shared across packages; only tests import it.
package golden

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// exts maps a format name to its golden file's extension.
var exts = map[string]string{
	"table": "txt", "json": "json", "sarif": "sarif", "markdown": "md", "html": "html", "csv": "csv",
}

// Path is the golden file of one case in one format, under testdata. It fails the
// test for a format with no extension yet: add it to exts.
func Path(t testing.TB, name, format string) string {
	t.Helper()
	ext, ok := exts[format]
	if !ok {
		t.Fatalf("no golden extension for format %s: add it to report/internal/golden", format)
	}
	return filepath.Join("testdata", name+"."+ext+".golden")
}

// Check runs encode twice and compares its output with the golden file at path.
// Encoding twice must give the same bytes: nothing may depend on map order, time
// or randomness. pkg is the package pattern that regenerates the file
// ("./report/..."), for the message.
func Check(t testing.TB, path, pkg string, encode func(io.Writer) error) {
	t.Helper()
	var buf, again bytes.Buffer
	if err := encode(&buf); err != nil {
		t.Fatalf("encode: %v", err)
	}
	if err := encode(&again); err != nil {
		t.Fatalf("encode again: %v", err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("two encodings of the same input differ")
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden: %v (create it with UPDATE_GOLDEN=1 go test %s)", err, pkg)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got); if the change is intended, run UPDATE_GOLDEN=1 go test %s\n%s", path, pkg, diff)
	}
}
