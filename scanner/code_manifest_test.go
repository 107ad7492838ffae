package scanner

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/walk"
)

// countingCache is an in-memory Cache that counts its traffic.
type countingCache struct {
	mu         sync.Mutex
	m          map[string]*CachedFile
	gets, hits int
}

func (c *countingCache) Get(k string) (*CachedFile, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	v, ok := c.m[k]
	if ok {
		c.hits++
	}
	return v, ok
}

func (c *countingCache) Put(k string, v *CachedFile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

// TestSetupPyCodeIsCached: a setup.py is a Python file and a manifest; its
// code's analysis comes from the cache on a rescan, with no parser made, and
// its dependencies are read again, so an edit of a file it names would show.
func TestSetupPyCodeIsCached(t *testing.T) {
	dir := t.TempDir()
	setup := "import torch\nfrom setuptools import setup\nsetup(name='x', install_requires=['torch>=2.1', 'jax'])\n"
	if err := os.WriteFile(filepath.Join(dir, "setup.py"), []byte(setup), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, err := walk.NewOSFS(dir)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cache := &countingCache{m: map[string]*CachedFile{}}
	keyer := newCacheKeyer(cache, cat.Digest(), "test")
	f := walk.File{Path: "setup.py", Size: int64(len(setup))}
	var results []*fileResult
	for run := 0; run < 2; run++ {
		w := &worker{cat: cat, filter: newPrefilter(cat.Roots(), settingNames()...), fsys: fsys, keyer: keyer}
		results = append(results, w.process(f))
		if run == 1 && w.fa != nil {
			t.Error("the rescan made a parser for a cached setup.py")
		}
		w.close()
	}
	if cache.hits != 1 {
		t.Errorf("cache hits = %d, want 1 (the rescan)", cache.hits)
	}
	for run, res := range results {
		if res.skip != nil {
			t.Fatalf("run %d: skipped: %+v", run, res.skip)
		}
		if len(res.deps) != 2 {
			t.Errorf("run %d: %d dependencies, want 2 (read every time)", run, len(res.deps))
		}
		if len(res.findings) == 0 {
			t.Errorf("run %d: no findings for import torch", run)
		}
	}
	if len(results[0].findings) != len(results[1].findings) {
		t.Errorf("findings: %d then %d", len(results[0].findings), len(results[1].findings))
	}
}
