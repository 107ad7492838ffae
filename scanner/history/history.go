// Package history walks a repository's first-parent history from git objects, with
// no checkout, and measures the framework footprint at each sampled commit. Each
// distinct file blob is analysed once, whatever the number of commits it lives in.
package history

// Result is the footprint over time, oldest commit first.
type Result struct {
	Input  string  `json:"input"`
	Ref    string  `json:"ref,omitempty"`
	Points []Point `json:"points"`
	// Blobs counts distinct file contents analysed; Reused counts file visits served
	// from the blob cache.
	Blobs  int `json:"blobs"`
	Reused int `json:"reused"`
}

// Point is the footprint at one commit.
type Point struct {
	Commit string `json:"commit"`
	// Date is the committer date, RFC 3339 in UTC: a fact of the repository, not of
	// the run, so reports stay deterministic.
	Date       string     `json:"date"`
	Subject    string     `json:"subject"`
	Files      int        `json:"files"`
	Findings   int        `json:"findings"`
	Frameworks []Count    `json:"frameworks"`
	Eras       []EraCount `json:"eras"`
}

// Count is a number of findings (and files) for one framework.
type Count struct {
	Name     string `json:"name"`
	Files    int    `json:"files"`
	Findings int    `json:"findings"`
}

// EraCount is a number of findings for one framework era.
type EraCount struct {
	Framework string `json:"framework"`
	Era       string `json:"era"`
	Findings  int    `json:"findings"`
}
