package notebook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// rawNotebook holds the parts of nbformat 3 and 4 that matter here; every
// other field is ignored.
type rawNotebook struct {
	// NBFormat is decoded with UseNumber, so a number arrives as json.Number
	// and anything else keeps its JSON type for the error message.
	NBFormat   any            `json:"nbformat"`
	Metadata   rawMetadata    `json:"metadata"`
	Cells      *[]rawCell     `json:"cells"`
	Worksheets []rawWorksheet `json:"worksheets"`
}

type rawMetadata struct {
	Kernelspec struct {
		Language string `json:"language"`
	} `json:"kernelspec"`
	LanguageInfo struct {
		Name string `json:"name"`
	} `json:"language_info"`
	// Language is where some nbformat 3 notebooks recorded it.
	Language string `json:"language"`
}

type rawWorksheet struct {
	Cells []rawCell `json:"cells"`
}

type rawCell struct {
	CellType string          `json:"cell_type"`
	Source   json.RawMessage `json:"source"`
	// Input and Language are nbformat 3's names for a code cell's text and
	// its language.
	Input    json.RawMessage `json:"input"`
	Language string          `json:"language"`
}

// multiline reads a multi-line string, which nbformat writes either as one
// string or as a list of strings to be concatenated. Absent or null is empty.
func multiline(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '[':
		var parts []string
		if err := json.Unmarshal(raw, &parts); err != nil {
			return "", errors.New("is a list holding something other than strings")
		}
		return strings.Join(parts, ""), nil
	}
	return "", errors.New("is neither a string nor a list of strings")
}

// codeCell is a kept cell: its position in the notebook and its text.
type codeCell struct {
	index int
	text  string
}

// decode reads the notebook JSON and returns its Python code cells.
func decode(data []byte) ([]codeCell, error) {
	var nb rawNotebook
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&nb); err != nil {
		return nil, describe(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("invalid JSON at line %d: unexpected data after the notebook object", lineOf(data, int(dec.InputOffset())))
	}
	var major int64
	switch v := nb.NBFormat.(type) {
	case nil:
		return nil, errors.New("not a Jupyter notebook: the nbformat field is missing")
	case json.Number:
		n, err := v.Int64()
		if err != nil {
			return nil, fmt.Errorf("nbformat %s is not a whole number", v)
		}
		major = n
	default:
		return nil, fmt.Errorf("nbformat is a JSON %s, not a number", jsonType(v))
	}
	var cells []rawCell
	switch major {
	case 4:
		if nb.Cells == nil {
			return nil, errors.New("an nbformat 4 notebook must have a cells list")
		}
		cells = *nb.Cells
	case 3:
		for _, ws := range nb.Worksheets {
			cells = append(cells, ws.Cells...)
		}
	default:
		return nil, fmt.Errorf("nbformat %d is not supported (only 3 and 4 are)", major)
	}
	if !isPython(nb.Metadata.Kernelspec.Language, nb.Metadata.LanguageInfo.Name, nb.Metadata.Language) {
		return nil, nil
	}
	var out []codeCell
	for i, c := range cells {
		if c.CellType != "code" {
			continue
		}
		raw, field := c.Source, "source"
		if major == 3 {
			if c.Language != "" && !isPython(c.Language) {
				continue
			}
			raw, field = c.Input, "input"
		}
		src, err := multiline(raw)
		if err != nil {
			return nil, fmt.Errorf("the %s of cell %d %w", field, i, err)
		}
		out = append(out, codeCell{index: i, text: src})
	}
	return out, nil
}

// isPython reports whether the first language named is Python; none named
// means Python, the Jupyter default.
func isPython(names ...string) bool {
	for _, n := range names {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		return strings.HasPrefix(n, "python") || strings.HasPrefix(n, "ipython")
	}
	return true
}

// describe turns an encoding/json error into one sentence about the notebook.
func describe(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("the file holds no JSON")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid JSON: the notebook ends too early")
	case errors.As(err, &syn):
		return fmt.Errorf("invalid JSON at line %d: %s", lineOf(data, int(syn.Offset)), syn.Error())
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return fmt.Errorf("the notebook is a JSON %s, not an object", typ.Value)
		}
		return fmt.Errorf("field %s is a JSON %s, which is the wrong type", field, typ.Value)
	}
	return err
}

// jsonType names the JSON type of a value decoded into any.
func jsonType(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "value"
}

func lineOf(data []byte, offset int) int {
	if offset > len(data) {
		offset = len(data)
	}
	return bytes.Count(data[:offset], []byte("\n")) + 1
}
