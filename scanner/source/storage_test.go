package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
)

// openPacks counts this process's open descriptors on packfiles under dir; -1
// where /proc is missing.
func openPacks(t *testing.T, dir string) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	n := 0
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", fd.Name()))
		if err == nil && strings.HasPrefix(target, dir) && strings.HasSuffix(target, ".pack") {
			n++
		}
	}
	return n
}

// TestPackfilesStayOpenUntilClose reads a cloned repository's files at a ref:
// the packfile is opened once and kept (go-git otherwise reopens it for every
// object), and Close releases it, also for a local repository read at a ref.
func TestPackfilesStayOpenUntilClose(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc/self/fd to count descriptors")
	}
	r := newTestRepo(t)
	tmp := t.TempDir()
	clone, err := Open(context.Background(), r.fileURL(), Options{TempDir: tmp, History: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := contents(t, clone); got["model.py"] != "import tensorflow as tf\n" {
		t.Fatalf("clone files = %v", got)
	}
	if n := openPacks(t, tmp); n != 1 {
		t.Errorf("%d packfile descriptors open while reading the clone, want 1", n)
	}
	// A local repository whose objects are packed (a clone with a working
	// tree), read at a ref.
	localDir := filepath.Join(tmp, "local")
	if _, err := git.PlainClone(localDir, false, &git.CloneOptions{URL: r.fileURL()}); err != nil {
		t.Fatal(err)
	}
	local, err := Open(context.Background(), localDir, Options{Ref: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	if got := contents(t, local); got["pkg/a.py"] != "v1\n" {
		t.Fatalf("local files at HEAD~1 = %v", got)
	}
	if n := openPacks(t, tmp); n != 2 {
		t.Errorf("%d packfile descriptors open with both sources, want 2", n)
	}
	if err := local.Close(); err != nil {
		t.Fatal(err)
	}
	if err := clone.Close(); err != nil {
		t.Fatal(err)
	}
	if n := openPacks(t, tmp); n != 0 {
		t.Errorf("%d packfile descriptors left open after Close", n)
	}
}
