package source

import (
	"path"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"

	"github.com/frameshift/frameshift/scanner/walk"
)

// FuzzRedact checks that a password never survives redaction, whatever the rest
// of the URL looks like.
func FuzzRedact(f *testing.F) {
	f.Add("https", "user", "s3cret", "github.com/o/r.git")
	f.Add("http", "x-access-token", "ghp_0123456789", "host:8080/o/r?x=1#y")
	f.Add("ssh", "git", "pw/with/slashes", "host/o/r")
	f.Add("HTTPS", "", "tok", "h")
	f.Fuzz(func(t *testing.T, scheme, user, secret, rest string) {
		raw := scheme + "://" + user + ":" + secret + "@" + rest
		got := Redact(raw)
		valid := !strings.ContainsAny(scheme, ":/@") && !strings.ContainsAny(user, ":/@?#") &&
			!strings.Contains(secret, "@") && !strings.Contains(rest, "@")
		if want := scheme + "://" + user + ":***@" + rest; valid && got != want {
			t.Fatalf("Redact(%q) = %q, want %q", raw, got, want)
		}
		Redact(scheme + user + secret + rest)
	})
}

// FuzzParseInput checks that deciding an input never panics and that GitHub
// shorthand only ever yields a github.com https URL with a safe path.
func FuzzParseInput(f *testing.F) {
	for _, s := range []string{"owner/repo", "./nope", "git@github.com:o/r.git", "https://h/o/r", "a/b/c", "github.com/o/r.git", "o/..", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := parseInput(in, func(string) bool { return false })
		if got.shorthand == "" {
			return
		}
		owner, repo, ok := strings.Cut(got.shorthand, "/")
		if !ok || owner == "" || repo == "" || repo == "." || repo == ".." || strings.ContainsAny(repo, "/\\") {
			t.Fatalf("parseInput(%q) gave shorthand %q", in, got.shorthand)
		}
		if got.url != "https://github.com/"+got.shorthand+".git" {
			t.Fatalf("parseInput(%q) gave url %q", in, got.url)
		}
	})
}

// FuzzTreeFSLinks feeds arbitrary symlink targets, which come from the scanned
// repository's blobs, through resolution and reads: nothing may panic, and no
// resolved path may leave the tree.
func FuzzTreeFSLinks(f *testing.F) {
	f.Add("pkg/m.py", "../a.py")
	f.Add("../../etc/passwd", "/abs")
	f.Add("l", "up")
	f.Add("pkg/up/pkg/up/l", "..")
	f.Add("./pkg//m.py", ".")
	f.Add("", "\x00")
	f.Fuzz(func(t *testing.T, rootLink, pkgLink string) {
		store := memory.NewStorage()
		blob := func(content string) plumbing.Hash {
			obj := store.NewEncodedObject()
			obj.SetType(plumbing.BlobObject)
			w, _ := obj.Writer()
			w.Write([]byte(content))
			w.Close()
			h, _ := store.SetEncodedObject(obj)
			return h
		}
		tree := func(entries ...object.TreeEntry) plumbing.Hash {
			obj := store.NewEncodedObject()
			(&object.Tree{Entries: entries}).Encode(obj)
			h, _ := store.SetEncodedObject(obj)
			return h
		}
		pkg := tree(
			object.TreeEntry{Name: "m.py", Mode: filemode.Regular, Hash: blob("import jax\n")},
			object.TreeEntry{Name: "up", Mode: filemode.Symlink, Hash: blob(pkgLink)},
		)
		rootHash := tree(
			object.TreeEntry{Name: "a.py", Mode: filemode.Regular, Hash: blob("import torch\n")},
			object.TreeEntry{Name: "l", Mode: filemode.Symlink, Hash: blob(rootLink)},
			object.TreeEntry{Name: "pkg", Mode: filemode.Dir, Hash: pkg},
		)
		root, err := object.GetTree(store, rootHash)
		if err != nil {
			t.Fatal(err)
		}
		fsys := NewTreeFSFromTree(store, root)
		for _, p := range []string{"l", "pkg/up", "l/m.py", "pkg/up/a.py", rootLink, pkgLink} {
			target, typ, _, ok, _ := fsys.Resolve(p)
			if ok {
				if path.IsAbs(target) || target == ".." || strings.HasPrefix(target, "../") || strings.Contains(target, "/../") || strings.HasSuffix(target, "/..") {
					t.Fatalf("Resolve(%q) = %q leaves the tree", p, target)
				}
				if typ == walk.TypeFile {
					if _, err := fsys.ReadFile(target); err != nil {
						t.Fatalf("Resolve(%q) = %q, which cannot be read: %v", p, target, err)
					}
				}
			}
			fsys.ReadFile(p)
			fsys.ReadDir(p)
		}
		walk.Walk(t.Context(), fsys, walk.Options{}, func(walk.File) error { return nil }, nil)
	})
}
