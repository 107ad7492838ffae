package registry

import (
	"slices"
	"testing"
)

type format string

func (f format) ID() string { return string(f) }

func TestFind(t *testing.T) {
	list := []format{"table", "json", "html"}
	if e, ok := Find(list, "json"); !ok || e != "json" {
		t.Errorf("Find(json) = %q, %v", e, ok)
	}
	if e, ok := Find(list, "sarif"); ok || e != "" {
		t.Errorf("Find(sarif) = %q, %v, want nothing", e, ok)
	}
}

func TestNames(t *testing.T) {
	if got := Names([]format{"table", "json", "html"}); !slices.Equal(got, []string{"html", "json", "table"}) {
		t.Errorf("Names = %v, want them sorted", got)
	}
	if got := Names[format](nil); got == nil || len(got) != 0 {
		t.Errorf("Names(nil) = %#v, want an empty list", got)
	}
}
