package scanner_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
	"github.com/frameshift/frameshift/scanner/source"
)

// EnvBenchCorpus names a folder for BenchmarkScanCorpus, usually the generated one:
//
//	go run ./cmd/gencorpus -out .bench/corpus
//	FRAMESHIFT_BENCH_CORPUS=$PWD/.bench/corpus go test -run '^$' -bench ScanCorpus \
//	    -cpuprofile cpu.prof -memprofile mem.prof ./scanner/
const envBenchCorpus = "FRAMESHIFT_BENCH_CORPUS"

// benchFixtures are the scenario repositories, each a whole small project.
var benchFixtures = []string{"tf1-graph", "tf2-keras", "pytorch", "jax-flax", "mixed-monorepo", "tfx-pipeline"}

// pythonBytes sums the size of the files a scan parses, for MB/s.
func pythonBytes(tb testing.TB, dir string) int64 {
	tb.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); !d.IsDir() && (ext == ".py" || ext == ".ipynb") {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func scanOnce(tb testing.TB, dir string, opts scanner.Options) *scanner.Inventory {
	tb.Helper()
	ctx := context.Background()
	src, err := source.Open(ctx, dir, source.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	defer src.Close()
	inv, err := scanner.Scan(ctx, src, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return inv
}

// peakRSS reads the process's high-water resident set, which unlike Go's heap
// statistics includes tree-sitter's C memory. It is 0 where /proc is missing.
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkScanFixtures scans each fixture repository with no cache, serially and
// on two workers.
func BenchmarkScanFixtures(b *testing.B) {
	for _, name := range benchFixtures {
		dir := filepath.Join("..", "fixtures", name)
		if _, err := os.Stat(dir); err != nil {
			b.Fatalf("fixture %s: %v", name, err)
		}
		size := pythonBytes(b, dir)
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/jobs=%d", name, jobs), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				var findings int
				cpu := processCPU()
				for i := 0; i < b.N; i++ {
					findings = scanOnce(b, dir, scanner.Options{Jobs: jobs}).Summary.Findings
				}
				b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
				if findings == 0 {
					b.Fatal("no findings: the benchmark measures nothing")
				}
			})
		}
	}
}

// BenchmarkScanCorpus scans the folder named by FRAMESHIFT_BENCH_CORPUS: cold on one
// and two workers, then warm from a cache filled by one cold scan. It reports the
// process's peak RSS, C memory included, and its CPU time per scan. The warm case
// keeps the store open across iterations, so it excludes cache.Open (a few ms).
func BenchmarkScanCorpus(b *testing.B) {
	dir := os.Getenv(envBenchCorpus)
	if dir == "" {
		b.Skipf("set %s to a corpus folder (go run ./cmd/gencorpus -out DIR)", envBenchCorpus)
	}
	size := pythonBytes(b, dir)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("cold/jobs=%d", jobs), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			var inv *scanner.Inventory
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				inv = scanOnce(b, dir, scanner.Options{Jobs: jobs})
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(inv.Summary.FilesScanned), "files")
			b.ReportMetric(peakRSS(), "peak-RSS-MB")
		})
	}
	cacheDir := b.TempDir()
	store, err := cache.Open(cacheDir)
	if err != nil {
		b.Fatal(err)
	}
	want := scanOnce(b, dir, scanner.Options{Cache: store, ToolVersion: "bench"})
	if err := store.Close(); err != nil {
		b.Fatal(err)
	}
	if store, err = cache.Open(cacheDir); err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("warm/jobs=%d", jobs), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			before := store.Counters()
			var inv *scanner.Inventory
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				inv = scanOnce(b, dir, scanner.Options{Jobs: jobs, Cache: store, ToolVersion: "bench"})
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
			after := store.Counters()
			if inv.Summary.Findings != want.Summary.Findings {
				b.Fatalf("warm scan found %d findings, cold %d", inv.Summary.Findings, want.Summary.Findings)
			}
			if after.Misses != before.Misses {
				b.Fatalf("%d cache misses on an unchanged corpus", after.Misses-before.Misses)
			}
			b.ReportMetric(float64(after.Hits-before.Hits)/float64(b.N), "hits")
			b.ReportMetric(peakRSS(), "peak-RSS-MB")
		})
	}
}
