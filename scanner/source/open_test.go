package source

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/frameshift/frameshift/scanner/walk"
)

// contents walks a source and returns every visited file with its content.
func contents(t *testing.T, src Source) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := walk.Walk(context.Background(), src.FS(), walk.Options{}, func(f walk.File) error {
		data, err := src.FS().ReadFile(f.Path)
		if err != nil {
			return err
		}
		got[f.Path] = string(data)
		return nil
	}, nil)
	if err != nil {
		t.Fatalf("walk %s: %v", src.Info().Input, err)
	}
	return got
}

func TestOpenGit(t *testing.T) {
	r := newTestRepo(t)
	atC1 := map[string]string{"model.py": "import tensorflow as tf\n", "pkg/a.py": "v1\n"}
	atC2 := map[string]string{
		"alias/a.py":       "v2\n",
		"model.py":         "import tensorflow as tf\n",
		"notes/readme.txt": "hello\n",
	}
	atC3 := map[string]string{"feature.py": "import torch\n"}
	for k, v := range atC2 {
		atC3[k] = v
	}
	// pkg/a.py is reached first as alias/a.py and as link.py, so the walk
	// reports it as a duplicate; the tree still serves it.
	type want struct {
		commit   plumbing.Hash
		worktree bool
		files    map[string]string
	}
	tests := []struct {
		name  string
		input func() string
		ref   string
		want  want
	}{
		{"path, working tree", func() string { return r.dir }, "", want{r.c2, true, atC2}},
		{"path, light tag", func() string { return r.dir }, "v0.1", want{r.c1, false, atC1}},
		{"path, annotated tag", func() string { return r.dir }, "v1.0", want{r.c2, false, atC2}},
		{"path, branch", func() string { return r.dir }, "feature", want{r.c3, false, atC3}},
		{"path, remote branch", func() string { return r.dir }, "origin/main", want{r.c1, false, atC1}},
		{"path, full hash", func() string { return r.dir }, r.c1.String(), want{r.c1, false, atC1}},
		{"path, short hash", func() string { return r.dir }, r.c1.String()[:7], want{r.c1, false, atC1}},
		{"path, revision", func() string { return r.dir }, "HEAD~1", want{r.c1, false, atC1}},
		{"path, subfolder", func() string { return filepath.Join(r.dir, "pkg") }, "", want{r.c2, true, map[string]string{"a.py": "v2\n"}}},
		{"path, subfolder at tag", func() string { return filepath.Join(r.dir, "pkg") }, "v0.1", want{r.c1, false, map[string]string{"a.py": "v1\n"}}},
		{"url, default branch", r.fileURL, "", want{r.c2, false, atC2}},
		{"url, light tag", r.fileURL, "v0.1", want{r.c1, false, atC1}},
		{"url, annotated tag", r.fileURL, "v1.0", want{r.c2, false, atC2}},
		{"url, branch", r.fileURL, "feature", want{r.c3, false, atC3}},
		{"url, remote branch", r.fileURL, "origin/feature", want{r.c3, false, atC3}},
		{"url, full hash", r.fileURL, r.c1.String(), want{r.c1, false, atC1}},
		{"url, short hash", r.fileURL, r.c1.String()[:8], want{r.c1, false, atC1}},
		{"url, revision", r.fileURL, "HEAD~1", want{r.c1, false, atC1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := tt.input()
			src, err := Open(context.Background(), input, Options{Ref: tt.ref, TempDir: t.TempDir()})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer src.Close()
			wantInfo := Info{Input: input, Kind: KindGit, Ref: tt.ref, Commit: tt.want.commit.String(), Worktree: tt.want.worktree}
			if diff := cmp.Diff(wantInfo, src.Info()); diff != "" {
				t.Errorf("Info (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want.files, contents(t, src)); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if gs, ok := src.(GitSource); !ok || gs.Repository() == nil {
				t.Error("a git source does not expose its repository")
			}
		})
	}
}

func TestOpenDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "train.py", "import jax\n")
	src, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if diff := cmp.Diff(Info{Input: dir, Kind: KindDir}, src.Info()); diff != "" {
		t.Errorf("Info (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"train.py": "import jax\n"}, contents(t, src)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// A folder inside .git is not part of the repository's files: it is scanned as
// a plain folder.
func TestOpenInsideDotGit(t *testing.T) {
	r := newTestRepo(t)
	dir := filepath.Join(r.dir, ".git", "refs")
	src, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if got := src.Info().Kind; got != KindDir {
		t.Errorf("Kind = %q, want %q", got, KindDir)
	}
}

func TestOpenEmptyRepository(t *testing.T) {
	dir := t.TempDir()
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "draft.py", "import keras\n")

	src, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Info{Input: dir, Kind: KindGit, Worktree: true}, src.Info()); diff != "" {
		t.Errorf("Info (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"draft.py": "import keras\n"}, contents(t, src)); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	src.Close()

	url := "file://" + filepath.ToSlash(dir)
	src, err = Open(context.Background(), url, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Info{Input: url, Kind: KindGit}, src.Info()); diff != "" {
		t.Errorf("Info of the clone (-want +got):\n%s", diff)
	}
	if got := contents(t, src); len(got) != 0 {
		t.Errorf("an empty clone has files: %v", got)
	}
	src.Close()

	_, err = Open(context.Background(), dir, Options{Ref: "main"})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrUnknownRef) {
		t.Fatalf("Open at a ref of an empty repository: %v, want an unknown ref InputError", err)
	}
}

func TestOpenErrors(t *testing.T) {
	r := newTestRepo(t)
	plain := t.TempDir()
	file := filepath.Join(plain, "x.py")
	writeFile(t, plain, "x.py", "")
	missing := filepath.Join(plain, "nope")
	tests := []struct {
		name    string
		input   string
		ref     string
		wantMsg string
		wantIs  error
	}{
		{"missing path", missing, "", "scan " + missing + ": no such file or directory", fs.ErrNotExist},
		{"a file", file, "", "scan " + file + ": not a folder", nil},
		{"unknown ref in a path", r.dir, "v9", "unknown ref v9 in " + r.dir, ErrUnknownRef},
		{"bad revision in a path", r.dir, "~2", "unknown ref ~2 in " + r.dir, ErrUnknownRef},
		{"unknown ref in a url", r.fileURL(), "v9", "unknown ref v9 in " + r.fileURL(), ErrUnknownRef},
		{"unknown hash in a url", r.fileURL(), "deadbeef", "unknown ref deadbeef in " + r.fileURL(), ErrUnknownRef},
		{"ref of a plain folder", plain, "main", "scan " + plain + ": not a git repository, so ref main cannot be read", nil},
		{"missing repository", "file://" + filepath.ToSlash(missing), "", "scan file://" + filepath.ToSlash(missing) + ": repository not found", nil},
		{"empty input", "", "", `scan "": no folder or repository given`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Open(context.Background(), tt.input, Options{Ref: tt.ref, TempDir: t.TempDir()})
			if err == nil {
				src.Close()
				t.Fatal("Open succeeded")
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			if err.Error() != tt.wantMsg {
				t.Errorf("error = %q, want %q", err, tt.wantMsg)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
		})
	}
}

func TestCloseRemovesClone(t *testing.T) {
	r := newTestRepo(t)
	parent := t.TempDir()
	src, err := Open(context.Background(), r.fileURL(), Options{TempDir: parent})
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "frameshift-clone-") {
		t.Fatalf("temporary folder holds %v, want one clone", entries)
	}
	if err := src.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("Close left %v behind", entries)
	}
	if err := src.Close(); err != nil {
		t.Errorf("a second Close failed: %v", err)
	}
}

func TestFailedCloneLeavesNothing(t *testing.T) {
	r := newTestRepo(t)
	parent := t.TempDir()
	if _, err := Open(context.Background(), r.fileURL(), Options{Ref: "v9", TempDir: parent}); err == nil {
		t.Fatal("Open of an unknown ref succeeded")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a failed clone left %v behind", entries)
	}
}

func TestCloneIsShallowAndBare(t *testing.T) {
	r := newTestRepo(t)
	tests := []struct {
		name   string
		opts   Options
		hasC1  bool
		hasTip plumbing.Hash
	}{
		{name: "default branch", opts: Options{}, hasTip: r.c2},
		{name: "branch", opts: Options{Ref: "feature"}, hasTip: r.c3},
		{name: "history", opts: Options{History: true}, hasTip: r.c2, hasC1: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.TempDir = t.TempDir()
			src, err := Open(context.Background(), r.fileURL(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			repo := src.(GitSource).Repository()
			if _, err := repo.CommitObject(tt.hasTip); err != nil {
				t.Errorf("tip %s missing: %v", tt.hasTip, err)
			}
			_, err = repo.CommitObject(r.c1)
			if got := err == nil; got != tt.hasC1 {
				t.Errorf("older commit present = %v, want %v", got, tt.hasC1)
			}
			if _, err := repo.Worktree(); !errors.Is(err, git.ErrIsBareRepository) {
				t.Errorf("clone has a working tree (err %v)", err)
			}
			var checkedOut []string
			filepath.WalkDir(tt.opts.TempDir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && strings.HasSuffix(p, ".py") {
					checkedOut = append(checkedOut, p)
				}
				return nil
			})
			sort.Strings(checkedOut)
			if diff := cmp.Diff([]string(nil), checkedOut, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("files checked out on disk:\n%s", diff)
			}
		})
	}
}

func TestProgressReceivesSideband(t *testing.T) {
	r := newTestRepo(t)
	var buf strings.Builder
	src, err := Open(context.Background(), r.fileURL(), Options{TempDir: t.TempDir(), Progress: &buf})
	if err != nil {
		t.Fatal(err)
	}
	src.Close()
	if !strings.Contains(buf.String(), "objects") {
		t.Errorf("progress output %q mentions no objects", buf.String())
	}
}

func TestOpenCancelled(t *testing.T) {
	r := newTestRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	parent := t.TempDir()
	_, err := Open(ctx, r.fileURL(), Options{TempDir: parent})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open with a cancelled context: %v, want context.Canceled", err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("a cancelled clone left %v behind", entries)
	}
}
