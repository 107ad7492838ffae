// Package notebook turns a Jupyter notebook into Python source for the analyzer.
//
// The code cells are joined into one text, and IPython syntax (magics, shell
// escapes, help) is turned into comments in place, so that every remaining
// line and column is where the analyzer's positions say it is. Cells keep their
// original text for detectors that want to read magics such as %env.
package notebook

import "sort"

// Cell is one code cell of the notebook.
type Cell struct {
	Index int    // index in the notebook's cells array (markdown cells included), 0-based
	Start int    // first line of the cell in Code, 1-based
	Lines int    // number of lines the cell occupies in Code
	Raw   string // the cell's source exactly as written (magics included)
}

// Source is a notebook's code cells joined into one Python text.
type Source struct {
	Code  []byte // code cells joined, each ending with a newline
	Cells []Cell
}

// Parse reads .ipynb JSON (nbformat 4, and 3's worksheets). Cell source may be
// a string or a list of strings. Only cells with cell_type "code" are kept, and
// only when the notebook's language (metadata.kernelspec.language or
// metadata.language_info.name) is Python or unset; a notebook in another
// language yields an empty Source. A malformed notebook (bad JSON, wrong
// shapes) returns an error that says what is wrong.
func Parse(data []byte) (*Source, error) {
	cells, err := decode(data)
	if err != nil {
		return nil, err
	}
	src := &Source{}
	line := 1
	for _, c := range cells {
		code := neutralize(c.text)
		if code != "" && code[len(code)-1] != '\n' {
			code += "\n"
		}
		lines := countLines(code)
		src.Code = append(src.Code, code...)
		src.Cells = append(src.Cells, Cell{Index: c.index, Start: line, Lines: lines, Raw: c.text})
		line += lines
	}
	return src, nil
}

// Locate maps a 1-based line of Code to (cell index, 1-based line inside that
// cell); ok is false for lines outside every cell.
func (s *Source) Locate(line int) (cell, lineInCell int, ok bool) {
	// The first cell starting after line; the one before it is the candidate.
	i := sort.Search(len(s.Cells), func(i int) bool { return s.Cells[i].Start > line })
	for i > 0 {
		c := s.Cells[i-1]
		if c.Lines == 0 {
			i-- // an empty cell shares its Start with the next one
			continue
		}
		if line >= c.Start && line < c.Start+c.Lines {
			return c.Index, line - c.Start + 1, true
		}
		break
	}
	return 0, 0, false
}

func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}
