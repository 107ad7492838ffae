package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// repoRoot is where the tests run from, so that fixture paths in reports read
// "fixtures/tf1-graph" as in the README.
var repoRoot string

func TestMain(m *testing.M) {
	// testscript re-executes this binary as the "frameshift" command of the
	// scripts in testdata/script; only the test run itself moves to the root.
	testscript.Main(rootRunner{m}, map[string]func(){
		"frameshift": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// rootRunner runs the tests from the repository root, so that fixture paths in
// reports read "fixtures/tf1-graph" as in the README.
type rootRunner struct{ m *testing.M }

func (r rootRunner) Run() int {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	repoRoot = filepath.Clean(filepath.Join(wd, "..", ".."))
	if err := os.Chdir(repoRoot); err != nil {
		panic(err)
	}
	cacheDir, err := os.MkdirTemp("", "frameshift-test-cache-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(cacheDir)
	// Tests must not read or write the user's cache, nor pick up colour settings.
	os.Setenv("FRAMESHIFT_CACHE_DIR", cacheDir)
	os.Setenv("NO_COLOR", "1")
	return r.m.Run()
}

// runCLI runs the program in-process and returns its exit code and output.
func runCLI(t testing.TB, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, bytes.NewReader(nil), &out, &errOut)
	return code, out.String(), errOut.String()
}

// updateGolden is set by `make golden` (UPDATE_GOLDEN=1).
var updateGolden = os.Getenv("UPDATE_GOLDEN") != ""

// checkGolden compares got with the golden file, or rewrites it when updating.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if updateGolden {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run `make golden` to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the output; run `make golden` and review the diff.\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first differing line, enough to see what changed.
func firstDiff(want, got []byte) string {
	wl := bytes.Split(want, []byte("\n"))
	gl := bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(w) + "\n  got:  " + string(g)
		}
	}
	return ""
}
