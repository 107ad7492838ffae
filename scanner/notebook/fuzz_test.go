package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, name := range []string{"train_v4.ipynb", "old_v3.ipynb", "r_kernel.ipynb"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"nbformat": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": ["%%time\n", "x = (1\n", "  % 2)\n", "s = '''\n", "!ls"]}]}`))
	f.Add([]byte(`{"nbformat": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": "é?\r\n!x \\\n\\"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := Parse(data)
		if err != nil {
			if src != nil {
				t.Fatalf("error %v with a non-nil Source", err)
			}
			return
		}
		// The invariants the analyzer relies on: cells tile Code in order,
		// each cell's lines keep their byte lengths, and Locate inverts Start.
		lines := strings.Split(string(src.Code), "\n")
		if len(src.Code) > 0 && src.Code[len(src.Code)-1] != '\n' {
			t.Fatalf("Code does not end with a newline: %q", src.Code)
		}
		next := 1
		for _, c := range src.Cells {
			if c.Start != next {
				t.Fatalf("cell %d starts at %d, want %d", c.Index, c.Start, next)
			}
			next += c.Lines
			raw := strings.Split(strings.TrimSuffix(c.Raw, "\n"), "\n")
			if c.Raw == "" {
				raw = nil
			}
			if len(raw) != c.Lines {
				t.Fatalf("cell %d has %d lines of source but Lines = %d", c.Index, len(raw), c.Lines)
			}
			for i, r := range raw {
				if len(lines[c.Start-1+i]) != len(r) {
					t.Fatalf("cell %d line %d changed length: %q -> %q", c.Index, i+1, r, lines[c.Start-1+i])
				}
				cell, in, ok := src.Locate(c.Start + i)
				if !ok || cell != c.Index || in != i+1 {
					t.Fatalf("Locate(%d) = %d, %d, %v; want %d, %d", c.Start+i, cell, in, ok, c.Index, i+1)
				}
			}
		}
		if next-1 != strings.Count(string(src.Code), "\n") {
			t.Fatalf("cells cover %d lines, Code has %d", next-1, strings.Count(string(src.Code), "\n"))
		}
	})
}
