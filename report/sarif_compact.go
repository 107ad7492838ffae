package report

import (
	"bytes"
	"encoding/json"
)

// go-sarif's constructors initialise every optional array to [] and every optional
// index to -1, so each result would carry a dozen empty keys (about 500 bytes)
// that SARIF defines as equal to their absence. GitHub limits an upload's size, and
// people read these files, so compactSARIF drops them again.

// sarifDefaultIndexes are the properties whose schema default is -1.
var sarifDefaultIndexes = map[string]bool{
	"index": true, "byteOffset": true, "charOffset": true, "id": true, "rank": true, "ruleIndex": true,
}

// sarifKeptEmpty are the arrays whose emptiness means something: a run with
// "results": [] is a scan that found nothing, not a run that only lists rules.
var sarifKeptEmpty = map[string]bool{"results": true}

// compactSARIF re-encodes a SARIF log without empty optional arrays and objects
// and without -1 default indexes, indented, keys sorted, with a final newline.
func compactSARIF(raw []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(pruneSARIF(v)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func pruneSARIF(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, child := range t {
			child = pruneSARIF(child)
			if !sarifKeptEmpty[k] && isEmptyJSON(child) || sarifDefaultIndexes[k] && isMinusOne(child) {
				delete(t, k)
				continue
			}
			t[k] = child
		}
		return t
	case []any:
		for i := range t {
			t[i] = pruneSARIF(t[i])
		}
		return t
	}
	return v
}

func isEmptyJSON(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		return len(t) == 0
	case []any:
		return len(t) == 0
	}
	return false
}

func isMinusOne(v any) bool {
	n, ok := v.(json.Number)
	return ok && (n == "-1" || n == "-1.0" || n == "-1.000000")
}
