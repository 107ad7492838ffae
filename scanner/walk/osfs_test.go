package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(DirEntry{}, "Stamp")); diff != "" {
			t.Errorf("ReadDir (-want +got):\n%s", diff)
		}
		for _, e := range got {
			if e.Type != TypeFile && e.Stamp.Known() {
				t.Errorf("%s: a stamp on a %v", e.Name, e.Type)
			}
			if e.Type == TypeFile && runtime.GOOS == "linux" && (e.Stamp.Size != e.Size || e.Stamp.ModNs == 0 || e.Stamp.Inode == 0) {
				t.Errorf("%s: stamp %+v", e.Name, e.Stamp)
			}
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

// TestOSFSReadsThroughListedFolders reads files after their folders were listed,
// which ReadFile serves from the folder's own handle: the content and the
// refusals must be those of a read through the root, for links that leave the
// folder, links that leave the root, and folders no longer kept open.
func TestOSFSReadsThroughListedFolders(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.py"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"pkg/a.py": "hello", "pkg/sub/b.py": "bee", "other/c.py": "sea"}
	for i := 0; i < 2*maxOpenFolders; i++ {
		files[fmt.Sprintf("many/d%02d/f.py", i)] = fmt.Sprint(i)
	}
	root := tree{
		files: files,
		links: map[string]string{
			"pkg/up.py":      "../other/c.py",
			"pkg/here.py":    "a.py",
			"pkg/out.py":     filepath.Join(outside, "secret.py"),
			"pkg/sub/top.py": "../../other/c.py",
		},
	}.build(t)
	fsys := mustOSFS(t, root).(*OSFS)
	var listAll func(dir string)
	listAll = func(dir string) {
		entries, err := fsys.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.Type == TypeDir {
				listAll(join(dir, e.Name))
			}
		}
	}
	listAll("")
	want := map[string]string{
		"pkg/a.py": "hello", "pkg/up.py": "sea", "pkg/here.py": "hello",
		"pkg/sub/b.py": "bee", "pkg/sub/top.py": "sea", "other/c.py": "sea",
	}
	for k, v := range files {
		want[k] = v
	}
	var wg sync.WaitGroup
	for p, content := range want {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := fsys.ReadFile(p)
			if err != nil || string(got) != content {
				t.Errorf("ReadFile(%s) = %q, %v; want %q", p, got, err, content)
			}
			// Into a buffer too small, then into one large enough.
			buf := make([]byte, 0, 2)
			for range 2 {
				got, err := fsys.ReadFileInto(p, buf)
				if err != nil || string(got) != content {
					t.Errorf("ReadFileInto(%s) = %q, %v; want %q", p, got, err, content)
				}
				buf = got[:0]
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		listAll("many") // evicts folders while the reads run
	}()
	wg.Wait()
	if got, err := fsys.ReadFile("pkg/out.py"); err == nil {
		t.Errorf("ReadFile through a link out of the root read %q", got)
	}
	for _, p := range []string{"pkg/out.py", "pkg/missing.py", "pkg/sub"} {
		_, want := fsys.ReadFile(p)
		_, got := fsys.ReadFileInto(p, nil)
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Errorf("ReadFileInto(%s) error %v, want ReadFile's %v", p, got, want)
		}
	}
	if _, err := fsys.ReadFile("pkg/missing.py"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v, want fs.ErrNotExist", err)
	}
	if len(fsys.open) > maxOpenFolders {
		t.Errorf("%d folders kept open, want at most %d", len(fsys.open), maxOpenFolders)
	}
	if err := fsys.Close(); err != nil {
		t.Fatal(err)
	}
	if len(fsys.open) != 0 {
		t.Errorf("%d folders still open after Close", len(fsys.open))
	}
}

func TestStampsFollowChanges(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are given on Linux only")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.py")
	stampNow := func() Stamp {
		t.Helper()
		fsys := mustOSFS(t, dir)
		ents, err := fsys.ReadDir("")
		if err != nil || len(ents) != 1 {
			t.Fatalf("ReadDir: %v %v", ents, err)
		}
		return ents[0].Stamp
	}
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("import torch\n")
	first := stampNow()
	if second := stampNow(); second != first {
		t.Fatalf("an unchanged file's stamp moved: %+v then %+v", first, second)
	}
	// The same size, rewritten: the modification time must tell.
	write("import jax00\n")
	if now := stampNow(); now == first {
		t.Fatal("a rewritten file kept its stamp")
	}
	// Replaced by a rename with old times restored: the inode and change time
	// must tell.
	before := stampNow()
	tmp := filepath.Join(dir, ".a.tmp")
	if err := os.WriteFile(tmp, []byte("import tf0000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mt := time.Unix(0, before.ModNs)
	if err := os.Chtimes(tmp, mt, mt); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	if now := stampNow(); now == before {
		t.Fatal("a file replaced by a rename kept its stamp")
	}
}
