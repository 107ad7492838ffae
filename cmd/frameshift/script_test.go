package main

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestScripts runs the end-to-end scripts of testdata/script: each is a txtar file
// of commands with their expected output and exit codes (gh's acceptance style, but
// offline). $FIXTURES points at the repository's fixtures.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join(repoRoot, "cmd", "frameshift", "testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURES", filepath.Join(repoRoot, "fixtures"))
			env.Setenv("NO_COLOR", "1")
			env.Setenv("FRAMESHIFT_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			return nil
		},
	})
}
