package cache

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/source"
	"github.com/frameshift/frameshift/scanner/walk"
)

var (
	stampA = walk.Stamp{Size: 10, ModNs: 1_000, ChangeNs: 1_000, Inode: 7, Device: 1}
	stampB = walk.Stamp{Size: 10, ModNs: 2_000, ChangeNs: 2_000, Inode: 7, Device: 1}
	sumA   = sha256.Sum256([]byte("a"))
	sumB   = sha256.Sum256([]byte("b"))
	// later is a scan time after which every test stamp is old enough to trust.
	later = time.Unix(0, 0).Add(time.Hour)
)

func TestStampsRemember(t *testing.T) {
	dir, root := t.TempDir(), "/repo"
	s := OpenStamps(dir, root, later)
	if _, ok := s.Sum("a.py", stampA); ok {
		t.Fatal("an empty index knew a file")
	}
	s.Record("a.py", stampA, sumA)
	s.Record("b.py", stampB, sumB)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}

	s = OpenStamps(dir, root, later)
	if got, ok := s.Sum("a.py", stampA); !ok || got != sumA {
		t.Fatal("a recorded stamp was not found")
	}
	if _, ok := s.Sum("a.py", stampB); ok {
		t.Fatal("a changed stamp was trusted")
	}
	if _, ok := s.Sum("a.py", walk.Stamp{}); ok {
		t.Fatal("an unknown stamp was trusted")
	}
	if _, ok := OpenStamps(dir, "/other", later).Sum("a.py", stampA); ok {
		t.Fatal("another folder's index was used")
	}
	// b.py was not seen by this scan: the saved index forgets it.
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s = OpenStamps(dir, root, later)
	if _, ok := s.Sum("b.py", stampB); ok {
		t.Fatal("a file gone from the scan stayed in the index")
	}
	if _, ok := s.Sum("a.py", stampA); !ok {
		t.Fatal("a file seen through the index was dropped from it")
	}
}

func TestStampsRefuseRacyFiles(t *testing.T) {
	dir := t.TempDir()
	// Scanned less than racyWindow after the file was written: not recorded.
	s := OpenStamps(dir, "/repo", time.Unix(0, stampA.ModNs).Add(racyWindow/2))
	s.Record("a.py", stampA, sumA)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, ok := OpenStamps(dir, "/repo", later).Sum("a.py", stampA); ok {
		t.Fatal("a file modified just before the scan was recorded")
	}
}

func TestStampsIgnoreADamagedIndex(t *testing.T) {
	dir := t.TempDir()
	s := OpenStamps(dir, "/repo", later)
	s.Record("a.py", stampA, sumA)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	path := StampsPath(dir, "/repo")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x40
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	s = OpenStamps(dir, "/repo", later)
	if _, ok := s.Sum("a.py", stampA); ok {
		t.Fatal("a damaged index was trusted")
	}
	s.Record("a.py", stampA, sumA)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if _, ok := OpenStamps(dir, "/repo", later).Sum("a.py", stampA); !ok {
		t.Fatal("the damaged index was not rewritten")
	}
}

// TestScanUsesStamps scans a folder twice with a cache and a stamp index. The
// index is then doctored to give a.py the hash of b.py's content: a rescan that
// reports b.py's findings for a.py has not read a.py, and an edit of a.py is seen
// whatever the index says.
func TestScanUsesStamps(t *testing.T) {
	ctx := context.Background()
	repo, cacheDir := t.TempDir(), t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	torch := "import torch\nx = torch.zeros(3)\n"
	tf1 := "import tensorflow as tf\nsess = tf.Session()\n"
	write("a.py", torch)
	write("b.py", tf1)
	abs, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	scan := func(now time.Time) *scanner.Inventory {
		t.Helper()
		store := mustOpen(t, cacheDir)
		stamps := OpenStamps(cacheDir, abs, now)
		src, err := source.Open(ctx, repo, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		inv, err := scanner.Scan(ctx, src, scanner.Options{Cache: store, Stamps: stamps, ToolVersion: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if err := stamps.Save(); err != nil {
			t.Fatal(err)
		}
		if err := store.Close(); err != nil {
			t.Fatal(err)
		}
		return inv
	}
	frameworksOf := func(inv *scanner.Inventory, file string) map[string]bool {
		got := map[string]bool{}
		for _, f := range inv.Findings {
			if f.File == file {
				got[f.Framework] = true
			}
		}
		return got
	}
	future := time.Now().Add(time.Hour)
	first := scan(future)
	if !frameworksOf(first, "a.py")["pytorch"] || !frameworksOf(first, "b.py")["tensorflow"] {
		t.Fatalf("first scan: a.py %v, b.py %v", frameworksOf(first, "a.py"), frameworksOf(first, "b.py"))
	}

	// Doctor the index: a.py's stamp now names b.py's content.
	st := OpenStamps(cacheDir, abs, future)
	fsys, err := walk.NewOSFS(repo)
	if err != nil {
		t.Fatal(err)
	}
	ents, err := fsys.ReadDir("")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		st.Record(e.Name, e.Stamp, sha256.Sum256([]byte(tf1)))
	}
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	if got := frameworksOf(scan(future), "a.py"); !got["tensorflow"] || got["pytorch"] {
		t.Fatalf("a.py was read although its stamp was unchanged: %v", got)
	}

	// An edit of the same size moves the stamp, and the content is read again.
	write("a.py", strings.Replace(torch, "zeros", "empty", 1))
	if got := frameworksOf(scan(future), "a.py"); !got["pytorch"] || got["tensorflow"] {
		t.Fatalf("an edited a.py was not read again: %v", got)
	}
}
