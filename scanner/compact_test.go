package scanner

import (
	"slices"
	"testing"

	"github.com/frameshift/frameshift/scanner/walk"
)

// TestCompactEntries: a compact entry counts as its full entry does, serves
// counted lookups only, and is a miss to a lookup that needs findings.
func TestCompactEntries(t *testing.T) {
	cell := 1
	full := &CachedFile{
		Report: &FileReport{Kind: "python", Lines: 9, Findings: 4, Frameworks: []string{"pytorch", "tensorflow"}},
		Findings: []Finding{
			{Rule: "a", Framework: "pytorch", Era: "pytorch", Category: "ops"},
			{Rule: "b", Framework: "tensorflow", Era: "tf1", Category: "graph-mode"},
			{Rule: "a", Framework: "pytorch", Era: "pytorch", Category: "ops"},
			{Rule: "c", Framework: "pytorch", Era: "pytorch", Category: "model", Cell: &cell},
		},
		Classes: []CachedClass{{Name: "Net", Bases: []string{"torch.nn.Module"}, Line: 3, Column: 1, Text: "class Net(nn.Module):"}},
	}
	compact := full.Compact()
	if !compact.IsCompact() || compact.Findings != nil || full.IsCompact() {
		t.Fatal("Compact did not make a separate entry without findings")
	}
	if compact.Compact() != compact {
		t.Error("compacting a compact entry made another")
	}
	want, got := full.restoreCounts("x.py"), compact.restoreCounts("x.py")
	if !slices.Equal(want.counts, got.counts) || len(got.classes) != 1 || got.report.Path != "x.py" {
		t.Errorf("counts %v, want %v; classes %d", got.counts, want.counts, len(got.classes))
	}
	empty := &CachedFile{Report: &FileReport{Kind: "python"}}
	if empty.Compact() != empty {
		t.Error("an entry without findings was copied")
	}

	cache := &countingCache{m: map[string]*CachedFile{}}
	keyer := newCacheKeyer(cache, "digest", "test")
	f := walk.File{Path: "x.py", ID: "blob"}
	_, key := keyer.lookupBlob(f, kindPython)
	cache.m[key] = compact
	if res, _ := keyer.lookupBlob(f, kindPython); res != nil {
		t.Error("a lookup that needs findings was served a compact entry")
	}
	keyer.counted = true
	if res, _ := keyer.lookupBlob(f, kindPython); res == nil || !res.counted {
		t.Error("a counted lookup was not served the compact entry")
	}
}
