package scanner

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/frameshift/frameshift/scanner/walk"
)

// CachedFile is the analysis of one Python file or notebook, independent of the
// path it was found at: paths are blank and filled in on use, so a file that moved
// or a blob shared by many commits is analysed once.
type CachedFile struct {
	Report   *FileReport   `json:"report,omitempty"`
	Findings []Finding     `json:"findings,omitempty"`
	Classes  []CachedClass `json:"classes,omitempty"`
	Skip     *Skipped      `json:"skip,omitempty"`

	// compact entries (Compact) hold counts instead of findings.
	compact bool
	counts  []findingCount
}

// Compact returns the entry with its findings replaced by their counts by
// framework, era and category: all that Footprint reads, in a fraction of the
// memory, for a memory cache that serves many footprints (history's). A
// compact entry serves counted lookups only; to any other it is a miss, and
// the file is analysed again. It is never stored on disk.
func (cf *CachedFile) Compact() *CachedFile {
	if cf.compact || len(cf.Findings) == 0 {
		return cf
	}
	var fc fileCounts
	for i := range cf.Findings {
		f := &cf.Findings[i]
		fc.add(f.Framework, f.Era, f.Category, 1)
	}
	return &CachedFile{Report: cf.Report, Classes: cf.Classes, Skip: cf.Skip, compact: true, counts: fc.counts}
}

// IsCompact reports whether the entry holds counts instead of findings.
func (cf *CachedFile) IsCompact() bool { return cf.compact }

// CachedClass is a class definition kept for the repository-wide model detector.
type CachedClass struct {
	Name   string   `json:"name"`
	Bases  []string `json:"bases"`
	Line   int      `json:"line"`
	Column int      `json:"column"`
	Cell   *int     `json:"cell,omitempty"`
	Text   string   `json:"text"`
}

// cacheKeyer wraps file analysis with a content-addressed cache. Keys combine the
// tool version, the catalog digest, the kind of file and the content's hash (the
// git blob hash when the source knows it), so a new release or a rule change never
// reuses a stale result.
type cacheKeyer struct {
	cache  Cache
	prefix string
	// counted restores cached findings as counts only (see collect).
	counted bool
}

func newCacheKeyer(c Cache, catalogDigest, toolVersion string) *cacheKeyer {
	return &cacheKeyer{cache: c, prefix: toolVersion + "\x00" + catalogDigest + "\x00"}
}

// caches reports whether results for files of this kind are cached: Python files
// and notebooks, whose analysis depends on their bytes alone (manifests read
// the files they include).
func (k *cacheKeyer) caches(kind fileKind) bool {
	return k != nil && k.cache != nil && kind&(kindPython|kindNotebook) != 0 && kind&kindManifest == 0
}

// lookupBlob returns the cached result for a file whose source names its
// content by a git blob id, before the file is read, and the key to store a
// fresh result under; no key for any other file, or a kind not cached.
func (k *cacheKeyer) lookupBlob(f walk.File, kind fileKind) (*fileResult, string) {
	if !k.caches(kind) || f.ID == "" {
		return nil, ""
	}
	return k.get(f, k.key(kind, "git-blob:"+f.ID))
}

// lookupSum returns the cached result for a file whose content has the given
// SHA-256, and the key to store a fresh result under.
func (k *cacheKeyer) lookupSum(f walk.File, kind fileKind, sum [32]byte) (*fileResult, string) {
	return k.get(f, k.key(kind, string(sum[:])))
}

func (k *cacheKeyer) get(f walk.File, key string) (*fileResult, string) {
	if cf, ok := k.cache.Get(key); ok && cf != nil && (k.counted || !cf.compact) {
		if k.counted {
			return cf.restoreCounts(f.Path), key
		}
		return cf.restore(f.Path), key
	}
	return nil, key
}

// store remembers a fresh result under key, if there is one.
func (k *cacheKeyer) store(key string, res *fileResult) {
	if key != "" {
		k.cache.Put(key, toCached(res))
	}
}

// key hashes the prefix, the kind and the content's identity: a blob id, or
// the content's own hash.
func (k *cacheKeyer) key(kind fileKind, content string) string {
	h := sha256.New()
	h.Write([]byte(k.prefix))
	h.Write([]byte{byte(kind)})
	h.Write([]byte(content))
	return hex.EncodeToString(h.Sum(nil))
}

func toCached(r *fileResult) *CachedFile {
	cf := &CachedFile{}
	if r.skip != nil {
		s := *r.skip
		s.Path = ""
		cf.Skip = &s
		return cf
	}
	if r.report != nil {
		rep := *r.report
		rep.Path = ""
		cf.Report = &rep
	}
	cf.Findings = make([]Finding, len(r.findings))
	for i, f := range r.findings {
		f.File = ""
		cf.Findings[i] = f
	}
	for _, c := range r.classes {
		cf.Classes = append(cf.Classes, CachedClass{Name: c.name, Bases: c.bases, Line: c.line, Column: c.column, Cell: c.cell, Text: string(c.text)})
	}
	return cf
}

// restoreCounts is restore with the findings counted, not copied: what a
// summary needs, at a fraction of the cost for a file with many findings.
func (cf *CachedFile) restoreCounts(p string) *fileResult {
	if cf.Skip != nil {
		return cf.restore(p)
	}
	r := &fileResult{path: p, counted: true}
	if cf.Report != nil {
		rep := *cf.Report
		rep.Path = p
		r.report = &rep
	}
	if cf.compact {
		r.counts = cf.counts
	} else {
		fc := fileCounts{file: p}
		for i := range cf.Findings {
			f := &cf.Findings[i]
			fc.add(f.Framework, f.Era, f.Category, 1)
		}
		r.counts = fc.counts
	}
	for _, c := range cf.Classes {
		r.classes = append(r.classes, classDef{file: p, name: c.Name, bases: c.Bases, line: c.Line, column: c.Column, cell: c.Cell, text: []byte(c.Text)})
	}
	return r
}

func (cf *CachedFile) restore(p string) *fileResult {
	r := &fileResult{path: p}
	if cf.Skip != nil {
		s := *cf.Skip
		s.Path = p
		r.skip = &s
		return r
	}
	if cf.Report != nil {
		rep := *cf.Report
		rep.Path = p
		r.report = &rep
	}
	// The findings are not copied here to carry the path: assemble stamps it as
	// it copies them into the inventory. cf may be shared (history keeps one per
	// blob), so they are never written to.
	r.findings = cf.Findings
	r.unstamped = true
	for _, c := range cf.Classes {
		r.classes = append(r.classes, classDef{file: p, name: c.Name, bases: c.Bases, line: c.Line, column: c.Column, cell: c.Cell, text: []byte(c.Text)})
	}
	return r
}
