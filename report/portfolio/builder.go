package portfolio

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/frameshift/frameshift/report"
)

// Builder collects reports and run summaries, one at a time, and builds the
// portfolio. It keeps a compact row per report, never an inventory.
type Builder struct {
	candidates map[string][]candidate
	failures   map[string]*failureAcc
	// dates maps "key\x00commit" to the commit's date, from run summaries.
	dates map[string]time.Time
	// unreadable are inputs that could not be read at all, by origin.
	unreadable map[string]string
}

// candidate is one report's row, with where it came from for messages.
type candidate struct {
	repo   Repository
	origin string
	digest string
}

type failureAcc struct {
	f       Failure
	reasons map[string]bool
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{
		candidates: map[string][]candidate{},
		failures:   map[string]*failureAcc{},
		dates:      map[string]time.Time{},
		unreadable: map[string]string{},
	}
}

// AddReport adds one report; origin names it in messages (its file name).
func (b *Builder) AddReport(origin string, doc *report.Document) error {
	r, err := newRepository(doc)
	if err != nil {
		return fmt.Errorf("read report %s: %w", origin, err)
	}
	d, err := rowDigest(&r)
	if err != nil {
		return fmt.Errorf("read report %s: %w", origin, err)
	}
	for _, c := range b.candidates[r.Name] {
		if c.digest == d {
			return nil // an identical duplicate: the same report made twice or copied
		}
	}
	b.candidates[r.Name] = append(b.candidates[r.Name], candidate{repo: r, origin: origin, digest: d})
	return nil
}

// AddRun adds a run summary: its failures, and the commit dates it knows.
func (b *Builder) AddRun(run *Run) {
	for _, e := range run.Repositories {
		name := Key(e.Input, e.Ref)
		if e.Commit != "" && e.CommitTime != "" {
			if t, err := time.Parse(time.RFC3339, e.CommitTime); err == nil {
				b.dates[name+"\x00"+e.Commit] = t
			}
		}
		if e.Status != StatusFailed {
			continue
		}
		acc := b.failures[name]
		if acc == nil {
			acc = &failureAcc{f: Failure{Name: name, Input: NormalizeInput(e.Input), Ref: strings.TrimSpace(e.Ref)}, reasons: map[string]bool{}}
			b.failures[name] = acc
		}
		// One line, whatever the summary holds: reasons land in tables.
		reason := strings.Join(strings.Fields(e.Reason), " ")
		if reason == "" {
			reason = "failed (no reason recorded)"
		}
		acc.reasons[reason] = true
	}
}

// AddUnreadable records an input that could not be read, so that the portfolio
// lists it among the failures instead of leaving it out silently.
func (b *Builder) AddUnreadable(origin string, err error) {
	b.unreadable[origin] = err.Error()
}

// Build resolves duplicates and rolls everything up. Reports of one repository at
// different commits keep the newest when the run summaries give both commit
// dates; otherwise, and for different reports of the same commit, Build fails
// with an error naming the files, since picking one would depend on their order.
func (b *Builder) Build() (*Portfolio, error) {
	names := make([]string, 0, len(b.candidates))
	for n := range b.candidates {
		names = append(names, n)
	}
	sort.Strings(names)
	repos := make([]Repository, 0, len(names))
	var errs []error
	for _, n := range names {
		r, err := b.resolve(b.candidates[n])
		if err != nil {
			errs = append(errs, err)
			continue
		}
		repos = append(repos, r)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	p := &Portfolio{SchemaVersion: SchemaVersion, Kind: Kind, Repositories: repos, Failures: b.failureList()}
	rollUp(p)
	return p, nil
}

// resolve picks the one report of a repository among its candidates.
func (b *Builder) resolve(cs []candidate) (Repository, error) {
	if len(cs) == 1 {
		return cs[0].repo, nil
	}
	sorted := append([]candidate(nil), cs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].digest < sorted[j].digest })
	name := sorted[0].repo.Name
	byCommit := map[string]candidate{}
	for _, c := range sorted {
		if other, seen := byCommit[c.repo.Commit]; seen {
			return Repository{}, fmt.Errorf("reports %s both scan %s at %s but differ (made with other rules, options or versions?): merge only one of them",
				originsOf(other, c), name, commitLabel(c.repo.Commit))
		}
		byCommit[c.repo.Commit] = c
	}
	var best *candidate
	var bestDate time.Time
	tie := false
	for i := range sorted {
		c := &sorted[i]
		d, ok := b.dates[name+"\x00"+c.repo.Commit]
		if !ok || c.repo.Commit == "" {
			return Repository{}, fmt.Errorf("reports %s scan %s at different commits (%s) and the date of %s is unknown (no frameshift-run.json beside it): merge only one of them",
				originsOf(sorted...), name, commitsOf(sorted), commitLabel(c.repo.Commit))
		}
		switch {
		case best == nil || d.After(bestDate):
			best, bestDate, tie = c, d, false
		case d.Equal(bestDate):
			tie = true
		}
	}
	if tie {
		return Repository{}, fmt.Errorf("reports %s scan %s at different commits (%s) with the same date: merge only one of them",
			originsOf(sorted...), name, commitsOf(sorted))
	}
	return best.repo, nil
}

func (b *Builder) failureList() []Failure {
	out := []Failure{}
	for name, acc := range b.failures {
		if _, scanned := b.candidates[name]; scanned {
			continue // a later run scanned it
		}
		reasons := make([]string, 0, len(acc.reasons))
		for r := range acc.reasons {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		f := acc.f
		f.Reason = strings.Join(reasons, "; ")
		out = append(out, f)
	}
	for origin, reason := range b.unreadable {
		out = append(out, Failure{Name: origin, Input: origin, Reason: reason})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// rowDigest identifies a row's content, chunks included, so that identical
// duplicates collapse whatever their file names.
func rowDigest(r *Repository) (string, error) {
	type chunkJSON struct {
		Route     bool
		Path, Tag string
		File, Sig string
		Hours     float64
		Low, High float64
	}
	cs := make([]chunkJSON, 0, len(r.chunks))
	for _, c := range r.chunks {
		cs = append(cs, chunkJSON{c.route, c.path, c.tag, c.file, c.signature, c.hours, c.engMonths.Low, c.engMonths.High})
	}
	data, err := json.Marshal(struct {
		Row    *Repository
		HPM    float64
		Chunks []chunkJSON
	}{r, r.hoursPerMonth, cs})
	if err != nil {
		return "", fmt.Errorf("a number in its estimate is out of range: %w", err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

func originsOf(cs ...candidate) string {
	names := make([]string, 0, len(cs))
	for _, c := range cs {
		names = append(names, c.origin)
	}
	sort.Strings(names)
	return strings.Join(names, " and ")
}

func commitsOf(cs []candidate) string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		l := commitLabel(c.repo.Commit)
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

func commitLabel(c string) string {
	if c == "" {
		return "no commit"
	}
	if len(c) > 12 {
		return "commit " + c[:12]
	}
	return "commit " + c
}
