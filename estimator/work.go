package estimator

import (
	"github.com/frameshift/frameshift/estimator/paths"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// countsOn reports the level at which a finding counts on a path, and whether it
// counts at all. It looks at the finding alone, never at its neighbours, so adding
// a finding can never make another one stop counting (the estimate is monotone):
//   - the rule's level for the path (LevelFor) must not be none;
//   - its framework must be one the path migrates;
//   - when the path lists eras, its era must be one of them, unless the rule sets
//     a level for this path explicitly or carries a tag that blocks the path: the
//     catalog's author has then said the path must deal with it;
//   - code already in the path's target era (a Keras 3 model on any-to-keras3)
//     does not count even when its rule sets a level for the path: it is where
//     the path leads. Only a tag that blocks the path (TPU code on tf1-to-tf2)
//     still counts there.
func countsOn(p *paths.Path, it *item) (catalog.Level, bool) {
	if it.rule == nil || !contains(p.Frameworks, it.f.Framework) {
		return catalog.LevelNone, false
	}
	if it.f.Era == p.Target && !blocks(p, it.rule) {
		return catalog.LevelNone, false
	}
	level := it.rule.LevelFor(p.ID)
	if level == catalog.LevelNone {
		return level, false
	}
	if len(p.Eras) > 0 && !contains(p.Eras, it.f.Era) && !explicitOn(p, it.rule) {
		return level, false
	}
	return level, true
}

// countsOnStep is countsOn for a step of a route, which migrates only the parts
// routed through it. A part that reached this step through an earlier one counts
// even though its framework is not the step's own: TF code ported to PyTorch in
// step one is ported again to JAX in step two, at its rule's level for that path.
func countsOnStep(p *paths.Path, it *item, routed map[string]bool) (catalog.Level, bool) {
	if it.rule == nil || !routed[it.part] {
		return catalog.LevelNone, false
	}
	if contains(p.Frameworks, it.f.Framework) {
		return countsOn(p, it)
	}
	level := it.rule.LevelFor(p.ID)
	return level, level != catalog.LevelNone
}

func explicitOn(p *paths.Path, r *catalog.Rule) bool {
	if _, ok := r.Levels[p.ID]; ok {
		return true
	}
	return blocks(p, r)
}

// blocks reports whether the rule carries a tag the path loses or must redo.
func blocks(p *paths.Path, r *catalog.Rule) bool {
	for _, t := range r.Tags {
		if p.HasBlocker(t) {
			return true
		}
	}
	return false
}

// tally is the work a path finds in the counted findings, with every subtotal the
// estimate, its drivers and its breakdowns need. It is built in one pass.
type tally struct {
	uses       int
	levelUses  map[catalog.Level]int
	models     int
	chunkFiles map[string]map[string]bool // blocker tag → files
	evidence   map[string][]*item         // blocker tag → findings
	work       float64
	byRule     map[string]*accum
	byFile     map[string]*accum
	byFolder   map[string]*accum
	byPart     map[string]*accum
	// the last subtotal used in each breakdown (addGroup)
	rule, file, folder, part lastAccum
}

type accum struct {
	uses  int
	hours float64
}

func newTally() *tally {
	return &tally{
		levelUses:  map[catalog.Level]int{},
		chunkFiles: map[string]map[string]bool{},
		evidence:   map[string][]*item{},
		byRule:     map[string]*accum{},
		byFile:     map[string]*accum{},
		byFolder:   map[string]*accum{},
		byPart:     map[string]*accum{},
	}
}

// tallyPath adds up the work of the findings that count, as decided by counts.
func tallyPath(p *paths.Path, items []item, m Model, counts func(*item) (catalog.Level, bool)) *tally {
	t := newTally()
	// Uses and hours are summed per group of alike findings in a slice, then folded
	// into the per-rule, file, folder and part maps once per group: four map updates
	// per finding and path were most of an estimate's time on large inventories.
	groups := 0
	for i := range items {
		groups = max(groups, items[i].group+1)
	}
	perGroup := make([]accum, groups)
	first := make([]*item, groups)
	// Whether and how a finding counts depends only on its group: decide once.
	// So are its hours and its level's place (the items of a group share their
	// rule, hence their model tag).
	type decision struct {
		decided, counts bool
		level           int
		hours           float64
	}
	decisions := make([]decision, groups)
	var levelUses [len(levelOrder)]int
	for i := range items {
		it := &items[i]
		d := &decisions[it.group]
		if !d.decided {
			level, ok := counts(it)
			d.decided, d.counts, d.level = true, ok, levelIndex(level)
			d.hours = m.Levels.Hours(level)
			if it.model {
				d.hours += m.ParityValidationHours
			}
		}
		if !d.counts {
			continue
		}
		hours := d.hours
		t.uses++
		levelUses[d.level]++
		if it.model {
			t.models++
		}
		t.work += hours
		g := &perGroup[it.group]
		g.uses++
		g.hours += hours
		firstOfGroup := first[it.group] == nil
		if firstOfGroup {
			first[it.group] = it
		}
		for _, tag := range it.rule.Tags {
			if !p.HasBlocker(tag) {
				continue
			}
			t.evidence[tag] = append(t.evidence[tag], it)
			if !firstOfGroup {
				continue // the group's file was booked with its first finding
			}
			files := t.chunkFiles[tag]
			if files == nil {
				files = map[string]bool{}
				t.chunkFiles[tag] = files
			}
			if !files[it.f.File] {
				files[it.f.File] = true
				cost, _ := m.Blockers.For(tag)
				t.add(it, cost.Hours, 0)
			}
		}
	}
	for g, a := range perGroup {
		if a.uses > 0 {
			t.addGroup(first[g], a.hours, a.uses)
		}
	}
	for i, n := range levelUses {
		if n > 0 {
			t.levelUses[levelOrder[i]] = n
		}
	}
	return t
}

// levelOrder lists the levels a use can count at, for a counting array.
var levelOrder = [...]catalog.Level{catalog.LevelNone, catalog.LevelTrivial, catalog.LevelMinor, catalog.LevelComplex, catalog.LevelRedesign, catalog.LevelRearchitecture}

func levelIndex(l catalog.Level) int {
	for i, x := range levelOrder {
		if x == l {
			return i
		}
	}
	return 0
}

// add books a blocker chunk of one finding's file to every subtotal; the work
// total already holds it.
func (t *tally) add(it *item, hours float64, uses int) {
	t.work += hours
	t.addGroup(it, hours, uses)
}

// addGroup books hours and uses of findings alike to it in every breakdown.
// Groups come file by file, so the last file's, folder's and part's subtotals
// are kept at hand: most groups need only the rule's map lookup.
func (t *tally) addGroup(it *item, hours float64, uses int) {
	for _, a := range []*lastAccum{t.rule.at(t.byRule, it.rule.ID), t.file.at(t.byFile, it.f.File), t.folder.at(t.byFolder, it.folder), t.part.at(t.byPart, it.part)} {
		a.acc.uses += uses
		a.acc.hours += hours
	}
}

// lastAccum is the subtotal of the last key looked up in one breakdown.
type lastAccum struct {
	key string
	acc *accum
}

func (l *lastAccum) at(m map[string]*accum, key string) *lastAccum {
	if l.acc != nil && l.key == key {
		return l
	}
	acc := m[key]
	if acc == nil {
		acc = &accum{}
		m[key] = acc
	}
	l.key, l.acc = key, acc
	return l
}

// largestFile returns the costliest file and its hours; ties go to the first name.
func (t *tally) largestFile() (string, float64) {
	name, hours := "", 0.0
	for _, f := range sortedKeys(t.byFile) {
		if h := t.byFile[f].hours; h > hours {
			name, hours = f, h
		}
	}
	return name, hours
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
