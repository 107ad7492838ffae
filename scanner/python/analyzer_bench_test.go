package python

import (
	"context"
	"io/fs"
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

// BenchmarkCorpus runs the analyzer, and the bare parse, over every .py file of the
// folder named by FRAMESHIFT_BENCH_CORPUS (see scanner/scan_bench_test.go): the
// parse is the floor under any tree-sitter analysis of the corpus. ns/op is per
// pass over all files.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("FRAMESHIFT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set FRAMESHIFT_BENCH_CORPUS to a corpus folder (go run ./cmd/gencorpus -out DIR)")
	}
	var files [][]byte
	var size int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".py" {
			return err
		}
		src, err := os.ReadFile(p)
		files = append(files, src)
		size += int64(len(src))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(size)
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			for _, src := range files {
				tree, err := a.parser.ParseCtx(context.Background(), nil, src)
				if err != nil {
					b.Fatal(err)
				}
				tree.Close()
			}
		}
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	})
	b.Run("analyze", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		cpu := processCPU()
		for i := 0; i < b.N; i++ {
			for _, src := range files {
				if _, err := a.Analyze(src); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	})
}
