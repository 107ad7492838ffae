package terminal

import (
	"errors"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	var b strings.Builder
	w := New(&b, false)
	w.Printf("%s  %d repositories\n", w.Bold("Portfolio"), 2)
	w.Section("Frameworks")
	w.Table([]string{"Name", "Findings"}, "lr", [][]string{{"tensorflow", "1,200"}, {"jax", "3"}})
	if err := w.Err(); err != nil {
		t.Fatal(err)
	}
	want := `Portfolio  2 repositories

FRAMEWORKS
┌────────────┬──────────┐
│ Name       │ Findings │
├────────────┼──────────┤
│ tensorflow │    1,200 │
│ jax        │        3 │
└────────────┴──────────┘
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestBoldOnlyWithColour(t *testing.T) {
	if got := New(nil, true).Bold("x"); got != "\x1b[1mx\x1b[0m" {
		t.Errorf("Bold with colour = %q", got)
	}
	if got := New(nil, false).Bold("x"); got != "x" {
		t.Errorf("Bold without colour = %q", got)
	}
}

// failingWriter fails every write and counts the attempts.
type failingWriter struct{ writes int }

func (f *failingWriter) Write([]byte) (int, error) {
	f.writes++
	return 0, errors.New("disk full")
}

func TestFirstErrorStopsWriting(t *testing.T) {
	fw := &failingWriter{}
	w := New(fw, false)
	w.Printf("one\n")
	w.Section("two")
	w.Table([]string{"a"}, "l", [][]string{{"b"}})
	if err := w.Err(); err == nil || err.Error() != "disk full" {
		t.Errorf("Err() = %v, want the first write's error", err)
	}
	if fw.writes != 1 {
		t.Errorf("%d writes after a failure, want none after the first", fw.writes)
	}
}
