package golden

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing the test, so
// the helper's own failures can be checked.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) {
	r.Errorf("%s", fmt.Sprint(args...))
	runtime.Goexit()
}

// run calls Check on a goroutine of its own, since a fatal failure ends it.
func run(t *testing.T, path string, encode func(io.Writer) error) []string {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Check(r, path, "./report/...", encode)
	}()
	<-done
	return r.failures
}

func write(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "case.txt.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	calls := 0
	flaky := func(w io.Writer) error {
		calls++
		_, err := fmt.Fprintf(w, "call %d\n", calls)
		return err
	}
	tests := []struct {
		name   string
		path   string
		encode func(io.Writer) error
		want   string // "" for no failure, else a part of the one failure
	}{
		{"same bytes", path, write("same\n"), ""},
		{"other bytes", path, write("other\n"), "differs from the golden file"},
		{"not deterministic", path, flaky, "two encodings of the same input differ"},
		{"no golden file", filepath.Join(dir, "missing.golden"), write("x"), "UPDATE_GOLDEN=1 go test ./report/..."},
		{"encoder error", path, func(io.Writer) error { return fmt.Errorf("broken") }, "encode: broken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("UPDATE_GOLDEN", "")
			got := run(t, tt.path, tt.encode)
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("failures %q, want none", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
				t.Errorf("failures %q, want one containing %q", got, tt.want)
			}
		})
	}
}

func TestCheckUpdates(t *testing.T) {
	t.Setenv("UPDATE_GOLDEN", "1")
	path := filepath.Join(t.TempDir(), "new.md.golden")
	if got := run(t, path, write("fresh\n")); len(got) > 0 {
		t.Fatalf("failures %q, want none", got)
	}
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "fresh\n" {
		t.Errorf("golden file holds %q (%v), want the encoder's bytes", data, err)
	}
}

func TestPath(t *testing.T) {
	if got, want := Path(t, "hostile", "markdown"), filepath.Join("testdata", "hostile.md.golden"); got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}
