package scanner

import (
	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/manifest"
)

// SchemaVersion is the version of the JSON report. Bump the major part when a field
// changes meaning or disappears; add fields freely within a major version.
const SchemaVersion = "1.0"

// Inventory is everything a scan found: the stable contract that estimates, reports,
// drift and history read. It holds no timestamps, and every slice is sorted, so the
// same input always yields the same value whatever the number of workers.
type Inventory struct {
	SchemaVersion string       `json:"schema_version"`
	Tool          Tool         `json:"tool"`
	Source        SourceInfo   `json:"source"`
	Summary       Summary      `json:"summary"`
	Files         []FileReport `json:"files"`
	Findings      []Finding    `json:"findings"`
	Dependencies  []Dependency `json:"dependencies"`
	Skipped       []Skipped    `json:"skipped"`
}

// Tool names the program and catalog that produced an inventory.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Catalog is a digest of the rules in force, so that two reports made with
	// different catalogs can be told apart.
	Catalog string `json:"catalog"`
}

// SourceInfo records what was scanned.
type SourceInfo struct {
	// Input is the path or URL as the user gave it, with any credential redacted.
	Input string `json:"input"`
	// Kind is "dir" for a plain folder, "git" for a repository.
	Kind string `json:"kind"`
	// Ref is the branch, tag or commit asked for, if any.
	Ref string `json:"ref,omitempty"`
	// Commit is the full commit hash scanned when the source is git.
	Commit string `json:"commit,omitempty"`
	// Worktree is true when a git repository was scanned from its working tree
	// (uncommitted changes included) rather than from its objects.
	Worktree bool `json:"worktree,omitempty"`
}

// Kind is the syntactic form in which a symbol is used.
type Kind = catalog.Kind

// The kinds of use, re-exported from the catalog so scanner users need one import.
const (
	KindImport    = catalog.KindImport
	KindCall      = catalog.KindCall
	KindDecorator = catalog.KindDecorator
	KindBase      = catalog.KindBase
	KindAttribute = catalog.KindAttribute
	KindMethod    = catalog.KindMethod
	KindConfig    = catalog.KindConfig
)

// Finding is one use of a framework API at one place.
type Finding struct {
	Rule      string `json:"rule"`
	Framework string `json:"framework"`
	Era       string `json:"era"`
	Category  string `json:"category"`
	// Symbol is the alias-resolved dotted name, e.g. tensorflow.compat.v1.Session.
	Symbol string `json:"symbol"`
	Kind   Kind   `json:"kind"`
	File   string `json:"file"`
	// Line and Column are 1-based; Column counts Unicode code points. In a notebook
	// they are the line and column inside the cell.
	Line   int `json:"line"`
	Column int `json:"column"`
	// Cell is the 0-based index of the notebook cell (in the notebook's cells array,
	// markdown cells included); absent for Python files.
	Cell *int `json:"cell,omitempty"`
	// Replacement names what replaces a renamed or removed symbol, when the catalog knows.
	Replacement string `json:"replacement,omitempty"`
	// Fingerprint identifies the finding independently of its line number and file
	// name: it hashes the rule, the symbol, the text of the line and the occurrence
	// index among identical lines, so moved code keeps its fingerprint.
	Fingerprint string `json:"fingerprint"`
	// Baseline is "new" or "existing" when the scan ran against a baseline.
	Baseline string `json:"baseline,omitempty"`
}

// FileReport summarises one analysed file.
type FileReport struct {
	Path string `json:"path"`
	// Kind is "python" or "notebook".
	Kind string `json:"kind"`
	// Lines counts lines of code: not blank, not comment-only.
	Lines    int `json:"lines"`
	Findings int `json:"findings"`
	// ErrorNodes counts tree-sitter ERROR and MISSING nodes: non-zero means the file
	// has syntax errors and was analysed as far as error recovery allowed.
	ErrorNodes int      `json:"error_nodes,omitempty"`
	Frameworks []string `json:"frameworks,omitempty"`
	// StarImports lists `from x import *` modules, whose names cannot be resolved.
	StarImports []string `json:"star_imports,omitempty"`
}

// Dependency is one framework package declared in a manifest.
type Dependency = manifest.Dependency

// Skipped is a file or folder that was not analysed, with the reason.
type Skipped struct {
	Path string `json:"path"`
	// Code is a stable machine-readable reason: ignored, excluded, vendored, size,
	// binary, symlink, unreadable, malformed, timeout, internal.
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// Summary holds the totals a reader looks at first.
type Summary struct {
	FilesScanned      int                `json:"files_scanned"`
	FilesSkipped      int                `json:"files_skipped"`
	FilesWithFindings int                `json:"files_with_findings"`
	FilesWithErrors   int                `json:"files_with_errors"`
	Lines             int                `json:"lines"`
	Findings          int                `json:"findings"`
	Frameworks        []FrameworkSummary `json:"frameworks"`
	Eras              []EraSummary       `json:"eras"`
	Categories        []CategorySummary  `json:"categories"`
}

// FrameworkSummary counts one framework's footprint.
type FrameworkSummary struct {
	Name     string `json:"name"`
	Files    int    `json:"files"`
	Findings int    `json:"findings"`
	// Lines is the lines of code in files that use the framework.
	Lines int `json:"lines"`
	// Share is this framework's fraction of all findings, rounded to 4 places.
	Share float64 `json:"share"`
}

// EraSummary counts one era of one framework.
type EraSummary struct {
	Framework string `json:"framework"`
	Name      string `json:"name"`
	Files     int    `json:"files"`
	Findings  int    `json:"findings"`
}

// CategorySummary counts one category of findings.
type CategorySummary struct {
	Name     string `json:"name"`
	Findings int    `json:"findings"`
}
