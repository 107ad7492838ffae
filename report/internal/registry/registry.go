// Package registry finds encoders by format name, for report's list of report
// formats and report/portfolio's list of portfolio formats: the two lists differ,
// the lookup does not.
package registry

import "sort"

// Named is an encoder, as far as a lookup is concerned.
type Named interface {
	// ID is the format's name on the command line.
	ID() string
}

// Find returns the first encoder of list whose ID is id.
func Find[E Named](list []E, id string) (E, bool) {
	for _, e := range list {
		if e.ID() == id {
			return e, true
		}
	}
	var none E
	return none, false
}

// Names lists the IDs of list, sorted.
func Names[E Named](list []E) []string {
	names := make([]string, 0, len(list))
	for _, e := range list {
		names = append(names, e.ID())
	}
	sort.Strings(names)
	return names
}
