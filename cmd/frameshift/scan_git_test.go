package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/frameshift/frameshift/report"
)

// TestScanGitByFileURL builds a repository with go-git (two commits and a tag) and
// scans it the way a user scans a remote: by URL, at HEAD and at the tag. Files are
// read from the clone's objects, and the report records the commit.
func TestScanGitByFileURL(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "t", Email: "t@example.com", When: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	write("graph.py", "import tensorflow as tf\nsess = tf.Session()\n")
	first, err := wt.Commit("tf1 code", &git.CommitOptions{Author: sig})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateTag("v1", first, nil); err != nil {
		t.Fatal(err)
	}
	write("model.py", "import torch\nclass Net(torch.nn.Module):\n    pass\n")
	second, err := wt.Commit("pytorch code", &git.CommitOptions{Author: sig})
	if err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(dir)

	scan := func(args ...string) *report.Document {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"scan", url, "--format", "json", "--no-cache"}, args...)...)
		if code != 0 {
			t.Fatalf("scan %v exited %d: %s", args, code, errOut)
		}
		doc, err := report.ReadJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	frameworks := func(doc *report.Document) string {
		var names []string
		for _, fw := range doc.Summary.Frameworks {
			names = append(names, fw.Name)
		}
		return strings.Join(names, ",")
	}

	head := scan()
	if head.Source.Kind != "git" || head.Source.Commit != second.String() || head.Source.Input != url {
		t.Errorf("HEAD source = %+v, want git at %s", head.Source, second)
	}
	if got := frameworks(head); got != "pytorch,tensorflow" {
		t.Errorf("HEAD frameworks = %s", got)
	}
	tagged := scan("--ref", "v1")
	if tagged.Source.Commit != first.String() || tagged.Source.Ref != "v1" {
		t.Errorf("tag source = %+v, want %s", tagged.Source, first)
	}
	if got := frameworks(tagged); got != "tensorflow" {
		t.Errorf("tag frameworks = %s, want tensorflow only", got)
	}
	if code, _, errOut := runCLI(t, "scan", url, "--ref", "v9", "--no-cache"); code != 2 || !strings.Contains(errOut, "v9") {
		t.Errorf("unknown ref: exit %d, %q", code, errOut)
	}
}
