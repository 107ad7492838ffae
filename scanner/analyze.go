package scanner

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/manifest"
	"github.com/frameshift/frameshift/scanner/notebook"
	"github.com/frameshift/frameshift/scanner/python"
)

// fileKind says how a candidate file is read.
type fileKind int

const (
	kindNone   fileKind = 0
	kindPython fileKind = 1 << iota
	kindNotebook
	kindManifest
	// kindConfig files are only read for settings such as KERAS_BACKEND.
	kindConfig
)

// classify decides what a path is from its name alone.
func classify(p string) fileKind {
	base := path.Base(p)
	ext := strings.ToLower(path.Ext(base))
	var k fileKind
	switch ext {
	case ".py", ".pyw":
		k |= kindPython
	case ".ipynb":
		k |= kindNotebook
	case ".sh", ".bash", ".env", ".yml", ".yaml", ".cfg", ".ini", ".toml":
		k |= kindConfig
	}
	if base == "Dockerfile" || strings.HasPrefix(base, "Dockerfile.") || base == ".env" || strings.HasSuffix(base, ".dockerfile") {
		k |= kindConfig
	}
	if manifest.Kind(p) != "" {
		k |= kindManifest
	}
	return k
}

// selectCandidate is the walk's Select: the files worth opening.
func selectCandidate(p string) bool { return classify(p) != kindNone }

// classDef is a class definition kept for the cross-file model detector.
type classDef struct {
	file   string
	name   string
	bases  []string
	line   int
	column int
	cell   *int
	text   []byte
}

// fileResult is everything learned from one file. Python and notebook results
// depend only on the file's bytes and the catalog, which is what makes them
// cacheable by content.
type fileResult struct {
	path     string
	report   *FileReport
	findings []Finding
	classes  []classDef
	deps     []Dependency
	skip     *Skipped
	// problems are parts of a file that could not be read while the rest was,
	// such as a malformed line in a requirements file.
	problems []Skipped
	// counted is set when the findings were only counted, into counts.
	counted bool
	counts  []findingCount
	// unstamped is set when the findings come from the cache with blank File
	// fields, which the path fills as they are copied out.
	unstamped bool
}

// fileAnalyzer turns one file's bytes into a fileResult. It owns a tree-sitter
// parser, so each worker has its own.
type fileAnalyzer struct {
	cat     *catalog.Catalog
	filter  *prefilter
	timeout int
	// py is made on first need: manifests and settings files, which a rescan
	// reads again, need no parser, and compiling the query costs milliseconds.
	py *python.Analyzer
}

func newFileAnalyzer(cat *catalog.Catalog, filter *prefilter, timeoutMicros int) *fileAnalyzer {
	return &fileAnalyzer{cat: cat, filter: filter, timeout: timeoutMicros}
}

func (fa *fileAnalyzer) python() (*python.Analyzer, error) {
	if fa.py == nil {
		py, err := python.New(python.Options{Methods: fa.cat.Methods(), TimeoutMicros: fa.timeout})
		if err != nil {
			return nil, err
		}
		fa.py = py
	}
	return fa.py, nil
}

func (fa *fileAnalyzer) close() {
	if fa.py != nil {
		fa.py.Close()
	}
}

func skipped(p, code, reason string) *fileResult {
	return &fileResult{path: p, skip: &Skipped{Path: p, Code: code, Reason: reason}}
}

// analyzeSource analyses Python text. lineMap, when set, maps a line of src to a
// notebook cell and the line inside it.
func (fa *fileAnalyzer) analyzeSource(p string, src []byte, kind string, lineMap func(int) (int, int, bool)) (*fileResult, error) {
	res := &fileResult{path: p, report: &FileReport{Path: p, Kind: kind, Lines: countCodeLines(src)}}
	if !fa.filter.mayMatch(src) {
		return res, nil
	}
	py, err := fa.python()
	if err != nil {
		return nil, err
	}
	a, err := py.Analyze(src)
	if err != nil {
		return nil, err
	}
	refs := a.Refs
	for _, d := range fileDetectors {
		refs = append(refs, d.detect(src)...)
	}
	res.findings = buildFindings(fa.cat, p, src, refs, lineMap)
	frameworks := map[string]bool{}
	for _, f := range res.findings {
		frameworks[f.Framework] = true
	}
	for _, c := range a.Classes {
		if len(c.Bases) == 0 {
			continue
		}
		cd := classDef{file: p, name: c.Name, bases: c.Bases, line: c.Line, column: c.Column}
		// A copy of the line, not a slice of src: classes outlive the file's
		// analysis, and a slice would keep the whole source alive until the end.
		cd.text = bytes.Clone(lineText(src, c.Offset))
		if lineMap != nil {
			cell, line, ok := lineMap(c.Line)
			if !ok {
				continue
			}
			cd.cell, cd.line = intPtr(cell), line
		}
		res.classes = append(res.classes, cd)
	}
	for _, imp := range a.Imports {
		if imp.Star {
			res.report.StarImports = append(res.report.StarImports, imp.Module)
		}
	}
	res.report.Findings = len(res.findings)
	res.report.ErrorNodes = a.ErrorNodes
	res.report.Frameworks = sortedKeys(frameworks)
	return res, nil
}

// analyzeFile analyses one file's content according to its kind.
func (fa *fileAnalyzer) analyzeFile(p string, src []byte, read func(string) ([]byte, error)) *fileResult {
	kind := classify(p)
	res := fa.analyzeCode(p, src, kind)
	if res.skip != nil {
		return res
	}
	if kind&kindManifest != 0 {
		readManifest(res, p, src, read)
	}
	if kind&kindConfig != 0 && kind&(kindPython|kindNotebook) == 0 && fa.filter.mayMatch(src) && !isBinary(src) {
		res.findings = append(res.findings, fa.configFindings(p, src)...)
	}
	return res
}

// analyzeCode analyses a Python file's or a notebook's code: the part of a
// file's analysis that depends on its bytes alone, which the cache keeps. Any
// other kind gets an empty result.
func (fa *fileAnalyzer) analyzeCode(p string, src []byte, kind fileKind) *fileResult {
	switch {
	case kind&kindPython != 0:
		if isBinary(src) {
			return skipped(p, "binary", "binary content (NUL bytes) in a .py file")
		}
		r, err := fa.analyzeSource(p, decodeSource(src), "python", nil)
		if err != nil {
			return analysisSkip(p, err)
		}
		return r
	case kind&kindNotebook != 0:
		nb, err := notebook.Parse(src)
		if err != nil {
			return skipped(p, "malformed", fmt.Sprintf("malformed notebook: %v", err))
		}
		r, err := fa.analyzeSource(p, nb.Code, "notebook", nb.Locate)
		if err != nil {
			return analysisSkip(p, err)
		}
		return r
	}
	return &fileResult{path: p}
}

// readManifest adds a manifest's dependencies to res. The good entries are
// kept; the bad ones are reported, not hidden.
func readManifest(res *fileResult, p string, src []byte, read func(string) ([]byte, error)) {
	deps, err := manifest.Parse(p, src, read)
	res.deps = deps
	if err != nil {
		res.problems = append(res.problems, Skipped{Path: p, Code: "malformed", Reason: err.Error()})
	}
}

// configFindings reads settings such as KERAS_BACKEND from a non-Python file.
func (fa *fileAnalyzer) configFindings(p string, src []byte) []Finding {
	var refs []python.Reference
	for _, d := range fileDetectors {
		refs = append(refs, d.detect(src)...)
	}
	return buildFindings(fa.cat, p, src, refs, nil)
}

// buildFindings matches references against the catalog and turns the matches into
// findings in source order, fingerprinted. lineMap, when set, maps a line of src
// to a notebook cell and the line inside it; lines outside every cell are dropped.
func buildFindings(cat *catalog.Catalog, p string, src []byte, refs []python.Reference, lineMap func(int) (int, int, bool)) []Finding {
	matches := matchRefs(cat, refs)
	sort.SliceStable(matches, func(i, j int) bool { return matches[i].ref.Offset < matches[j].ref.Offset })
	fp := newFingerprinter()
	out := make([]Finding, 0, len(matches))
	for _, m := range matches {
		f := Finding{
			Rule:        m.rule.ID,
			Framework:   m.rule.Framework,
			Era:         m.rule.Era,
			Category:    m.rule.Category,
			Symbol:      m.ref.Symbol,
			Kind:        m.ref.Kind,
			File:        p,
			Line:        m.ref.Line,
			Column:      m.ref.Column,
			Replacement: m.replacement,
			Fingerprint: fp.next(m.rule.ID, m.ref.Symbol, m.ref.Kind, lineText(src, m.ref.Offset)),
		}
		if lineMap != nil {
			cell, line, ok := lineMap(f.Line)
			if !ok {
				continue
			}
			f.Cell, f.Line = intPtr(cell), line
		}
		out = append(out, f)
	}
	return out
}

func analysisSkip(p string, err error) *fileResult {
	if errors.Is(err, python.ErrTimeout) {
		return skipped(p, "timeout", "parsing took longer than the time limit")
	}
	return skipped(p, "internal", fmt.Sprintf("analysis failed: %v", err))
}

func intPtr(v int) *int { return &v }

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
