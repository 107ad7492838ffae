package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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

// encoderOf is an encoder of one kind of document: report.Encoder for a
// *report.Document, portfolio.Encoder for a *portfolio.Portfolio.
type encoderOf[D any] interface {
	Encode(w io.Writer, doc D) error
}

// lookupFunc finds the encoder of a format; terminal is true for the table on
// standard output, the one output that may be coloured.
type lookupFunc[D any] func(format string, terminal bool) (encoderOf[D], error)

// writeOutputs renders doc in every requested format. Files are written atomically:
// a reader never sees half a report, and a failed run leaves the old file intact.
func writeOutputs(io *ioStreams, doc *report.Document, specs []outputSpec, opts report.Options) error {
	return writeEncoded(io, doc, specs, "report", func(format string, terminal bool) (encoderOf[*report.Document], error) {
		o := opts
		o.Color = opts.Color && terminal
		return report.Lookup(format, o)
	})
}

// writeEncoded renders doc in every requested format with the encoders lookup
// finds, each streamed to standard output or to its file with writeFileAtomicWith:
// a report of a large repository is tens of megabytes, and holding it whole in
// memory before writing it doubled a scan's peak. what names the document in
// messages ("report", "portfolio").
func writeEncoded[D any](streams *ioStreams, doc D, specs []outputSpec, what string, lookup lookupFunc[D]) error {
	for _, spec := range specs {
		enc, err := lookup(spec.format, spec.path == "" && spec.format == "table")
		if err != nil {
			return usageErrorf("%v", err)
		}
		encode := func(w io.Writer) error {
			if err := enc.Encode(w, doc); err != nil {
				return fmt.Errorf("encode %s %s: %w", spec.format, what, err)
			}
			return nil
		}
		if spec.path == "" {
			bw := bufio.NewWriterSize(streams.Out, 1<<20)
			if err := encode(bw); err != nil {
				return err
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write %s: %w", what, err)
			}
			continue
		}
		if err := writeFileAtomicWith(spec.path, encode); err != nil {
			var encErr *encodeError
			if errors.As(err, &encErr) {
				return encErr.err
			}
			return &InputError{Err: err}
		}
	}
	return nil
}

// encodeError marks a failure of the content being written, as opposed to the
// file: it is a program error, not unusable input.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }

// writeFileAtomic replaces path with data; see writeFileAtomicWith.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileAtomicWith replaces path with what write produces, through a temporary
// file and a rename, so a reader never sees half a file and a failed write leaves
// the old one intact. An existing path that is not a regular file (-o
// json=/dev/null, /dev/stdout, a named pipe) cannot be replaced by a rename: it is
// written in place, and a folder fails there with a plain "is a directory".
func writeFileAtomicWith(path string, write func(io.Writer) error) error {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return writeInPlace(path, write)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op once renamed
	if err := writeBuffered(tmp, write); err != nil {
		tmp.Close()
		return wrapWrite(path, err)
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

func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeBuffered(f, write); err != nil {
		f.Close()
		return wrapWrite(path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// writeBuffered runs write through a buffer into f. A failure of write itself comes
// back as an *encodeError, a failure to write the file as a plain error.
func writeBuffered(f *os.File, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(f, 1<<20)
	fw := &failWriter{w: bw}
	if err := write(fw); err != nil {
		if fw.err != nil {
			return fw.err
		}
		return &encodeError{err: err}
	}
	return bw.Flush()
}

// failWriter remembers a write error, to tell a full disk from a failed encoder.
type failWriter struct {
	w   io.Writer
	err error
}

func (f *failWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

func wrapWrite(path string, err error) error {
	var encErr *encodeError
	if errors.As(err, &encErr) {
		return err
	}
	return fmt.Errorf("write %s: %w", path, err)
}
