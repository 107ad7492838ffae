package history

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/source"
	"github.com/frameshift/frameshift/scanner/walk"
)

// Options choose the commits and how each is scanned.
type Options struct {
	// Start is the commit to walk back from.
	Start plumbing.Hash
	// Commits caps the number of first-parent commits visited (0: no cap).
	Commits int
	// Since stops the walk at the first commit older than this (zero: no limit).
	Since time.Time
	// Every keeps one commit in Every along the walk (the newest always); 0 or 1
	// keeps them all.
	Every int
	// Scan configures each commit's scan. Its Cache, when set, is consulted after
	// the run's own blob cache.
	Scan scanner.Options
	// Input is the repository as the user named it, for the report.
	Input string
	Ref   string
	// Progress, when set, is called after each commit.
	Progress func(done, total int)
}

// Run scans the sampled first-parent commits of repo and returns their
// footprints, oldest first, and the inventory of the newest one. Every distinct file blob is
// analysed once: the scanner's cache is keyed by blob hash, and a run-wide memory
// cache sits in front of the caller's.
func Run(ctx context.Context, repo *git.Repository, opts Options) (*Result, *scanner.Inventory, error) {
	commits, err := sample(repo, opts)
	if err != nil {
		return nil, nil, err
	}
	if len(commits) == 0 {
		return nil, nil, errors.New("no commit in the requested range")
	}
	mem := &blobCache{next: opts.Scan.Cache}
	scanOpts := opts.Scan
	scanOpts.Cache = mem
	scanOpts.Progress = nil
	// Commits share their .gitignore files: each path's ignore decision is
	// made once for the run, not once per commit.
	scanOpts.Walk.IgnoreMemo = walk.NewIgnoreMemo()

	trees := source.NewTreeCache()
	scan := func(i int, full bool) (*scanner.Inventory, *scanner.Summary, error) {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		c := commits[i]
		fsys, err := trees.TreeFS(repo, c.Hash)
		if err != nil {
			return nil, nil, err
		}
		src := &treeSource{fsys: fsys, info: source.Info{Input: opts.Input, Kind: source.KindGit, Commit: c.Hash.String()}}
		var inv *scanner.Inventory
		var summary *scanner.Summary
		if full {
			if inv, err = scanner.Scan(ctx, src, scanOpts); inv != nil {
				summary = &inv.Summary
			}
		} else {
			summary, err = scanner.Footprint(ctx, src, scanOpts)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("scan commit %s: %w", c.Hash.String()[:12], err)
		}
		return inv, summary, nil
	}
	// The newest commit comes first: its inventory is the run's result, and
	// once it is built every other commit only needs counts (scanner.Footprint
	// counts cached findings per file instead of assembling them all again), so
	// the blob cache keeps counts from then on. Held whole, the findings of every
	// version of every file grew the run's memory with the history's length.
	points := make([]Point, len(commits))
	last := len(commits) - 1
	progress := func(done int) {
		if opts.Progress != nil {
			opts.Progress(done, len(commits))
		}
	}
	progress(0)
	newest, summary, err := scan(last, true)
	if err != nil {
		return nil, nil, err
	}
	points[last] = point(commits[last], summary)
	mem.countsOnly()
	progress(1)
	for i := 0; i < last; i++ {
		_, summary, err := scan(i, false)
		if err != nil {
			return nil, nil, err
		}
		points[i] = point(commits[i], summary)
		progress(i + 2)
	}
	res := &Result{Input: opts.Input, Ref: opts.Ref, Points: points}
	res.Blobs = int(mem.misses.Load())
	res.Reused = int(mem.lookups.Load() - mem.misses.Load())
	return res, newest, nil
}

// sample walks first parents from Start and returns the chosen commits, oldest first.
func sample(repo *git.Repository, opts Options) ([]*object.Commit, error) {
	c, err := repo.CommitObject(opts.Start)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", opts.Start, err)
	}
	var walked []*object.Commit
	for c != nil {
		if !opts.Since.IsZero() && c.Committer.When.Before(opts.Since) {
			break
		}
		walked = append(walked, c)
		if opts.Commits > 0 && len(walked) >= opts.Commits*max(opts.Every, 1) {
			break
		}
		if c.NumParents() == 0 {
			break
		}
		parent, err := c.Parent(0)
		if err != nil {
			// A shallow clone ends here: its oldest commit's parent is not stored.
			if errors.Is(err, plumbing.ErrObjectNotFound) {
				break
			}
			return nil, fmt.Errorf("read the parent of %s: %w", c.Hash.String()[:12], err)
		}
		c = parent
	}
	every := max(opts.Every, 1)
	var kept []*object.Commit
	for i := 0; i < len(walked); i += every {
		kept = append(kept, walked[i])
	}
	if opts.Commits > 0 && len(kept) > opts.Commits {
		kept = kept[:opts.Commits]
	}
	for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
		kept[i], kept[j] = kept[j], kept[i]
	}
	return kept, nil
}

func point(c *object.Commit, s *scanner.Summary) Point {
	p := Point{
		Commit:     c.Hash.String(),
		Date:       c.Committer.When.UTC().Format(time.RFC3339),
		Subject:    subject(c.Message),
		Files:      s.FilesWithFindings,
		Findings:   s.Findings,
		Frameworks: []Count{},
		Eras:       []EraCount{},
	}
	for _, fw := range s.Frameworks {
		p.Frameworks = append(p.Frameworks, Count{Name: fw.Name, Files: fw.Files, Findings: fw.Findings})
	}
	for _, e := range s.Eras {
		p.Eras = append(p.Eras, EraCount{Framework: e.Framework, Era: e.Name, Findings: e.Findings})
	}
	sort.Slice(p.Frameworks, func(i, j int) bool { return p.Frameworks[i].Name < p.Frameworks[j].Name })
	return p
}

func subject(msg string) string {
	for i, r := range msg {
		if r == '\n' {
			return msg[:i]
		}
	}
	return msg
}

// treeSource presents one commit's tree to the scanner.
type treeSource struct {
	fsys walk.FS
	info source.Info
}

func (s *treeSource) Info() source.Info { return s.info }
func (s *treeSource) FS() walk.FS       { return s.fsys }
func (s *treeSource) Close() error      { return nil }

// blobCache is the run's memory of analysed blobs, in front of the caller's cache.
type blobCache struct {
	mu   sync.RWMutex
	m    map[string]*scanner.CachedFile
	next scanner.Cache
	// counts is set once only counted lookups follow: entries are kept compact.
	counts bool
	// lookups counts file visits; misses, distinct blobs analysed or read from
	// next. Both are the same whatever the workers' timing.
	lookups atomic.Int64
	misses  atomic.Int64
}

func (b *blobCache) Get(key string) (*scanner.CachedFile, bool) {
	b.lookups.Add(1)
	b.mu.RLock()
	v, ok := b.m[key]
	b.mu.RUnlock()
	if ok {
		return v, true
	}
	if b.next != nil {
		if v, ok := b.next.Get(key); ok {
			b.store(key, v)
			return v, true
		}
	}
	return nil, false
}

func (b *blobCache) Put(key string, v *scanner.CachedFile) {
	b.store(key, v)
	if b.next != nil {
		b.next.Put(key, v)
	}
}

// store remembers a blob's result and counts it as analysed the first time:
// two files of one commit with the same new content may both miss and be
// analysed at once, and are still one blob.
func (b *blobCache) store(key string, v *scanner.CachedFile) {
	b.mu.Lock()
	if b.m == nil {
		b.m = map[string]*scanner.CachedFile{}
	}
	if _, dup := b.m[key]; !dup {
		b.misses.Add(1)
	}
	if b.counts {
		v = v.Compact()
	}
	b.m[key] = v
	b.mu.Unlock()
}

// countsOnly makes the cache keep counts instead of findings, from now on and
// for what it holds: only counted lookups (Footprint) may follow.
func (b *blobCache) countsOnly() {
	b.mu.Lock()
	b.counts = true
	for k, v := range b.m {
		b.m[k] = v.Compact()
	}
	b.mu.Unlock()
}
