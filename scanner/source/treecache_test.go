package source

import (
	"context"
	"testing"

	"github.com/go-git/go-billy/v5/util"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"

	"github.com/frameshift/frameshift/scanner/walk"
)

// listAll walks fsys and returns each file's id and size.
func listAll(t *testing.T, fsys walk.FS) map[string]walk.File {
	t.Helper()
	got := map[string]walk.File{}
	err := walk.Walk(context.Background(), fsys, walk.Options{}, func(f walk.File) error {
		got[f.Path] = f
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestTreeCacheSharesFolders reads two commits through one TreeCache: each
// lists what a TreeFS of its own lists, and a folder the second commit did not
// change is the first commit's, not read again.
func TestTreeCacheSharesFolders(t *testing.T) {
	repo, c1 := memRepo(t, map[string]string{
		"a.py":         "import torch\n",
		"pkg/m.py":     "import jax\n",
		"pkg/sub/n.py": "x = 1\n",
		"other/x.py":   "import keras\n",
	}, map[string]string{"alias": "pkg"})
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := util.WriteFile(wt.Filesystem, "pkg/m.py", []byte("import jax.numpy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c2 := commitAll(t, repo, "change pkg/m.py")

	cache := NewTreeCache()
	var shared []*TreeFS
	for _, c := range []struct {
		name string
		hash plumbing.Hash
	}{{"c1", c1}, {"c2", c2}} {
		fsys, err := cache.TreeFS(repo, c.hash)
		if err != nil {
			t.Fatal(err)
		}
		own, err := NewTreeFS(repo, c.hash)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(listAll(t, own), listAll(t, fsys)); diff != "" {
			t.Errorf("%s: shared listing differs from its own (-own +shared):\n%s", c.name, diff)
		}
		shared = append(shared, fsys.(*TreeFS))
	}
	dir := func(t *testing.T, fsys *TreeFS, p string) *treeDir {
		fsys.mu.Lock()
		defer fsys.mu.Unlock()
		d, err := fsys.dirAt(p)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, p := range []string{"other", "pkg/sub"} {
		if dir(t, shared[0], p) != dir(t, shared[1], p) {
			t.Errorf("unchanged folder %s was read again for the second commit", p)
		}
	}
	for _, p := range []string{"", "pkg"} {
		if dir(t, shared[0], p) == dir(t, shared[1], p) {
			t.Errorf("changed folder %q is shared between the commits", p)
		}
	}
}
