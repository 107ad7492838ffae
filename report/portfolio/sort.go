package portfolio

import "sort"

// sortByFindings orders a repository's frameworks by findings, most first, ties
// by name, for display.
func sortByFindings(fws []FrameworkUse) {
	sort.SliceStable(fws, func(i, j int) bool {
		if fws[i].Findings != fws[j].Findings {
			return fws[i].Findings > fws[j].Findings
		}
		return fws[i].Name < fws[j].Name
	})
}

// sortTotalsByFindings orders portfolio framework totals the same way.
func sortTotalsByFindings(fws []FrameworkTotal) {
	sort.SliceStable(fws, func(i, j int) bool {
		if fws[i].Findings != fws[j].Findings {
			return fws[i].Findings > fws[j].Findings
		}
		return fws[i].Name < fws[j].Name
	})
}
