package walk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree describes a folder to build on disk: files by slash path (content), and
// symlinks by slash path (target, as written into the link).
type tree struct {
	files map[string]string
	links map[string]string
}

func (tr tree) build(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range tr.files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for p, target := range tr.links {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(strings.ReplaceAll(target, "$ROOT", root), full); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// walkResult is what a walk reported, in order.
type walkResult struct {
	Visited []string
	Skipped []Skipped
}

func collect(t testing.TB, fsys FS, opts Options) walkResult {
	t.Helper()
	var res walkResult
	err := Walk(context.Background(), fsys, opts, func(f File) error {
		res.Visited = append(res.Visited, f.Path)
		return nil
	}, func(s Skipped) {
		res.Skipped = append(res.Skipped, s)
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return res
}

func pyOnly(p string) bool { return strings.HasSuffix(p, ".py") }

func mustOSFS(t testing.TB, root string) FS {
	t.Helper()
	fsys, err := NewOSFS(root)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fsys.(*OSFS).Close() })
	return fsys
}
