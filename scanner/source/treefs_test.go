package source

import (
	"errors"
	"io/fs"
	"sync"
	"testing"

	"github.com/go-git/go-billy/v5/memfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"
	"github.com/google/go-cmp/cmp"

	"github.com/frameshift/frameshift/scanner/walk"
)

// memRepo commits files and symlinks (by slash path) to an in-memory repository.
func memRepo(t testing.TB, files, links map[string]string) (*git.Repository, plumbing.Hash) {
	t.Helper()
	wfs := memfs.New()
	repo, err := git.Init(memory.NewStorage(), wfs)
	if err != nil {
		t.Fatal(err)
	}
	for p, content := range files {
		f, err := wfs.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	for p, target := range links {
		if err := wfs.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	return repo, commitAll(t, repo, "tree")
}

func blobID(content string) string {
	return plumbing.ComputeHash(plumbing.BlobObject, []byte(content)).String()
}

// countingStore counts blob reads, to prove sizes come from object headers.
type countingStore struct {
	storer.EncodedObjectStorer
	mu        sync.Mutex
	blobReads int
}

func (c *countingStore) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := c.EncodedObjectStorer.EncodedObject(t, h)
	if err == nil && obj.Type() == plumbing.BlobObject {
		c.mu.Lock()
		c.blobReads++
		c.mu.Unlock()
	}
	return obj, err
}

var treeFiles = map[string]string{
	"a.py":          "import torch\n",
	"pkg/m.py":      "import jax\n",
	"pkg/sub/n.py":  "x = 1\n",
	"pkg-extra.txt": "git sorts me before pkg/",
}

var treeLinks = map[string]string{
	"alias":        "pkg",
	"deep.py":      "alias/sub/n.py",
	"dotdot.py":    "pkg/sub/../m.py",
	"up.py":        "../outside.py",
	"abs.py":       "/etc/passwd",
	"self.py":      "self.py",
	"ping":         "pong",
	"pong":         "ping",
	"gone.py":      "missing.py",
	"pkg/back.py":  "../a.py",
	"pkg/root":     "..",
	"through.py":   "a.py/x",
	"pkg/sub/up2":  "../../..",
	"chain.py":     "deep.py",
	"pkg/sibling":  "sub",
	"pkg/parent":   "../pkg",
	"pkg/sub/loop": ".",
}

func TestTreeFSReadDir(t *testing.T) {
	repo, commit := memRepo(t, treeFiles, treeLinks)
	c, err := repo.CommitObject(commit)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := c.Tree()
	if err != nil {
		t.Fatal(err)
	}
	store := &countingStore{EncodedObjectStorer: repo.Storer}
	fsys := NewTreeFSFromTree(store, tree)

	got, err := fsys.ReadDir("")
	if err != nil {
		t.Fatal(err)
	}
	want := []walk.DirEntry{
		{Name: "a.py", Type: walk.TypeFile, Size: 13, ID: blobID("import torch\n")},
		{Name: "abs.py", Type: walk.TypeSymlink},
		{Name: "alias", Type: walk.TypeSymlink},
		{Name: "chain.py", Type: walk.TypeSymlink},
		{Name: "deep.py", Type: walk.TypeSymlink},
		{Name: "dotdot.py", Type: walk.TypeSymlink},
		{Name: "gone.py", Type: walk.TypeSymlink},
		{Name: "ping", Type: walk.TypeSymlink},
		{Name: "pkg", Type: walk.TypeDir},
		{Name: "pkg-extra.txt", Type: walk.TypeFile, Size: 24, ID: blobID("git sorts me before pkg/")},
		{Name: "pong", Type: walk.TypeSymlink},
		{Name: "self.py", Type: walk.TypeSymlink},
		{Name: "through.py", Type: walk.TypeSymlink},
		{Name: "up.py", Type: walk.TypeSymlink},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadDir (-want +got):\n%s", diff)
	}
	if _, err := fsys.ReadDir("pkg/sub"); err != nil {
		t.Fatal(err)
	}
	if store.blobReads != 0 {
		t.Errorf("listing read %d blobs to size files, want 0", store.blobReads)
	}
	viaLink, err := fsys.ReadDir("alias/sub")
	if err != nil {
		t.Fatalf("ReadDir through a link: %v", err)
	}
	if len(viaLink) != 3 || viaLink[1].Name != "n.py" {
		t.Errorf("ReadDir(alias/sub) = %v", viaLink)
	}
	if _, err := fsys.ReadDir("a.py"); err == nil {
		t.Error("ReadDir of a file succeeded")
	}
	if _, err := fsys.ReadDir("nope"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadDir(nope) = %v, want ErrNotExist", err)
	}
}

func TestTreeFSResolve(t *testing.T) {
	repo, commit := memRepo(t, treeFiles, treeLinks)
	fsys, err := NewTreeFS(repo, commit)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		target  string
		typ     walk.EntryType
		size    int64
		ok      bool
		wantErr error
	}{
		{path: "alias", target: "pkg", typ: walk.TypeDir, ok: true},
		{path: "deep.py", target: "pkg/sub/n.py", typ: walk.TypeFile, size: 6, ok: true},
		{path: "chain.py", target: "pkg/sub/n.py", typ: walk.TypeFile, size: 6, ok: true},
		{path: "dotdot.py", target: "pkg/m.py", typ: walk.TypeFile, size: 11, ok: true},
		{path: "pkg/back.py", target: "a.py", typ: walk.TypeFile, size: 13, ok: true},
		{path: "pkg/root", target: "", typ: walk.TypeDir, ok: true},
		{path: "pkg/sibling", target: "pkg/sub", typ: walk.TypeDir, ok: true},
		{path: "pkg/parent", target: "pkg", typ: walk.TypeDir, ok: true},
		{path: "pkg/sub/loop", target: "pkg/sub", typ: walk.TypeDir, ok: true},
		{path: "alias/sub/n.py", target: "pkg/sub/n.py", typ: walk.TypeFile, size: 6, ok: true},
		{path: "up.py", typ: walk.TypeOther},
		{path: "abs.py", typ: walk.TypeOther},
		{path: "pkg/sub/up2", typ: walk.TypeOther},
		{path: "self.py", wantErr: walk.ErrSymlinkLoop},
		{path: "ping", wantErr: walk.ErrSymlinkLoop},
		{path: "gone.py", wantErr: fs.ErrNotExist},
		{path: "through.py", wantErr: fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			target, typ, size, ok, err := fsys.Resolve(tt.path)
			if tt.wantErr != nil {
				if ok || !errors.Is(err, tt.wantErr) {
					t.Fatalf("Resolve ok=%v err=%v, want %v", ok, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if target != tt.target || typ != tt.typ || size != tt.size || ok != tt.ok {
				t.Errorf("Resolve = %q %v %d %v, want %q %v %d %v", target, typ, size, ok, tt.target, tt.typ, tt.size, tt.ok)
			}
		})
	}
}

func TestTreeFSReadFile(t *testing.T) {
	repo, commit := memRepo(t, treeFiles, treeLinks)
	fsys, err := NewTreeFS(repo, commit)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path    string
		want    string
		wantErr error
	}{
		{path: "a.py", want: "import torch\n"},
		{path: "alias/sub/n.py", want: "x = 1\n"},
		{path: "deep.py", want: "x = 1\n"},
		{path: "pkg/root/pkg/m.py", want: "import jax\n"},
		{path: "missing.py", wantErr: fs.ErrNotExist},
		{path: "up.py", wantErr: errOutside},
		{path: "self.py", wantErr: walk.ErrSymlinkLoop},
		{path: "pkg"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := fsys.ReadFile(tt.path)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("ReadFile read %q, want an error", got)
				}
				if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
					t.Fatalf("ReadFile error %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("ReadFile = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestTreeFSSubmoduleIsOther(t *testing.T) {
	store := memory.NewStorage()
	blob := store.NewEncodedObject()
	blob.SetType(plumbing.BlobObject)
	w, _ := blob.Writer()
	w.Write([]byte("x\n"))
	w.Close()
	blobHash, err := store.SetEncodedObject(blob)
	if err != nil {
		t.Fatal(err)
	}
	tree := &object.Tree{Entries: []object.TreeEntry{
		{Name: "a.py", Mode: filemode.Executable, Hash: blobHash},
		{Name: "vendor", Mode: filemode.Submodule, Hash: plumbing.NewHash("1111111111111111111111111111111111111111")},
	}}
	fsys := NewTreeFSFromTree(store, tree)
	got, err := fsys.ReadDir("")
	if err != nil {
		t.Fatal(err)
	}
	want := []walk.DirEntry{
		{Name: "a.py", Type: walk.TypeFile, Size: 2, ID: blobHash.String()},
		{Name: "vendor", Type: walk.TypeOther},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadDir (-want +got):\n%s", diff)
	}
	if _, err := fsys.ReadFile("vendor"); err == nil {
		t.Error("ReadFile of a submodule succeeded")
	}
}

// The scanner reads files from several workers at once.
func TestTreeFSConcurrentReads(t *testing.T) {
	repo, commit := memRepo(t, treeFiles, treeLinks)
	fsys, err := NewTreeFS(repo, commit)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range []string{"a.py", "alias/sub/n.py", "pkg/m.py", "deep.py"} {
				if _, err := fsys.ReadFile(p); err != nil {
					errs <- err
				}
				if _, err := fsys.ReadDir("pkg"); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestWalkTreeFS(t *testing.T) {
	repo, commit := memRepo(t, treeFiles, treeLinks)
	fsys, err := NewTreeFS(repo, commit)
	if err != nil {
		t.Fatal(err)
	}
	var visited []walk.File
	var skipped []walk.Skipped
	err = walk.Walk(t.Context(), fsys, walk.Options{}, func(f walk.File) error {
		visited = append(visited, f)
		return nil
	}, func(s walk.Skipped) { skipped = append(skipped, s) })
	if err != nil {
		t.Fatal(err)
	}
	wantVisited := []walk.File{
		{Path: "a.py", Size: 13, ID: blobID("import torch\n")},
		{Path: "alias/m.py", Size: 11, ID: blobID("import jax\n")},
		{Path: "alias/sibling/n.py", Size: 6, ID: blobID("x = 1\n")},
		{Path: "pkg-extra.txt", Size: 24, ID: blobID("git sorts me before pkg/")},
	}
	if diff := cmp.Diff(wantVisited, visited); diff != "" {
		t.Errorf("visited (-want +got):\n%s", diff)
	}
	wantSkipped := []walk.Skipped{
		{Path: "abs.py", Code: "symlink", Reason: "points outside the scanned folder"},
		{Path: "alias/back.py", Code: "symlink", Reason: "duplicate of a.py"},
		{Path: "alias/parent/", Code: "symlink", Reason: "symlink loop"},
		{Path: "alias/root/", Code: "symlink", Reason: "symlink loop"},
		{Path: "alias/sibling/loop/", Code: "symlink", Reason: "symlink loop"},
		{Path: "alias/sibling/up2", Code: "symlink", Reason: "points outside the scanned folder"},
		{Path: "alias/sub/", Code: "symlink", Reason: "already scanned at alias/sibling/"},
		{Path: "chain.py", Code: "symlink", Reason: "duplicate of alias/sibling/n.py"},
		{Path: "deep.py", Code: "symlink", Reason: "duplicate of alias/sibling/n.py"},
		{Path: "dotdot.py", Code: "symlink", Reason: "duplicate of alias/m.py"},
		{Path: "gone.py", Code: "symlink", Reason: "broken symlink: its target does not exist"},
		{Path: "ping", Code: "symlink", Reason: "symlink loop"},
		{Path: "pkg/", Code: "symlink", Reason: "already scanned at alias/"},
		{Path: "pong", Code: "symlink", Reason: "symlink loop"},
		{Path: "self.py", Code: "symlink", Reason: "symlink loop"},
		{Path: "through.py", Code: "symlink", Reason: "broken symlink: its target does not exist"},
		{Path: "up.py", Code: "symlink", Reason: "points outside the scanned folder"},
	}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
}
