package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// tomlLines maps a key path of a TOML document to the line where it is
// written. go-toml's decoder drops positions, but its parser (the same one the
// decoder runs) keeps every node's byte range, so lines come from the syntax,
// not from searching the text. Array elements get an index part ("[2]"), and
// so does each [[array table]] entry.
type tomlLines struct {
	lines map[string]int
	index lineIndex
}

// tomlPath joins key parts into a tomlLines key. NUL cannot occur in a key
// part that matters to us, so dotted and quoted keys stay distinct. Parts are
// lower-cased because go-toml matches struct fields without regard to case
// ([tool.Poetry] fills the Poetry field), and the index must find every key the
// decoder accepted.
func tomlPath(parts ...string) string { return strings.ToLower(strings.Join(parts, "\x00")) }

func tomlIndex(i int) string { return "[" + strconv.Itoa(i) + "]" }

// line returns the line of a key path, or 0 when the path was not seen.
func (t *tomlLines) line(parts ...string) int { return t.lines[tomlPath(parts...)] }

// indexTOML builds the line index. Call it only on data that decodeTOML
// accepted: the parser's own error is then impossible, and is ignored.
func indexTOML(data []byte) *tomlLines {
	t := &tomlLines{lines: map[string]int{}, index: newLineIndex(data)}
	var p unstable.Parser
	p.Reset(data)
	arrayLen := map[string]int{}
	// resolve inserts, after each prefix naming an array of tables, the index
	// of its latest entry: [[a]] then [a.b] means a[last].b.
	resolve := func(parts []string) []string {
		var out []string
		for _, part := range parts {
			out = append(out, part)
			if n, ok := arrayLen[tomlPath(out...)]; ok {
				out = append(out, tomlIndex(n-1))
			}
		}
		return out
	}
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			parts, first := keyOf(e)
			table = resolve(parts)
			// [a.b.c] also defines a and a.b when they are not defined yet.
			for i := 1; i <= len(table); i++ {
				t.set(table[:i], first)
			}
		case unstable.ArrayTable:
			parts, first := keyOf(e)
			if len(parts) == 0 {
				continue
			}
			table = append(resolve(parts[:len(parts)-1]), parts[len(parts)-1])
			k := tomlPath(table...)
			n := arrayLen[k]
			arrayLen[k] = n + 1
			table = append(table, tomlIndex(n))
			t.set(table, first)
		case unstable.KeyValue:
			t.keyValue(table, e)
		}
	}
	return t
}

// keyOf returns the parts of a node's key and the node of its first part.
func keyOf(n *unstable.Node) ([]string, *unstable.Node) {
	var parts []string
	var first *unstable.Node
	it := n.Key()
	for it.Next() {
		if first == nil {
			first = it.Node()
		}
		parts = append(parts, string(it.Node().Data))
	}
	return parts, first
}

func (t *tomlLines) keyValue(table []string, kv *unstable.Node) { t.keyValueAt(table, kv, 0) }

func (t *tomlLines) keyValueAt(table []string, kv *unstable.Node, depth int) {
	parts, first := keyOf(kv)
	full := append(append([]string(nil), table...), parts...)
	// a.b.c = v inside [t] also defines t.a and t.a.b.
	for i := len(table) + 1; i <= len(full); i++ {
		t.set(full[:i], first)
	}
	t.value(full, kv.Value(), depth)
}

// maxValueDepth bounds how deep value() descends: the deepest entry we read
// is a list of tables in a table (Poetry's per-platform constraints), and
// indexing every level of a hostile, thousands-deep array would cost time and
// memory quadratic in its depth.
const maxValueDepth = 4

// value records the elements of arrays and the keys of inline tables.
func (t *tomlLines) value(at []string, v *unstable.Node, depth int) {
	if depth >= maxValueDepth {
		return
	}
	switch v.Kind {
	case unstable.Array:
		i := 0
		it := v.Children()
		for it.Next() {
			child := it.Node()
			if child.Kind == unstable.Comment {
				continue
			}
			elem := append(append([]string(nil), at...), tomlIndex(i))
			t.set(elem, child)
			t.value(elem, child, depth+1)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if kv := it.Node(); kv.Kind == unstable.KeyValue {
				t.keyValueAt(at, kv, depth+1)
			}
		}
	}
}

// set records the line where a node starts. Arrays carry no range of their
// own, so an array nested in an array has no line; nothing we read is shaped so.
func (t *tomlLines) set(parts []string, n *unstable.Node) {
	if n == nil || n.Raw.Length == 0 {
		return
	}
	k := tomlPath(parts...)
	if _, ok := t.lines[k]; ok {
		return
	}
	t.lines[k] = t.index.lineOf(int(n.Raw.Offset))
}

// decodeTOML decodes data into v and turns go-toml's error into one sentence
// that names the file, the line and the cause.
func decodeTOML(file string, data []byte, v any) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("parse %s: the file is binary (it contains NUL bytes)", file)
	}
	err := toml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		// A type mismatch message spells out Go struct types; say it in the
		// file's own terms instead.
		if _, found, ok := strings.Cut(de.Error(), "cannot decode TOML "); ok {
			kind, _, _ := strings.Cut(found, " ")
			return fmt.Errorf("parse %s: line %d: %s has the wrong type (a TOML %s)", file, row, strings.Join(de.Key(), "."), kind)
		}
		return fmt.Errorf("parse %s: line %d: %s", file, row, de.Error())
	}
	return fmt.Errorf("parse %s: %w", file, err)
}
