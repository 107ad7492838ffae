// Package portfolio rolls many frameshift JSON reports up into one portfolio view:
// one row per repository (frameworks, eras, findings, estimate, recommendation),
// totals per framework and era, the portfolio's estimate per migration path with
// the costs that several repositories share counted once, recommendation counts
// and a ranking of where the migration effort sits. Its encoders write the
// portfolio as a terminal table, JSON, Markdown, HTML and CSV.
//
// A Builder reads reports one at a time and keeps only a compact row of each, so a
// portfolio of thousands of repositories never holds more than one inventory. The
// result depends on the reports alone: not on their order, their file names or the
// folders they came from, so shards scanned on different machines merge into the
// same bytes as one run.
package portfolio

import "github.com/frameshift/frameshift/estimator"

// SchemaVersion is the version of the portfolio JSON. Bump the major part when a
// field changes meaning or disappears; add fields freely within a major version.
const SchemaVersion = "1.0"

// Kind marks a portfolio JSON document, so that it is never mistaken for a report.
const Kind = "frameshift-portfolio"

// Range is a low–high interval of months with its text for people.
type Range = estimator.Range

// Risk is the guide's risk scale.
type Risk = estimator.Risk

// Portfolio is the rolled-up view of many repositories. It is deterministic: every
// slice is sorted and every number rounded, and it holds no map and no timestamp.
type Portfolio struct {
	SchemaVersion string  `json:"schema_version"`
	Kind          string  `json:"kind"`
	Summary       Summary `json:"summary"`
	// Repositories has one row per repository with a report, sorted by name.
	Repositories []Repository `json:"repositories"`
	// Failures are the repositories that could not be scanned, with the reason.
	Failures   []Failure        `json:"failures"`
	Frameworks []FrameworkTotal `json:"frameworks"`
	Eras       []EraTotal       `json:"eras"`
	Estimate   Estimate         `json:"estimate"`
	// Recommendations count the repositories per recommended target and route.
	Recommendations []RecommendationCount `json:"recommendations"`
	// Ranking orders the repositories by the effort of their recommended route,
	// costliest first: where the migration effort sits.
	Ranking []Rank `json:"ranking"`
	// Warnings say what the roll-up could not reconcile, e.g. reports made with
	// different effort models.
	Warnings []string `json:"warnings,omitempty"`
}

// Summary holds the totals a reader looks at first.
type Summary struct {
	Repositories int `json:"repositories"`
	Failed       int `json:"failed"`
	// Estimated counts the repositories whose report carries an estimate.
	Estimated    int `json:"estimated"`
	FilesScanned int `json:"files_scanned"`
	Lines        int `json:"lines"`
	Findings     int `json:"findings"`
	// Frameworks is the number of distinct frameworks found.
	Frameworks int `json:"frameworks"`
}

// Repository is one repository's row.
type Repository struct {
	// Name identifies the repository in the portfolio: its input, with "@ref" when
	// a ref was scanned (see Key).
	Name  string `json:"name"`
	Input string `json:"input"`
	Ref   string `json:"ref,omitempty"`
	// Kind is "git" or "dir".
	Kind   string `json:"kind"`
	Commit string `json:"commit,omitempty"`
	// Catalog is the digest of the rules the scan used.
	Catalog      string         `json:"catalog"`
	FilesScanned int            `json:"files_scanned"`
	FilesSkipped int            `json:"files_skipped"`
	Lines        int            `json:"lines"`
	Findings     int            `json:"findings"`
	Frameworks   []FrameworkUse `json:"frameworks"`
	Eras         []EraUse       `json:"eras"`
	// Recommendation is the guide's advice for the repository; nil when the
	// report carries no estimate.
	Recommendation *Recommendation `json:"recommendation,omitempty"`
	// Route is the cost of the recommended (or requested) route; nil without an
	// estimate or when the code stays where it is.
	Route *RouteEstimate `json:"route,omitempty"`
	// Paths are the repository's estimates of every path that applies.
	Paths []PathEstimate `json:"paths"`
	// Violations lists the --fail-on policies the repository broke.
	Violations []string `json:"violations,omitempty"`
	// Warnings are the estimate's own warnings.
	Warnings []string `json:"warnings,omitempty"`

	// chunks are the blocker chunks of this repository, for the shared-cost rule.
	chunks []chunk
	// hoursPerMonth is the model's conversion used by the report, 0 without one.
	hoursPerMonth float64
}

// FrameworkUse is one framework's footprint in one repository.
type FrameworkUse struct {
	Name     string  `json:"name"`
	Files    int     `json:"files"`
	Findings int     `json:"findings"`
	Lines    int     `json:"lines"`
	Share    float64 `json:"share"`
}

// EraUse is one era of one framework in one repository.
type EraUse struct {
	Framework string `json:"framework"`
	Era       string `json:"era"`
	Files     int    `json:"files"`
	Findings  int    `json:"findings"`
}

// Recommendation is the part of the guide's advice a portfolio row shows.
type Recommendation struct {
	Target  string   `json:"target"`
	Route   []string `json:"route"`
	Summary string   `json:"summary"`
	// Rules are the numbers of the guide's decision rules that fired.
	Rules []int `json:"rules"`
}

// RouteEstimate is the cost of a repository's route to its target.
type RouteEstimate struct {
	Target         string   `json:"target"`
	Steps          []string `json:"steps"`
	EngMonths      Range    `json:"eng_months"`
	TimelineMonths Range    `json:"timeline_months"`
	Risk           Risk     `json:"risk,omitempty"`
	// SharedEngMonths is the part of EngMonths that the portfolio counts in
	// another repository (shared chunks; see Estimate.Shared).
	SharedEngMonths Range `json:"shared_eng_months"`
}

// PathEstimate is a repository's estimate of one path.
type PathEstimate struct {
	ID             string `json:"id"`
	EngMonths      Range  `json:"eng_months"`
	TimelineMonths Range  `json:"timeline_months"`
	Risk           Risk   `json:"risk"`
	// Blockers are the blocker tags found on the path.
	Blockers []string `json:"blockers"`
	// SharedEngMonths is the part of EngMonths counted in another repository.
	SharedEngMonths Range `json:"shared_eng_months"`
}

// Failure is a repository that could not be scanned, or a report that could not be
// read.
type Failure struct {
	Name   string `json:"name"`
	Input  string `json:"input"`
	Ref    string `json:"ref,omitempty"`
	Reason string `json:"reason"`
}

// FrameworkTotal is one framework across the portfolio.
type FrameworkTotal struct {
	Name         string `json:"name"`
	Repositories int    `json:"repositories"`
	Files        int    `json:"files"`
	Findings     int    `json:"findings"`
	Lines        int    `json:"lines"`
	// Share is the framework's fraction of all findings in the portfolio.
	Share float64 `json:"share"`
}

// EraTotal is one era of one framework across the portfolio.
type EraTotal struct {
	Framework    string `json:"framework"`
	Era          string `json:"era"`
	Repositories int    `json:"repositories"`
	Files        int    `json:"files"`
	Findings     int    `json:"findings"`
}

// Estimate is the portfolio's estimate: every repository along its own route, and
// every repository along each path, with shared chunks counted once.
type Estimate struct {
	// HoursPerMonth converts the hours of shared chunks to months.
	HoursPerMonth float64 `json:"hours_per_month"`
	// Routes totals each repository's recommended (or requested) route.
	Routes Total `json:"routes"`
	// Paths totals each path over the repositories it applies to, in the
	// guide's order.
	Paths []PathTotal `json:"paths"`
	// Shared lists the chunks found in more than one repository, counted once.
	Shared []SharedChunk `json:"shared"`
	// Rule says how the totals are computed, in one paragraph.
	Rule string `json:"rule"`
}

// Total adds up the repositories' ranges.
type Total struct {
	Repositories int `json:"repositories"`
	// SumEngMonths is the plain sum of the repositories' engineer-months.
	SumEngMonths Range `json:"sum_eng_months"`
	// SharedEngMonths is what the sum counts more than once: shared chunks in
	// every repository but the first that shows them.
	SharedEngMonths Range `json:"shared_eng_months"`
	// EngMonths is SumEngMonths minus SharedEngMonths: the portfolio's estimate.
	EngMonths Range `json:"eng_months"`
	// ParallelTimelineMonths is the longest repository's timeline: every
	// repository migrated at once, each by its own team.
	ParallelTimelineMonths Range `json:"parallel_timeline_months"`
	// SequentialTimelineMonths is the sum of the timelines: one team migrating
	// the repositories one after another (shared chunks not removed).
	SequentialTimelineMonths Range `json:"sequential_timeline_months"`
	// Risk is the riskiest repository's.
	Risk Risk `json:"risk,omitempty"`
}

// PathTotal is one path across the repositories it applies to.
type PathTotal struct {
	ID string `json:"id"`
	Total
}

// SharedChunk is one blocker chunk (the fixed work on a file that shows a blocker
// tag, see model.yaml) found, identical, in several repositories: the same
// component vendored or copied, migrated once.
type SharedChunk struct {
	// Path is the path (or route step) whose estimate charges the chunk.
	Path string `json:"path"`
	Tag  string `json:"tag"`
	// Signature identifies the file's content by its findings (see chunk).
	Signature string `json:"signature"`
	// Files are "repository: file" for every copy, the one kept first.
	Files      []string `json:"files"`
	ChunkHours float64  `json:"chunk_hours"`
	// RemovedEngMonths is what the portfolio removes from the path's total, and
	// RemovedRouteEngMonths from the routes' total where routes take the path.
	RemovedEngMonths      Range `json:"removed_eng_months"`
	RemovedRouteEngMonths Range `json:"removed_route_eng_months"`
}

// RecommendationCount is the number of repositories given one target and route.
type RecommendationCount struct {
	// Target is empty when no framework was found.
	Target       string   `json:"target"`
	Route        []string `json:"route"`
	Repositories int      `json:"repositories"`
	Names        []string `json:"names"`
}

// Rank is one repository's place in the effort ranking.
type Rank struct {
	Rank      int    `json:"rank"`
	Name      string `json:"name"`
	Target    string `json:"target"`
	EngMonths Range  `json:"eng_months"`
	// Share is the repository's fraction of the sum of the routes' high bounds;
	// Cumulative adds up the shares down the ranking.
	Share      float64 `json:"share"`
	Cumulative float64 `json:"cumulative"`
}
