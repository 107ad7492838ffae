package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// pipfileLockEntry is one locked package. VCS and path entries have no version.
type pipfileLockEntry struct {
	Version string   `json:"version"`
	Markers string   `json:"markers"`
	Extras  []string `json:"extras"`
}

// parsePipfileLock reads the "default" and "develop" sections of a
// Pipfile.lock. encoding/json gives no positions for decoded values, but its
// token stream reports the byte offset after each token, so the line of each
// package name is read from the decoder rather than searched for.
func parsePipfileLock(file string, data []byte) ([]Dependency, error) {
	lines := newLineIndex(data)
	dec := json.NewDecoder(bytes.NewReader(data))
	fail := func(err error) error {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			// Offsets of errors inside Decode count from the value, not the
			// file; a whole-document check gives the absolute one.
			var whole json.RawMessage
			if errors.As(json.Unmarshal(data, &whole), &syn) {
				return fmt.Errorf("parse %s: line %d: %w", file, lines.lineAt(int(syn.Offset)), syn)
			}
			return fmt.Errorf("parse %s: %w", file, err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("parse %s: the JSON ends too early", file)
		}
		return fmt.Errorf("parse %s: line %d: %w", file, lines.lineAt(int(dec.InputOffset())), err)
	}
	if err := expectDelim(dec, '{'); err != nil {
		return nil, fail(err)
	}
	c := &collector{file: file, kind: KindPipfileLock}
	for dec.More() {
		section, err := objectKey(dec)
		if err != nil {
			return nil, fail(err)
		}
		if section != "default" && section != "develop" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fail(err)
			}
			continue
		}
		group := ""
		if section == "develop" {
			group = "develop"
		}
		if err := expectDelim(dec, '{'); err != nil {
			return nil, fail(fmt.Errorf("section %q is not an object", section))
		}
		for dec.More() {
			name, err := objectKey(dec)
			if err != nil {
				return nil, fail(err)
			}
			line := lines.lineAt(int(dec.InputOffset()))
			var entry pipfileLockEntry
			if err := dec.Decode(&entry); err != nil {
				return nil, fail(fmt.Errorf("package %q: %w", name, err))
			}
			d, ok := newDependency(file, line, KindPipfileLock, name, entry.Version, dialectPEP440)
			if ok {
				d.Group, d.Marker, d.Extras = group, entry.Markers, entry.Extras
				c.deps = append(c.deps, d)
			}
		}
		if err := expectDelim(dec, '}'); err != nil {
			return nil, fail(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, fail(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse %s: unexpected data after the JSON object", file)
	}
	return c.deps, nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("expected %q, found %v", want, tok)
	}
	return nil
}

func objectKey(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	key, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected an object key, found %v", tok)
	}
	return key, nil
}
