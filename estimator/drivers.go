package estimator

import (
	"cmp"
	"slices"
	"strings"
)

// How many drivers of each kind an estimate lists: enough to point at the costly
// code without repeating the breakdowns.
const (
	maxRuleDrivers   = 5
	maxFolderDrivers = 3
	maxFileDrivers   = 5
)

// drivers lists the costliest rules, folders and files, in that order, each kind
// by hours (then name).
func drivers(t *tally) []Driver {
	out := []Driver{}
	out = append(out, topDrivers("rule", t.byRule, t.work, maxRuleDrivers)...)
	out = append(out, topDrivers("folder", t.byFolder, t.work, maxFolderDrivers)...)
	out = append(out, topDrivers("file", t.byFile, t.work, maxFileDrivers)...)
	return out
}

func topDrivers(kind string, by map[string]*accum, total float64, n int) []Driver {
	shares := sharesOf(by, total, Range{})
	if len(shares) > n {
		shares = shares[:n]
	}
	out := make([]Driver, 0, len(shares))
	for _, s := range shares {
		out = append(out, Driver{Kind: kind, Name: s.Name, Uses: s.Uses, Hours: s.Hours, Share: s.Share})
	}
	return out
}

// sharesOf turns subtotals into shares of the total work, sorted by hours (then
// name), each with its part of the path's engineer-months. The engineer-months are
// split in proportion to hours: the growth rule prices the codebase as a whole,
// so a folder's share of it is its share of the work.
func sharesOf(by map[string]*accum, total float64, engMonths Range) []Share {
	out := make([]Share, 0, len(by))
	for name := range by {
		a := by[name]
		s := Share{Name: name, Uses: a.uses, Hours: round2(a.hours)}
		if total > 0 {
			frac := a.hours / total
			s.Share = round4(frac)
			s.EngMonths = Range{Low: round3(engMonths.Low * frac), High: round3(engMonths.High * frac)}
		}
		out = append(out, s)
	}
	// By hours, then name: names are unique, so the order is total.
	slices.SortFunc(out, func(a, b Share) int {
		if c := cmp.Compare(b.Hours, a.Hours); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}
