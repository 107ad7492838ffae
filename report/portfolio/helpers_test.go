package portfolio

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/frameshift/frameshift/report"
)

// fixtureNames are the scenario repositories whose real reports the portfolio is
// tested on (fixtures/<name>/expected/scan.json, written by the scanner).
var fixtureNames = []string{
	"tf1-graph", "tf2-keras", "pytorch", "jax-flax", "mixed-monorepo", "tfx-pipeline", "broken-inputs",
}

// fixtureReport reads a fixture's report and gives it a commit, as a git scan of
// the fixture would have (the stored report redacts it).
func fixtureReport(t testing.TB, name string) *report.Document {
	t.Helper()
	data := fixtureBytes(t, name)
	doc, _, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read fixture report %s: %v", name, err)
	}
	if doc.Estimate == nil {
		t.Fatalf("fixture report %s has no estimate", name)
	}
	doc.Inventory.Source.Commit = fakeCommit(name)
	return doc
}

// fixtureBytes reads the frozen copy of a fixture's report, so that the goldens
// test the roll-up, not the scanner or the estimator of the day. Refresh the
// copies from fixtures/ with UPDATE_FROZEN_REPORTS=1 (then UPDATE_GOLDEN=1).
func fixtureBytes(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(frozenPath(name))
	if err != nil {
		t.Fatalf("read frozen fixture report: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("read frozen fixture report %s: %v", name, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("read frozen fixture report %s: %v", name, err)
	}
	return data
}

func frozenPath(name string) string {
	return filepath.Join("testdata", "reports", name+".json.gz")
}

// TestRefreshFrozenReports copies the fixtures' current reports into testdata
// when UPDATE_FROZEN_REPORTS is set; otherwise it checks the copies are there.
func TestRefreshFrozenReports(t *testing.T) {
	for _, name := range fixtureNames {
		if os.Getenv("UPDATE_FROZEN_REPORTS") == "" {
			if _, err := os.Stat(frozenPath(name)); err != nil {
				t.Errorf("frozen report missing: %v (run UPDATE_FROZEN_REPORTS=1 go test ./report/portfolio/)", err)
			}
			continue
		}
		data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", name, "expected", "scan.json"))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		if _, err := zw.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(frozenPath(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(frozenPath(name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func fakeCommit(seed string) string {
	sum := sha1.Sum([]byte(seed))
	return hex.EncodeToString(sum[:])
}

// copyDoc deep-copies a report through JSON, so that a test can vary it.
func copyDoc(t testing.TB, doc *report.Document) *report.Document {
	t.Helper()
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	out, err := report.ReadJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// renamed is a copy of doc as the scan of another repository.
func renamed(t testing.TB, doc *report.Document, input, ref string) *report.Document {
	t.Helper()
	c := copyDoc(t, doc)
	c.Inventory.Source.Input = input
	c.Inventory.Source.Ref = ref
	c.Inventory.Source.Commit = fakeCommit(input + "@" + ref)
	return c
}

func mustBuild(t testing.TB, b *Builder) *Portfolio {
	t.Helper()
	p, err := b.Build()
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return p
}

func encodeJSON(t testing.TB, p *Portfolio) string {
	t.Helper()
	var buf bytes.Buffer
	if err := (JSONEncoder{}).Encode(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
