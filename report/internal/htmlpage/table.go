package htmlpage

// Table is a generic table for the "table" partial; the templates build one with
// the "table" function: {{template "table" (table caption (list ...) "lr" rows)}}.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
	// aligns holds one letter per column, l or r.
	aligns string
}

// NewTable returns a table whose columns are aligned by aligns, one letter per
// column: l for text, r for a number. Missing letters mean l.
func NewTable(caption string, header []string, aligns string, rows [][]string) Table {
	return Table{Caption: caption, Header: header, Rows: rows, aligns: aligns}
}

// Right reports whether column i is right-aligned (a number).
func (t Table) Right(i int) bool { return i < len(t.aligns) && t.aligns[i] == 'r' }
