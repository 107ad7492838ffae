// Package scanner turns a source tree into an Inventory: it walks the tree, analyses
// Python files and notebooks with tree-sitter in a bounded pool of workers, matches
// what it finds against the rule catalog, reads dependency manifests, and sorts the
// result so that it does not depend on scheduling. It neither formats nor estimates.
package scanner

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/source"
	"github.com/frameshift/frameshift/scanner/walk"
)

// ToolName is the name recorded in every inventory.
const ToolName = "frameshift"

// DefaultParseTimeout bounds the parse of one file, so a pathological file costs a
// skip, not a hung scan.
const DefaultParseTimeout = 20 * time.Second

// Options configure a scan. The zero value scans with the embedded catalog on all CPUs.
type Options struct {
	Catalog *catalog.Catalog
	// Jobs is the number of files analysed at once; 0 means one per CPU, 1 is serial.
	Jobs int
	Walk walk.Options
	// ParseTimeout bounds one file's parse; 0 means DefaultParseTimeout.
	ParseTimeout time.Duration
	// Cache, when set, remembers per-file results by content.
	Cache Cache
	// Stamps, when set with Cache, spares reading the files of a folder that
	// have not changed since a scan recorded them.
	Stamps StampIndex
	// ToolVersion is recorded in the inventory and keys the cache.
	ToolVersion string
	// Progress, when set, is called after each file with the number of files done.
	Progress func(done int)
}

// Cache remembers the analysis of file contents across runs. Get and Put are called
// from several workers at once.
type Cache interface {
	Get(key string) (*CachedFile, bool)
	Put(key string, value *CachedFile)
}

// StampIndex remembers the content hash of a folder's files by their stamps
// (walk.Stamp). Sum and Record are called from several workers at once.
type StampIndex interface {
	// Sum returns the hash recorded for the file at p with this stamp.
	Sum(p string, st walk.Stamp) ([32]byte, bool)
	// Record remembers the hash of the content read from p, stamped st.
	Record(p string, st walk.Stamp, sum [32]byte)
}

// Scan walks src and returns its inventory.
func Scan(ctx context.Context, src source.Source, opts Options) (*Inventory, error) {
	cat, err := catalogOf(opts)
	if err != nil {
		return nil, err
	}
	collected, walkSkips, err := collect(ctx, src, opts, cat, false)
	if err != nil {
		return nil, err
	}
	info := src.Info()
	inv := &Inventory{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: ToolName, Version: opts.ToolVersion, Catalog: cat.Digest()},
		Source: SourceInfo{
			Input: info.Input, Kind: info.Kind, Ref: info.Ref, Commit: info.Commit, Worktree: info.Worktree,
		},
	}
	assemble(inv, collected, walkSkips, cat)
	return inv, nil
}

func catalogOf(opts Options) (*catalog.Catalog, error) {
	if opts.Catalog != nil {
		return opts.Catalog, nil
	}
	return catalog.Default()
}

// collect walks src and analyses its files on opts.Jobs workers. counted asks
// for results whose findings, when they come from the cache, are only counted
// (fileResult.counts), for callers that need the summary alone.
func collect(ctx context.Context, src source.Source, opts Options, cat *catalog.Catalog, counted bool) ([]*fileResult, []Skipped, error) {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	timeout := opts.ParseTimeout
	if timeout <= 0 {
		timeout = DefaultParseTimeout
	}
	wopts := opts.Walk
	wopts.Select = selectCandidate
	fsys := src.FS()
	filter := newPrefilter(cat.Roots(), settingNames()...)
	keyer := newCacheKeyer(opts.Cache, cat.Digest(), opts.ToolVersion)
	keyer.counted = counted

	g, gctx := errgroup.WithContext(ctx)
	// The walk runs ahead of the workers by up to a few hundred files: when
	// results come from the cache, a short queue had the walk and the workers
	// waking each other for every file.
	files := make(chan walk.File, 256)

	var skipMu sync.Mutex
	var walkSkips []Skipped
	g.Go(func() error {
		defer close(files)
		return walk.Walk(gctx, fsys, wopts, func(f walk.File) error {
			select {
			case files <- f:
				return nil
			case <-gctx.Done():
				return gctx.Err()
			}
		}, func(s walk.Skipped) {
			skipMu.Lock()
			walkSkips = append(walkSkips, Skipped{Path: s.Path, Code: s.Code, Reason: s.Reason})
			skipMu.Unlock()
		})
	})

	// Each worker keeps its own results; assemble sorts them by path.
	perWorker := make([][]*fileResult, jobs)
	var done atomic.Int64
	for i := 0; i < jobs; i++ {
		g.Go(func() error {
			w := &worker{cat: cat, filter: filter, timeout: int(timeout / time.Microsecond), fsys: fsys, keyer: keyer, stamps: opts.Stamps}
			defer w.close()
			for f := range files {
				if err := gctx.Err(); err != nil {
					return err
				}
				perWorker[i] = append(perWorker[i], w.process(f))
				n := done.Add(1)
				if opts.Progress != nil {
					opts.Progress(int(n))
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	var collected []*fileResult
	for _, rs := range perWorker {
		collected = append(collected, rs...)
	}
	return collected, walkSkips, nil
}

// assemble merges per-file results into the inventory, runs the repository-wide
// detectors, and sorts everything.
func assemble(inv *Inventory, results []*fileResult, walkSkips []Skipped, cat *catalog.Catalog) {
	sort.Slice(results, func(i, j int) bool { return results[i].path < results[j].path })
	// Size the merged slices once: grown by doubling, the findings slice of a large
	// scan held up to twice its final size while every per-file result was alive.
	// The model detector adds at most one finding per class, so room for those too
	// keeps its append from copying the whole slice.
	nFiles, nFindings := 0, 0
	for _, r := range results {
		if r.skip == nil {
			nFiles++
			nFindings += len(r.findings) + len(r.classes)
		}
	}
	inv.Files = make([]FileReport, 0, nFiles)
	inv.Findings = make([]Finding, 0, nFindings)
	inv.Dependencies = []Dependency{}
	inv.Skipped = append([]Skipped{}, walkSkips...)
	var classes []classDef
	for i, r := range results {
		// Drop each file's result once it is copied, so that the per-file results
		// and the merged inventory are never both alive in full.
		results[i] = nil
		inv.Skipped = append(inv.Skipped, r.problems...)
		if r.skip != nil {
			inv.Skipped = append(inv.Skipped, *r.skip)
			continue
		}
		if r.report != nil {
			inv.Files = append(inv.Files, *r.report)
		}
		from := len(inv.Findings)
		inv.Findings = append(inv.Findings, r.findings...)
		if r.unstamped {
			for i := from; i < len(inv.Findings); i++ {
				inv.Findings[i].File = r.path
			}
		}
		inv.Dependencies = append(inv.Dependencies, r.deps...)
		classes = append(classes, r.classes...)
	}
	inv.Dependencies = dedupeDependencies(inv.Dependencies)
	for _, d := range inventoryDetectors {
		d.refine(inv, classes, cat)
	}
	sortFindings(inv.Findings)
	sort.SliceStable(inv.Skipped, func(i, j int) bool {
		if inv.Skipped[i].Path != inv.Skipped[j].Path {
			return inv.Skipped[i].Path < inv.Skipped[j].Path
		}
		return inv.Skipped[i].Code < inv.Skipped[j].Code
	})
	Summarize(inv)
}

// sortFindings sorts findings that are mostly in order: files come sorted with
// their findings in order, and the model detector appends a sorted run of its
// own. Two sorted runs are merged in one pass over the tail, where a stable sort
// of 100,000 findings moved each of them several times.
func sortFindings(fs []Finding) {
	byOrder := func(a, b Finding) int { return cmpFinding(&a, &b) }
	split := 1
	for split < len(fs) && cmpFinding(&fs[split-1], &fs[split]) <= 0 {
		split++
	}
	if split >= len(fs) {
		return
	}
	if !slices.IsSortedFunc(fs[split:], byOrder) {
		slices.SortStableFunc(fs, byOrder)
		return
	}
	// Merge from the back: tail holds the second run; each step writes the
	// larger of the two last elements, the tail's on a tie, which keeps the
	// merge stable.
	tail := slices.Clone(fs[split:])
	i, j := split-1, len(tail)-1
	for k := len(fs) - 1; j >= 0; k-- {
		if i >= 0 && cmpFinding(&fs[i], &tail[j]) > 0 {
			fs[k] = fs[i]
			i--
		} else {
			fs[k] = tail[j]
			j--
		}
	}
}

// findingLess orders findings by file, cell, line, column, then rule and symbol.
func findingLess(a, b *Finding) bool { return cmpFinding(a, b) < 0 }

// cmpFinding is findingLess as a three-way comparison.
func cmpFinding(a, b *Finding) int {
	if c := strings.Compare(a.File, b.File); c != 0 {
		return c
	}
	ac, bc := -1, -1
	if a.Cell != nil {
		ac = *a.Cell
	}
	if b.Cell != nil {
		bc = *b.Cell
	}
	if c := cmp.Compare(ac, bc); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Line, b.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Column, b.Column); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Symbol, b.Symbol)
}

func dedupeDependencies(deps []Dependency) []Dependency {
	sort.SliceStable(deps, func(i, j int) bool {
		a, b := deps[i], deps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Package < b.Package
	})
	out := deps[:0]
	for i, d := range deps {
		if i > 0 {
			p := out[len(out)-1]
			if p.File == d.File && p.Line == d.Line && p.Package == d.Package {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// worker analyses files one at a time with its own parser.
type worker struct {
	cat     *catalog.Catalog
	filter  *prefilter
	timeout int
	fsys    walk.FS
	keyer   *cacheKeyer
	stamps  StampIndex
	fa      *fileAnalyzer
	// buf holds the last file read into it (see read).
	buf []byte
}

// bufferedReader is a walk.FS that can read a file into a buffer it is given.
type bufferedReader interface {
	ReadFileInto(path string, buf []byte) ([]byte, error)
}

// read reads a file. Python files and notebooks are read into the worker's
// buffer when the tree can do so: nothing learned from them keeps a reference
// to their bytes (the analyzer copies every name it reports, tree-sitter copies
// the source, the notebook reader decodes into new strings), so a scan
// allocates no buffer per file for them. Manifests, whose parsers are many,
// get bytes of their own.
func (w *worker) read(p string, kind fileKind) ([]byte, error) {
	br, ok := w.fsys.(bufferedReader)
	if !ok || kind&(kindPython|kindNotebook) == 0 || kind&kindManifest != 0 {
		return w.fsys.ReadFile(p)
	}
	data, err := br.ReadFileInto(p, w.buf)
	if err == nil {
		w.buf = data[:0]
	}
	return data, err
}

func (w *worker) close() {
	if w.fa != nil {
		w.fa.close()
	}
}

// process never fails: whatever goes wrong with one file becomes a skip with a
// reason, and the scan goes on. A panic also discards the parser, whose state can
// no longer be trusted.
func (w *worker) process(f walk.File) (res *fileResult) {
	defer func() {
		if r := recover(); r != nil {
			res = skipped(f.Path, "internal", fmt.Sprintf("analysis failed: %v", r))
			w.close()
			w.fa = nil
		}
	}()
	kind := classify(f.Path)
	if kind&kindManifest != 0 && kind&kindPython != 0 && w.keyer.caches(kindPython) {
		return w.processCodeManifest(f, kind)
	}
	cached, key := w.keyer.lookupBlob(f, kind)
	if cached != nil {
		return cached
	}
	cacheable := key == "" && w.keyer.caches(kind)
	// A file whose stamp is unchanged since a scan that read it is not read
	// again: the stamp index gives its content's hash. A miss then reads it,
	// and keys it by what was read, never by the index's word.
	if cacheable && w.stamps != nil && f.Stamp.Known() {
		if sum, ok := w.stamps.Sum(f.Path, f.Stamp); ok {
			if cached, _ := w.keyer.lookupSum(f, kind, sum); cached != nil {
				return cached
			}
		}
	}
	data, err := w.read(f.Path, kind)
	if err != nil {
		return skipped(f.Path, "unreadable", err.Error())
	}
	if cacheable {
		sum := sha256.Sum256(data)
		if w.stamps != nil && f.Stamp.Known() {
			w.stamps.Record(f.Path, f.Stamp, sum)
		}
		if cached, key = w.keyer.lookupSum(f, kind, sum); cached != nil {
			return cached
		}
	}
	res = w.analyzer().analyzeFile(f.Path, data, w.fsys.ReadFile)
	w.keyer.store(key, res)
	return res
}

// analyzer returns the worker's file analyzer, made on first need: a scan
// served from the cache makes none.
func (w *worker) analyzer() *fileAnalyzer {
	if w.fa == nil {
		w.fa = newFileAnalyzer(w.cat, w.filter, w.timeout)
	}
	return w.fa
}

// processCodeManifest handles a Python file that is also a manifest
// (setup.py): its code's analysis is cached by content like any Python file's,
// and its dependencies are read again each time, since reading them may read
// other files. A rescan of a repository with a setup.py otherwise parsed it,
// and compiled the query to do so (about 10 ms), every time.
func (w *worker) processCodeManifest(f walk.File, kind fileKind) *fileResult {
	data, err := w.fsys.ReadFile(f.Path)
	if err != nil {
		return skipped(f.Path, "unreadable", err.Error())
	}
	code := kind &^ kindManifest
	var res *fileResult
	var key string
	if f.ID != "" {
		res, key = w.keyer.lookupBlob(f, code)
	} else {
		res, key = w.keyer.lookupSum(f, code, sha256.Sum256(data))
	}
	if res == nil {
		res = w.analyzer().analyzeCode(f.Path, data, code)
		w.keyer.store(key, res)
	}
	if res.skip == nil {
		readManifest(res, f.Path, data, w.fsys.ReadFile)
	}
	return res
}
