// Package spreadsheet keeps the CSV formats of report and report/portfolio safe to
// open in a spreadsheet: their cells come from scanned repositories and from
// reports made elsewhere.
package spreadsheet

// GuardFormulas neutralises, in place, the cells a spreadsheet would run as a
// formula: a cell starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, as OWASP advises for CSV injection. It returns row.
func GuardFormulas(row []string) []string {
	for i, c := range row {
		if c == "" {
			continue
		}
		switch c[0] {
		case '=', '+', '-', '@', '\t', '\r':
			row[i] = "'" + c
		}
	}
	return row
}
