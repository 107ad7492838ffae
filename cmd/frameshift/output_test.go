package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "report.json")
	for _, content := range []string{"first\n", "second\n"} {
		if err := writeFileAtomic(file, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(file)
		if err != nil || string(got) != content {
			t.Errorf("file holds %q (%v), want %q", got, err, content)
		}
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v (%v), want 0644", st.Mode(), err)
	}

	// A device is written in place, not replaced by a file.
	if err := writeFileAtomic(os.DevNull, []byte("discarded")); err != nil {
		t.Errorf("write %s: %v", os.DevNull, err)
	}
	if st, err := os.Stat(os.DevNull); err != nil || st.Mode()&os.ModeDevice == 0 {
		t.Errorf("%s is no longer a device: %v %v", os.DevNull, st.Mode(), err)
	}

	// A folder is refused in one sentence naming it, and stays a folder.
	sub := filepath.Join(dir, "out")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeFileAtomic(sub, []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "write "+sub+": ") || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("write to a folder: %v, want an error naming it as a directory", err)
	}
	if st, err := os.Stat(sub); err != nil || !st.IsDir() {
		t.Errorf("the folder was replaced: %v", err)
	}

	// A missing parent folder is an error naming the file.
	missing := filepath.Join(dir, "no-such", "report.json")
	if err := writeFileAtomic(missing, []byte("x")); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("write into a missing folder: %v, want an error naming %s", err, missing)
	}

	// No temporary file is left behind, whatever happened.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
