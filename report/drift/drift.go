// Package drift compares two reports of the same codebase: which findings appeared,
// which disappeared, how the framework mix and the estimate moved. It also marks a
// scan's findings new or existing against a baseline, and evaluates --fail-on
// policies. It sits between analysis and encoding: it never changes a detector.
package drift

import (
	"github.com/frameshift/frameshift/scanner"
)

// Result is the difference between an old and a new report.
type Result struct {
	Old Side `json:"old"`
	New Side `json:"new"`
	// Added and Removed are findings present on one side only, after matching moved
	// code and renamed files.
	Added   []scanner.Finding `json:"added"`
	Removed []scanner.Finding `json:"removed"`
	// Moved counts findings matched across a change of line or file.
	Moved int `json:"moved"`
	// Unchanged counts findings matched at the same file.
	Unchanged int `json:"unchanged"`
	// Deltas per framework, era, rule and file, sorted by key; only non-zero rows.
	Frameworks []Delta `json:"frameworks"`
	Eras       []Delta `json:"eras"`
	Rules      []Delta `json:"rules"`
	Files      []Delta `json:"files"`
	// Shares are each framework's share of findings before and after.
	Shares []Share `json:"shares"`
	// Estimate compares each migration path's estimate, when both sides have one.
	Estimate []EstimateDelta `json:"estimate,omitempty"`
}

// Side names one side of a comparison.
type Side struct {
	Input    string `json:"input"`
	Ref      string `json:"ref,omitempty"`
	Commit   string `json:"commit,omitempty"`
	Findings int    `json:"findings"`
	Files    int    `json:"files"`
}

// Delta is a count before and after for one key (a framework, "tensorflow/tf1", a
// rule id, a file path).
type Delta struct {
	Key     string `json:"key"`
	Old     int    `json:"old"`
	New     int    `json:"new"`
	Added   int    `json:"added"`
	Removed int    `json:"removed"`
}

// Share is a framework's fraction of findings before and after, 0..1.
type Share struct {
	Framework string  `json:"framework"`
	Old       float64 `json:"old"`
	New       float64 `json:"new"`
}

// Range is a low–high pair, in engineer-months or months.
type Range struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// EstimateDelta compares one path's estimate.
type EstimateDelta struct {
	Path         string `json:"path"`
	OldEngMonths *Range `json:"old_eng_months,omitempty"`
	NewEngMonths *Range `json:"new_eng_months,omitempty"`
	OldTimeline  *Range `json:"old_timeline_months,omitempty"`
	NewTimeline  *Range `json:"new_timeline_months,omitempty"`
	OldRisk      string `json:"old_risk,omitempty"`
	NewRisk      string `json:"new_risk,omitempty"`
}

// Baseline describes the baseline a scan was compared with (scan --baseline).
type Baseline struct {
	Input    string `json:"input"`
	Commit   string `json:"commit,omitempty"`
	New      int    `json:"new"`
	Existing int    `json:"existing"`
	// Removed counts baseline findings no longer present.
	Removed int `json:"removed"`
}

// Violation is one broken --fail-on policy with what broke it.
type Violation struct {
	Policy string `json:"policy"`
	// Message says, in one sentence, what broke the policy.
	Message string `json:"message"`
	// Findings lists up to a few offending findings as file:line rule.
	Findings []string `json:"findings,omitempty"`
}
