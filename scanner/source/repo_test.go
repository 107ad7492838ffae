package source

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// testRepo is a repository built on disk with go-git:
//
//	c1 (tag v0.1, light)   model.py, pkg/a.py "v1"
//	c2 (tag v1.0, annotated; master, HEAD)  pkg/a.py "v2", links, notes
//	c3 (branch feature)    feature.py
//
// and refs/remotes/origin/main pointing at c1.
type testRepo struct {
	dir        string
	repo       *git.Repository
	c1, c2, c3 plumbing.Hash
}

var testSig = object.Signature{Name: "Test", Email: "test@example.com", When: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}

func writeFile(t testing.TB, dir, p, content string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t testing.TB, dir, p, target string) {
	t.Helper()
	full := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, full); err != nil {
		t.Fatal(err)
	}
}

func commitAll(t testing.TB, repo *git.Repository, msg string) plumbing.Hash {
	t.Helper()
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &testSig, Committer: &testSig})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func newTestRepo(t testing.TB) *testRepo {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	r := &testRepo{dir: dir, repo: repo}

	writeFile(t, dir, "model.py", "import tensorflow as tf\n")
	writeFile(t, dir, "pkg/a.py", "v1\n")
	r.c1 = commitAll(t, repo, "first")
	if _, err := repo.CreateTag("v0.1", r.c1, nil); err != nil {
		t.Fatal(err)
	}

	writeFile(t, dir, "pkg/a.py", "v2\n")
	writeFile(t, dir, "notes/readme.txt", "hello\n")
	symlink(t, dir, "link.py", "pkg/a.py")
	symlink(t, dir, "alias", "pkg")
	symlink(t, dir, "out.py", "../outside.py")
	r.c2 = commitAll(t, repo, "second")
	if _, err := repo.CreateTag("v1.0", r.c2, &git.CreateTagOptions{Tagger: &testSig, Message: "release 1.0"}); err != nil {
		t.Fatal(err)
	}

	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName("feature"), Create: true}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "feature.py", "import torch\n")
	r.c3 = commitAll(t, repo, "feature")
	if err := wt.Checkout(&git.CheckoutOptions{Branch: plumbing.Master}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Storer.SetReference(plumbing.NewHashReference("refs/remotes/origin/main", r.c1)); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *testRepo) fileURL() string {
	return "file://" + filepath.ToSlash(r.dir)
}
