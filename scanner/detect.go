package scanner

import (
	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/python"
)

// fileDetector finds, in one file's text, uses that Python syntax cannot express,
// and reports them as references for the catalog to judge like any other.
type fileDetector interface {
	detect(src []byte) []python.Reference
	// keywords are the words the detector looks for, which the prefilter must
	// let through wherever they end a token.
	keywords() []string
}

// inventoryDetector refines findings once every file is known: what needs the whole
// repository, such as a class whose framework base is defined in another file.
type inventoryDetector interface {
	refine(inv *Inventory, classes []classDef, cat *catalog.Catalog)
	// refineCounts does to findings counted per file what refine does to the
	// findings themselves, for Footprint; TestFootprintMatchesScan holds the
	// two to the same summary.
	refineCounts(b *summaryBuilder, deps []Dependency, classes []classDef, cat *catalog.Catalog)
}

// The one list of detectors. Each lives in detect_<what>.go with its own test.
var (
	fileDetectors      = []fileDetector{envSettingDetector{}}
	inventoryDetectors = []inventoryDetector{modelSubclassDetector{}, kerasEraDetector{}}
)
