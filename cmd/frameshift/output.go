package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/frameshift/frameshift/report"
)

// outputSpec is one requested output: a format, and a file ("" for stdout).
type outputSpec struct {
	format string
	path   string
}

var formatByExt = map[string]string{
	".json": "json", ".sarif": "sarif", ".md": "markdown", ".markdown": "markdown",
	".html": "html", ".htm": "html", ".csv": "csv", ".txt": "table",
}

// parseOutputs reads -o values: "table", "sarif=out.sarif", or a bare file name
// whose format comes from --format or its extension. With no -o, the one output is
// --format on stdout.
func parseOutputs(values []string, format string, formatSet bool) ([]outputSpec, error) {
	known := map[string]bool{}
	for _, n := range report.FormatNames() {
		known[n] = true
	}
	if !known[format] {
		return nil, usageErrorf("unknown format %q for --format (known: %s)", format, strings.Join(report.FormatNames(), ", "))
	}
	if len(values) == 0 {
		return []outputSpec{{format: format}}, nil
	}
	var specs []outputSpec
	stdout := 0
	for _, v := range values {
		var spec outputSpec
		switch name, path, hasEq := strings.Cut(v, "="); {
		case hasEq && known[name]:
			if path == "" {
				return nil, usageErrorf("-o %s: missing file name after '='", v)
			}
			spec = outputSpec{format: name, path: path}
		case known[v]:
			spec = outputSpec{format: v}
		default:
			f := format
			if !formatSet {
				var ok bool
				if f, ok = formatByExt[strings.ToLower(filepath.Ext(v))]; !ok {
					return nil, usageErrorf("-o %s: cannot tell the format from the file name; use -o FORMAT=%s or --format", v, v)
				}
			}
			spec = outputSpec{format: f, path: v}
		}
		if spec.path == "" || spec.path == "-" {
			spec.path = ""
			stdout++
		}
		specs = append(specs, spec)
	}
	if stdout > 1 {
		return nil, usageErrorf("only one output can go to standard output; give the others a file (-o FORMAT=FILE)")
	}
	return specs, nil
}

// writeOutputs renders doc in every requested format. Files are written atomically:
// a reader never sees half a report, and a failed run leaves the old file intact.
func writeOutputs(io *ioStreams, doc *report.Document, specs []outputSpec, opts report.Options) error {
	for _, spec := range specs {
		o := opts
		o.Color = opts.Color && spec.path == "" && spec.format == "table"
		enc, err := report.Lookup(spec.format, o)
		if err != nil {
			return usageErrorf("%v", err)
		}
		var buf bytes.Buffer
		if err := enc.Encode(&buf, doc); err != nil {
			return fmt.Errorf("encode %s report: %w", spec.format, err)
		}
		if spec.path == "" {
			if _, err := io.Out.Write(buf.Bytes()); err != nil {
				return fmt.Errorf("write report: %w", err)
			}
			continue
		}
		if err := writeFileAtomic(spec.path, buf.Bytes()); err != nil {
			return &InputError{Err: err}
		}
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	// A device or a pipe (/dev/null, /dev/stdout, a FIFO) cannot be replaced by a
	// rename: write to it directly.
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		return f.Close()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
