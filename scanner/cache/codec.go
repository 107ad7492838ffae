package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/frameshift/frameshift/scanner"
)

// The payload is a compact binary form of scanner.CachedFile: unsigned varints for
// counts and string references, zig-zag varints for numbers, one presence byte per
// pointer. Strings go through a per-entry table (0 = a new string follows, n = the
// (n-1)th string already seen), because a file's findings repeat the same rule,
// framework, era and category many times. JSON and gob were measured against it
// (BenchmarkCodec in codec_bench_test.go, numbers in docs/performance.md): JSON
// decodes about 10x slower, and gob re-sends its type description in every entry.
//
// The field order below is the format: changing it, or adding a field to one of
// the encoded structs, requires bumping formatVersion. TestCodecCoversEveryField
// fills every field by reflection, so a new field that the codec forgets fails it.

var errCorrupt = errors.New("corrupt cache entry")

type encoder struct {
	buf     []byte
	strings map[string]uint64
}

func encodeFile(cf *scanner.CachedFile) []byte {
	e := &encoder{buf: make([]byte, 0, 256), strings: make(map[string]uint64, 16)}
	e.file(cf)
	return e.buf
}

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) int(v int)     { e.buf = binary.AppendVarint(e.buf, int64(v)) }

func (e *encoder) present(ok bool) {
	if ok {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}

func (e *encoder) string(s string) {
	if i, ok := e.strings[s]; ok {
		e.uint(i + 1)
		return
	}
	e.strings[s] = uint64(len(e.strings))
	e.uint(0)
	e.uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.string(s)
	}
}

func (e *encoder) intPtr(p *int) {
	e.present(p != nil)
	if p != nil {
		e.int(*p)
	}
}

func (e *encoder) file(cf *scanner.CachedFile) {
	e.present(cf.Report != nil)
	if r := cf.Report; r != nil {
		e.string(r.Path)
		e.string(r.Kind)
		e.int(r.Lines)
		e.int(r.Findings)
		e.int(r.ErrorNodes)
		e.strs(r.Frameworks)
		e.strs(r.StarImports)
	}
	e.uint(uint64(len(cf.Findings)))
	for i := range cf.Findings {
		f := &cf.Findings[i]
		e.string(f.Rule)
		e.string(f.Framework)
		e.string(f.Era)
		e.string(f.Category)
		e.string(f.Symbol)
		e.string(string(f.Kind))
		e.string(f.File)
		e.int(f.Line)
		e.int(f.Column)
		e.intPtr(f.Cell)
		e.string(f.Replacement)
		e.string(f.Fingerprint)
		e.string(f.Baseline)
	}
	e.uint(uint64(len(cf.Classes)))
	for i := range cf.Classes {
		c := &cf.Classes[i]
		e.string(c.Name)
		e.strs(c.Bases)
		e.int(c.Line)
		e.int(c.Column)
		e.intPtr(c.Cell)
		e.string(c.Text)
	}
	e.present(cf.Skip != nil)
	if s := cf.Skip; s != nil {
		e.string(s.Path)
		e.string(s.Code)
		e.string(s.Reason)
	}
}

// decoder reads a payload. Every read is bounds-checked, and every count is checked
// against the bytes left before anything is allocated, so garbage yields
// errCorrupt, never a panic or a huge allocation. It works on one string copy of
// the payload, so every decoded string is a substring of it: one allocation for
// all the text of an entry instead of one per string.
type decoder struct {
	rest    string
	strings []string
	err     error
}

// stringTables recycles decoders' string tables: a warm scan decodes thousands
// of entries, and growing a fresh table for each was a sixth of what it allocated.
var stringTables = sync.Pool{New: func() any { return new([]string) }}

func decodeFile(payload []byte) (*scanner.CachedFile, error) {
	table := stringTables.Get().(*[]string)
	d := &decoder{rest: string(payload), strings: (*table)[:0]}
	defer func() {
		// Drop the references into this payload before the table is reused.
		clear(d.strings)
		*table = d.strings[:0]
		stringTables.Put(table)
	}()
	cf := d.file()
	if d.err != nil {
		return nil, d.err
	}
	if len(d.rest) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(d.rest))
	}
	return cf, nil
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: bad %s", errCorrupt, what)
	}
	d.rest = ""
}

// uint reads an unsigned varint as binary.Uvarint does, from a string.
func (d *decoder) uint() uint64 {
	var v uint64
	for i := 0; i < len(d.rest) && i < binary.MaxVarintLen64; i++ {
		b := d.rest[i]
		if i == binary.MaxVarintLen64-1 && b > 1 {
			break
		}
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.rest = d.rest[i+1:]
			return v
		}
	}
	d.fail("varint")
	return 0
}

// int reads a zig-zag varint as binary.Varint does.
func (d *decoder) int() int {
	u := d.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	if int64(int(v)) != v {
		d.fail("integer")
		return 0
	}
	return int(v)
}

func (d *decoder) present() bool {
	if len(d.rest) == 0 || d.rest[0] > 1 {
		d.fail("presence byte")
		return false
	}
	ok := d.rest[0] == 1
	d.rest = d.rest[1:]
	return ok
}

// count reads a number of elements, each of which takes at least one byte.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.rest)) {
		d.fail("count")
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	ref := d.uint()
	if d.err != nil {
		return ""
	}
	if ref > 0 {
		if ref > uint64(len(d.strings)) {
			d.fail("string reference")
			return ""
		}
		return d.strings[ref-1]
	}
	n := d.uint()
	if n > uint64(len(d.rest)) {
		d.fail("string length")
		return ""
	}
	s := d.rest[:n]
	d.rest = d.rest[n:]
	d.strings = append(d.strings, s)
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.string()
	}
	return out
}

func (d *decoder) intPtr() *int {
	if !d.present() {
		return nil
	}
	v := d.int()
	return &v
}

func (d *decoder) file() *scanner.CachedFile {
	cf := &scanner.CachedFile{}
	if d.present() {
		cf.Report = &scanner.FileReport{
			Path:       d.string(),
			Kind:       d.string(),
			Lines:      d.int(),
			Findings:   d.int(),
			ErrorNodes: d.int(),
		}
		cf.Report.Frameworks = d.strs()
		cf.Report.StarImports = d.strs()
	}
	if n := d.count(); n > 0 {
		cf.Findings = make([]scanner.Finding, n)
		for i := range cf.Findings {
			f := &cf.Findings[i]
			f.Rule = d.string()
			f.Framework = d.string()
			f.Era = d.string()
			f.Category = d.string()
			f.Symbol = d.string()
			f.Kind = scanner.Kind(d.string())
			f.File = d.string()
			f.Line = d.int()
			f.Column = d.int()
			f.Cell = d.intPtr()
			f.Replacement = d.string()
			f.Fingerprint = d.string()
			f.Baseline = d.string()
		}
	}
	if n := d.count(); n > 0 {
		cf.Classes = make([]scanner.CachedClass, n)
		for i := range cf.Classes {
			c := &cf.Classes[i]
			c.Name = d.string()
			c.Bases = d.strs()
			c.Line = d.int()
			c.Column = d.int()
			c.Cell = d.intPtr()
			c.Text = d.string()
		}
	}
	if d.present() {
		cf.Skip = &scanner.Skipped{Path: d.string(), Code: d.string(), Reason: d.string()}
	}
	return cf
}
