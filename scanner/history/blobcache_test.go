package history

import (
	"testing"

	"github.com/frameshift/frameshift/scanner"
)

type mapCache map[string]*scanner.CachedFile

func (m mapCache) Get(k string) (*scanner.CachedFile, bool) { v, ok := m[k]; return v, ok }
func (m mapCache) Put(k string, v *scanner.CachedFile)      { m[k] = v }

// TestBlobCacheCounts: a blob analysed twice at once (two files of one commit
// with the same new content) is one blob, and reuse is every other visit, so
// the counts do not depend on the workers' timing.
func TestBlobCacheCounts(t *testing.T) {
	next := mapCache{"on-disk": {}}
	b := &blobCache{next: next}
	// Two workers miss a at once and both analyse it; the disk serves its
	// entry; b is new.
	for _, k := range []string{"a", "a", "b"} {
		if _, ok := b.Get(k); ok {
			t.Fatalf("%s found before it was stored", k)
		}
	}
	b.Put("a", &scanner.CachedFile{})
	b.Put("a", &scanner.CachedFile{})
	b.Put("b", &scanner.CachedFile{})
	if _, ok := b.Get("on-disk"); !ok {
		t.Fatal("the next cache's entry was not served")
	}
	for _, k := range []string{"a", "b", "on-disk", "a"} { // later commits: all served
		if _, ok := b.Get(k); !ok {
			t.Fatalf("%s not served", k)
		}
	}
	if got := b.misses.Load(); got != 3 {
		t.Errorf("blobs = %d, want 3 (a, b and the disk's)", got)
	}
	if got := b.lookups.Load() - b.misses.Load(); got != 5 {
		t.Errorf("reused = %d, want 5 (8 visits, 3 blobs)", got)
	}
	if _, ok := next["b"]; !ok {
		t.Error("a fresh result was not passed to the next cache")
	}
}
