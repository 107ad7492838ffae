package source

import (
	"context"
	"path/filepath"
	"testing"

	git "github.com/go-git/go-git/v5"
)

// TestOpenBareRepositoryByPath opens a bare repository named directly, which
// go-git's .git detection alone misses: at a ref, and at HEAD without one.
func TestOpenBareRepositoryByPath(t *testing.T) {
	r := newTestRepo(t)
	bare := filepath.Join(t.TempDir(), "project.git")
	if _, err := git.PlainClone(bare, true, &git.CloneOptions{URL: r.fileURL()}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref, commit, file, content string
	}{
		{"v0.1", r.c1.String(), "pkg/a.py", "v1\n"},
		{"", r.c2.String(), "alias/a.py", "v2\n"}, // pkg/a.py is met first through the link
	} {
		src, err := Open(context.Background(), bare, Options{Ref: tt.ref})
		if err != nil {
			t.Fatalf("Open(%s, ref %q): %v", bare, tt.ref, err)
		}
		if info := src.Info(); info.Kind != KindGit || info.Commit != tt.commit {
			t.Errorf("ref %q: Info = %+v, want a git source at %s", tt.ref, info, tt.commit)
		}
		if got := contents(t, src)[tt.file]; got != tt.content {
			t.Errorf("ref %q: %s = %q, want %q", tt.ref, tt.file, got, tt.content)
		}
		if err := src.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
