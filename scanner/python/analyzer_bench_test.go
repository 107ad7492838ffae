package python

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchFiles are hand-written fixture files, one per framework family, each the
// kind of training or model file that dominates an ML repository.
var benchFiles = []string{
	"../../fixtures/tf1-graph/train.py",
	"../../fixtures/tf2-keras/src/shelfnet/train_custom.py",
	"../../fixtures/pytorch/tinyseg/train.py",
	"../../fixtures/jax-flax/springnet/physics.py",
}

// BenchmarkAnalyze measures one file's parse, query and alias resolution. MB/s
// compares directly with tree-sitter's bare parse speed (BenchmarkParseOnly).
func BenchmarkAnalyze(b *testing.B) {
	a, err := New(Options{Methods: []string{"make_one_shot_iterator", "fit_generator", "add_", "backward"}})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	for _, p := range benchFiles {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			var refs int
			for i := 0; i < b.N; i++ {
				res, err := a.Analyze(src)
				if err != nil {
					b.Fatal(err)
				}
				refs = len(res.Refs)
			}
			if refs == 0 {
				b.Fatal("no references resolved: the benchmark measures nothing")
			}
			b.ReportMetric(float64(refs), "refs/file")
		})
	}
}

// BenchmarkParseOnly is the floor under BenchmarkAnalyze: tree-sitter's parse of
// the same files with nothing done on the tree.
func BenchmarkParseOnly(b *testing.B) {
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	for _, p := range benchFiles {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(filepath.Dir(p))+"/"+filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				tree, err := a.parser.ParseCtx(context.Background(), nil, src)
				if err != nil {
					b.Fatal(err)
				}
				tree.Close()
			}
		})
	}
}
