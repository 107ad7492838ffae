package portfolio

import (
	"encoding/json"
	"io"
)

// RunKind marks the summary a multi-repository scan writes next to its reports.
const RunKind = "frameshift-run"

// Statuses of a repository in a run.
const (
	StatusScanned = "scanned"
	// StatusKept means the report already in the output folder was for the same
	// commit, so the repository was neither cloned nor scanned again.
	StatusKept   = "kept"
	StatusFailed = "failed"
)

// Run is what one multi-repository scan did, written to its output folder as
// frameshift-run.json (frameshift-run-I-of-N.json for a shard). merge reads it
// for the failures, which have no report, and for commit dates, which settle
// conflicting reports of one repository.
type Run struct {
	Kind          string `json:"kind"`
	SchemaVersion string `json:"schema_version"`
	// Shard is "i/n" when the run took a share of the list.
	Shard        string     `json:"shard,omitempty"`
	Repositories []RunEntry `json:"repositories"`
}

// RunEntry is one repository of a run.
type RunEntry struct {
	// Name is the repository's Key.
	Name  string `json:"name"`
	Input string `json:"input"`
	Ref   string `json:"ref,omitempty"`
	// Report is the report's file name in the output folder; empty on failure.
	Report string `json:"report,omitempty"`
	Status string `json:"status"`
	Commit string `json:"commit,omitempty"`
	// CommitTime is the commit's committer date (RFC 3339), when known.
	CommitTime string `json:"commit_time,omitempty"`
	// Reason says why the repository failed.
	Reason string `json:"reason,omitempty"`
}

// WriteRun encodes a run summary as indented JSON.
func WriteRun(w io.Writer, r *Run) error {
	out := *r
	out.Kind, out.SchemaVersion = RunKind, SchemaVersion
	if out.Repositories == nil {
		out.Repositories = []RunEntry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(&out)
}
