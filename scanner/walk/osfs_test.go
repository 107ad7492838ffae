package walk

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNewOSFSErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f.py")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		root    string
		wantErr string
	}{
		{"missing", filepath.Join(dir, "nope"), "open folder " + filepath.Join(dir, "nope") + ": no such file or directory"},
		{"a file", file, "open folder " + file + ": not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewOSFS(tt.root)
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("NewOSFS error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestOSFS(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.py"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := tree{
		files: map[string]string{"pkg/a.py": "hello", "b.py": "x", "empty/": ""},
		links: map[string]string{"alias": "pkg", "out": outside, "deep/link.py": "../alias/a.py"},
	}.build(t)
	// Reach the folder through a symlink: containment is checked against the
	// resolved root, so links inside stay inside.
	viaLink := filepath.Join(t.TempDir(), "root-link")
	if err := os.Symlink(root, viaLink); err != nil {
		t.Fatal(err)
	}
	fsys := mustOSFS(t, viaLink)

	t.Run("ReadDir does not follow links", func(t *testing.T) {
		got, err := fsys.ReadDir("")
		if err != nil {
			t.Fatal(err)
		}
		want := []DirEntry{
			{Name: "alias", Type: TypeSymlink},
			{Name: "b.py", Type: TypeFile, Size: 1},
			{Name: "deep", Type: TypeDir},
			{Name: "empty", Type: TypeDir},
			{Name: "out", Type: TypeSymlink},
			{Name: "pkg", Type: TypeDir},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ReadDir (-want +got):\n%s", diff)
		}
	})
	t.Run("ReadFile through an inside link", func(t *testing.T) {
		got, err := fsys.ReadFile("deep/link.py")
		if err != nil || string(got) != "hello" {
			t.Fatalf("ReadFile = %q, %v; want hello", got, err)
		}
	})
	t.Run("ReadFile refuses to leave the root", func(t *testing.T) {
		if got, err := fsys.ReadFile("out/secret.py"); err == nil {
			t.Fatalf("ReadFile through an outside link read %q", got)
		}
		if got, err := fsys.ReadFile("../" + filepath.Base(outside) + "/secret.py"); err == nil {
			t.Fatalf("ReadFile of a parent path read %q", got)
		}
	})
	tests := []struct {
		path    string
		target  string
		typ     EntryType
		size    int64
		ok      bool
		wantErr error
	}{
		{path: "alias", target: "pkg", typ: TypeDir, ok: true},
		{path: "deep/link.py", target: "pkg/a.py", typ: TypeFile, size: 5, ok: true},
		{path: "out", typ: TypeDir, ok: false},
		{path: "missing", typ: TypeOther, ok: false, wantErr: fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run("Resolve "+tt.path, func(t *testing.T) {
			target, typ, size, ok, err := fsys.Resolve(tt.path)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Resolve error = %v, want %v", err, tt.wantErr)
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
	t.Run("Resolve reports loops", func(t *testing.T) {
		if err := os.Symlink("self", filepath.Join(root, "self")); err != nil {
			t.Fatal(err)
		}
		_, _, _, ok, err := fsys.Resolve("self")
		if ok || !errors.Is(err, ErrSymlinkLoop) {
			t.Fatalf("Resolve(self) ok=%v err=%v, want ErrSymlinkLoop", ok, err)
		}
		if strings.Contains(err.Error(), root) {
			t.Errorf("error %q names the absolute path", err)
		}
	})
}
