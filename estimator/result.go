package estimator

import "github.com/frameshift/frameshift/estimator/paths"

// Range is a low–high interval in months (engineer-months or calendar months), with
// Text rendering it in the unit a person would use ("3–6 engineer-days").
type Range = paths.Range

// Risk is the guide's risk scale: low, low-medium, medium, medium-high, high.
type Risk = paths.Risk

// Result is the estimate for one inventory: the paths that apply, the route to the
// recommended (or requested) target, and the recommendation with its reasons. It is
// deterministic: slices are sorted, numbers rounded, and it holds no map.
type Result struct {
	// Team is the team size the timelines assume; null when each path follows the
	// guide's own staffing (see each path's team).
	Team *float64 `json:"team"`
	// HoursPerMonth is the model's conversion, needed to read hours as months.
	HoursPerMonth  float64        `json:"hours_per_month"`
	Recommendation Recommendation `json:"recommendation"`
	// Parts splits the codebase into TF 1.x, TF 2.x, Keras 2, Keras 3, PyTorch and
	// JAX code, each with the paths that apply to it.
	Parts []Part `json:"parts"`
	// Paths are the estimates of the paths that apply, in the guide's order.
	Paths []PathEstimate `json:"paths"`
	// Route is the total to reach the target: the recommendation's or --target's.
	Route *Route `json:"route,omitempty"`
	// Warnings say what the estimate could not use, e.g. findings of unknown rules.
	Warnings []string `json:"warnings,omitempty"`
}

// Part is one kind of code found in the codebase.
type Part struct {
	// Name is tf1, tf2, keras2, keras3, pytorch or jax.
	Name     string `json:"name"`
	Label    string `json:"label"`
	Files    int    `json:"files"`
	Lines    int    `json:"lines"`
	Findings int    `json:"findings"`
	// Paths are the ids of the paths that apply to this part.
	Paths []string `json:"paths"`
}

// PathEstimate is the estimate of one migration path for this codebase.
type PathEstimate struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
	// Target is the part the code belongs to afterwards.
	Target         string `json:"target"`
	TimelineMonths Range  `json:"timeline_months"`
	EngMonths      Range  `json:"eng_months"`
	Risk           Risk   `json:"risk"`
	// Team is the number of engineers the timeline assumes (low and high bound).
	Team Range `json:"team"`
	// Drivers are the rules, folders and files that cost the most.
	Drivers []Driver `json:"drivers"`
	// Blockers are the blocker tags found, each named, with its chunk and risk.
	Blockers []Blocker `json:"blockers"`
	// Parts costs each part of the codebase separately.
	Parts []Share `json:"parts"`
	// Folders shows where the effort sits, by top-level folder.
	Folders []Share `json:"folders"`
	// Calculation is the whole arithmetic, as Explain prints it.
	Calculation Calculation `json:"calculation"`
}

// Driver is a rule, folder or file among those that cost the most.
type Driver struct {
	// Kind is rule, folder or file.
	Kind  string  `json:"kind"`
	Name  string  `json:"name"`
	Uses  int     `json:"uses"`
	Hours float64 `json:"hours"`
	// Share is the fraction of the path's work hours.
	Share float64 `json:"share"`
}

// Share is the part of a path's work that falls in one part or folder.
type Share struct {
	Name      string  `json:"name"`
	Uses      int     `json:"uses"`
	Hours     float64 `json:"hours"`
	Share     float64 `json:"share"`
	EngMonths Range   `json:"eng_months"`
}

// Blocker is a tagged fact that the path loses or must redo.
type Blocker struct {
	Tag  string `json:"tag"`
	Name string `json:"name"`
	// Files is the number of files that show it; each costs one chunk.
	Files      int     `json:"files"`
	ChunkHours float64 `json:"chunk_hours"`
	Hours      float64 `json:"hours"`
	RiskSteps  int     `json:"risk_steps"`
	// Evidence lists "file:line rule-id", first ones by file and line.
	Evidence []string `json:"evidence"`
	// More counts evidence left out of the list.
	More int `json:"more,omitempty"`
}

// Calculation is every number between the findings and the estimate.
type Calculation struct {
	// Uses is the number of findings that count on the path.
	Uses   int         `json:"uses"`
	Levels []LevelLine `json:"levels"`
	Models ModelLine   `json:"models"`
	Chunks []ChunkLine `json:"chunks"`
	// WorkHours is uses + parity validations + blocker chunks.
	WorkHours     float64 `json:"work_hours"`
	Overhead      float64 `json:"overhead"`
	OverheadHours float64 `json:"overhead_hours"`
	// EffortHours is work plus overhead: the measure compared with the reference.
	EffortHours float64 `json:"effort_hours"`
	// ReferenceHours is the effort of the typical codebase the guide's row prices.
	ReferenceHours float64 `json:"reference_hours"`
	ReferenceBasis string  `json:"reference_basis"`
	// Ratio is EffortHours / ReferenceHours.
	Ratio          float64 `json:"ratio"`
	GrowthExponent float64 `json:"growth_exponent"`
	// Scale multiplies the guide's ranges: Ratio below 1, Ratio^GrowthExponent above.
	Scale float64 `json:"scale"`
	// ScaledEngMonths is the guide's range × Scale, before the floor.
	ScaledEngMonths     Range   `json:"scaled_eng_months"`
	GuideEngMonths      Range   `json:"guide_eng_months"`
	GuideTimelineMonths Range   `json:"guide_timeline_months"`
	GuideRisk           Risk    `json:"guide_risk"`
	FloorHours          float64 `json:"floor_hours"`
	// FloorApplied is true when the floor raised the engineer-months.
	FloorApplied bool `json:"floor_applied"`
	// PaceTimelineMonths is engineer-months / team, before the floor of work
	// that cannot be split.
	PaceTimelineMonths Range `json:"pace_timeline_months"`
	// LargestFile is the costliest file: one engineer migrates a file, so its share
	// of the engineer-months is a floor on the timeline.
	LargestFile      string  `json:"largest_file,omitempty"`
	LargestFileHours float64 `json:"largest_file_hours"`
	// TimelineFloorApplied is true when that floor lengthened the timeline.
	TimelineFloorApplied bool `json:"timeline_floor_applied"`
	// TeamBasis says where the team size came from: guide, model or option.
	TeamBasis string `json:"team_basis"`
}

// LevelLine is the work of the uses at one difficulty level.
type LevelLine struct {
	Level       string  `json:"level"`
	Uses        int     `json:"uses"`
	HoursPerUse float64 `json:"hours_per_use"`
	Hours       float64 `json:"hours"`
}

// ModelLine is the parity validation of the model definitions.
type ModelLine struct {
	Count     int     `json:"count"`
	HoursEach float64 `json:"hours_each"`
	Hours     float64 `json:"hours"`
}

// ChunkLine is the fixed work of one blocker tag.
type ChunkLine struct {
	Tag       string  `json:"tag"`
	Files     int     `json:"files"`
	HoursEach float64 `json:"hours_each"`
	Hours     float64 `json:"hours"`
}

// Recommendation is the guide's advice for this codebase, with the evidence.
type Recommendation struct {
	// Target is pytorch, jax, keras3 or tf2; empty when no framework was found.
	Target string `json:"target"`
	// Path is the first path to take, empty when the code stays where it is.
	Path string `json:"path"`
	// Route lists every path to take, in order.
	Route   []string `json:"route"`
	Summary string   `json:"summary"`
	Reasons []Reason `json:"reasons"`
	// Note is the guide's standing advice (rule 5).
	Note string `json:"note,omitempty"`
}

// Reason is one guide decision rule that fired, with the evidence it rests on.
type Reason struct {
	// Rule is the rule's number in GUIDE.md.
	Rule     int      `json:"rule"`
	Text     string   `json:"text"`
	Evidence []string `json:"evidence"`
	More     int      `json:"more,omitempty"`
}

// Route is the total cost of moving every part of the codebase to one target.
type Route struct {
	Target string `json:"target"`
	// Requested is true when the target came from Options.Target.
	Requested bool `json:"requested"`
	// Steps are the paths to take, in order, each costed over the code routed
	// through it.
	Steps          []PathEstimate `json:"steps"`
	Parts          []PartRoute    `json:"parts"`
	EngMonths      Range          `json:"eng_months"`
	TimelineMonths Range          `json:"timeline_months"`
	// Risk is the riskiest step's; empty when there is no step.
	Risk         Risk          `json:"risk,omitempty"`
	Alternatives []Alternative `json:"alternatives"`
}

// PartRoute says how one part reaches the target.
type PartRoute struct {
	Part string   `json:"part"`
	Via  []string `json:"via"`
	Note string   `json:"note,omitempty"`
}

// Alternative is another way to the target, costed, with why it may be preferred.
type Alternative struct {
	Name           string      `json:"name"`
	Parts          []PartRoute `json:"parts"`
	EngMonths      Range       `json:"eng_months"`
	TimelineMonths Range       `json:"timeline_months"`
	Risk           Risk        `json:"risk,omitempty"`
	// Cheaper is true when its high bound is below the route's.
	Cheaper bool   `json:"cheaper"`
	Text    string `json:"text"`
}
