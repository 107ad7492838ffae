package manifest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dirReader serves root-relative slash paths from a testdata folder, as the
// scanner's read function does from the scanned tree.
func dirReader(dir string) func(string) ([]byte, error) {
	fsys := os.DirFS(dir)
	return func(p string) ([]byte, error) { return fs.ReadFile(fsys, p) }
}

// parseCase parses testdata/<dir>/<file> with includes resolved inside dir.
func parseCase(t *testing.T, dir, file string) ([]Dependency, error) {
	t.Helper()
	root := filepath.Join("testdata", dir)
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(file, data, dirReader(root))
}

// render prints dependencies one per line, every field visible, so that a
// failing case shows exactly what differs.
func render(deps []Dependency) []string {
	var out []string
	for _, d := range deps {
		major := "nil"
		if d.Major != nil {
			major = strconv.Itoa(*d.Major)
		}
		s := d.File + ":" + strconv.Itoa(d.Line) + " " + d.Manifest + " " + d.Framework + " " + d.Package +
			" spec=" + d.Spec + " major=" + major
		if d.Group != "" {
			s += " group=" + d.Group
		}
		if len(d.Extras) > 0 {
			s += " extras=" + strings.Join(d.Extras, ",")
		}
		if d.Marker != "" {
			s += " marker=" + d.Marker
		}
		out = append(out, s)
	}
	return out
}

func checkDeps(t *testing.T, got []Dependency, want []string) {
	t.Helper()
	if diff := cmp.Diff(want, render(got)); diff != "" {
		t.Errorf("dependencies mismatch (-want +got):\n%s", diff)
	}
}

// checkErr requires an error mentioning every fragment, or none when
// fragments is empty.
func checkErr(t *testing.T, err error, fragments []string) {
	t.Helper()
	if len(fragments) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("want an error mentioning %q, got none", fragments)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q does not mention %q", err, f)
		}
	}
}

// seedFuzz adds every file under testdata/<dir> named like name as a seed.
func seedFuzz(f *testing.F, dir, name string) {
	f.Helper()
	err := filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(d.Name(), name) {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil {
			f.Add(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}
