package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/report/portfolio"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/source"
)

// portfolioRunner scans the entries of one run. The workers share it, so nothing
// in it changes once they start.
type portfolioRunner struct {
	opts     *scanOptions
	quiet    *ioStreams
	specs    []outputSpec
	cat      *catalog.Catalog
	estOpts  estimator.Options
	policies []drift.Policy
	shard    shard
	outDir   string
	dates    map[string]string
}

// outcome is what happened to one entry.
type outcome struct {
	entry      portfolio.RunEntry
	violations []drift.Violation
}

// runAll scans the entries, --repo-jobs at a time, and returns their outcomes in
// the entries' key order. Only cancellation stops it early.
func (r *portfolioRunner) runAll(ctx context.Context, entries []repoEntry) ([]outcome, error) {
	progress := newPortfolioProgress(r.opts.io, len(entries))
	defer progress.finish()
	outcomes := make([]outcome, len(entries))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.opts.RepoJobs)
	for i, e := range entries {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			outcomes[i] = r.scanOneSafe(gctx, e)
			progress.finished(outcomes[i].entry.Status)
			return nil
		})
	}
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sort.Slice(outcomes, func(i, j int) bool { return outcomes[i].entry.Name < outcomes[j].entry.Name })
	return outcomes, nil
}

// scanOneSafe turns a panic in one repository into that repository's failure, so
// one hostile repository never stops the others.
func (r *portfolioRunner) scanOneSafe(ctx context.Context, e repoEntry) (o outcome) {
	defer func() {
		if v := recover(); v != nil {
			o = r.failed(e, fmt.Errorf("internal error: %v", v))
		}
	}()
	return r.scanOne(ctx, e)
}

// scanOne brings one entry's report up to date: kept when the report in --out-dir
// is for the commit the repository would be scanned at, written otherwise.
func (r *portfolioRunner) scanOne(ctx context.Context, e repoEntry) outcome {
	name := reportName(e)
	path := filepath.Join(r.outDir, name)
	prev := readPrevious(path, e, r.cat.Digest())
	if prev != nil {
		// A remote repository answers what its ref points at without a clone;
		// when it cannot (or fails to), the clone below compares afterwards.
		if c, err := source.RemoteCommit(ctx, e.Input, source.Options{Ref: e.Ref}); err == nil && c == prev.doc.Inventory.Source.Commit {
			return r.keep(e, name, path, prev, r.dates[e.key()+"\x00"+c])
		}
	}
	src, err := openSource(ctx, r.quiet, e.Input, e.Ref, false)
	if err != nil {
		return r.failed(e, err)
	}
	defer src.Close()
	info := src.Info()
	when := commitTime(src)
	if prev != nil && info.Commit != "" && info.Commit == prev.doc.Inventory.Source.Commit {
		return r.keep(e, name, path, prev, when)
	}
	cfg, err := readRepoConfig(src.FS(), info.Input)
	if err != nil {
		return r.failed(e, err)
	}
	in := r.opts.inputFlags
	in.Include = append(append([]string{}, cfg.Include...), in.Include...)
	in.Exclude = append(append([]string{}, cfg.Exclude...), in.Exclude...)
	inv, err := scanSource(ctx, r.quiet, src, &in, r.cat)
	if err != nil {
		return r.failed(e, err)
	}
	doc, err := r.document(inv)
	if err != nil {
		return r.failed(e, err)
	}
	if err := writeOutputs(r.quiet, doc, []outputSpec{{format: "json", path: path}}, report.Options{}); err != nil {
		return r.failed(e, err)
	}
	return r.done(e, name, portfolio.StatusScanned, info.Commit, when, doc.Violations)
}

// keep reuses a report of the same commit. Its estimate and policies are worked
// out again from the stored inventory (no clone, no scan), so a rerun with other
// estimate options or policies stays right; the file is rewritten only if that
// changes it.
func (r *portfolioRunner) keep(e repoEntry, name, path string, prev *previousReport, when string) outcome {
	doc, err := r.document(prev.doc.Inventory)
	if err != nil {
		return r.failed(e, err)
	}
	var buf bytes.Buffer
	if err := (report.JSONEncoder{}).Encode(&buf, doc); err != nil {
		return r.failed(e, fmt.Errorf("encode report %s: %w", path, err))
	}
	if !bytes.Equal(buf.Bytes(), prev.data) {
		if err := writeFileAtomic(path, buf.Bytes()); err != nil {
			return r.failed(e, err)
		}
	}
	return r.done(e, name, portfolio.StatusKept, doc.Inventory.Source.Commit, when, doc.Violations)
}

// document adds the estimate and the policy verdicts to an inventory.
func (r *portfolioRunner) document(inv *scanner.Inventory) (*report.Document, error) {
	doc := &report.Document{Inventory: inv}
	if !r.opts.NoEstimate {
		est, err := estimateDoc(inv, r.estOpts)
		if err != nil {
			return nil, err
		}
		doc.Estimate = est
	}
	doc.Violations = drift.Evaluate(r.policies, inv, nil)
	return doc, nil
}

func (r *portfolioRunner) done(e repoEntry, name, status, commit, when string, vs []drift.Violation) outcome {
	return outcome{
		entry: portfolio.RunEntry{
			Name: e.key(), Input: portfolio.NormalizeInput(e.Input), Ref: e.Ref,
			Report: name, Status: status, Commit: commit, CommitTime: when,
		},
		violations: vs,
	}
}

func (r *portfolioRunner) failed(e repoEntry, err error) outcome {
	reason := sentence(err.Error())
	if errors.Is(err, context.Canceled) {
		reason = "canceled"
	}
	return outcome{entry: portfolio.RunEntry{
		Name: e.key(), Input: portfolio.NormalizeInput(e.Input), Ref: e.Ref, Status: portfolio.StatusFailed, Reason: reason,
	}}
}

// build reads back the reports of this run, one at a time, into the portfolio.
func (r *portfolioRunner) build(run *portfolio.Run, outcomes []outcome) (*portfolio.Portfolio, error) {
	b := portfolio.NewBuilder()
	b.AddRun(run)
	for _, o := range outcomes {
		if o.entry.Report == "" {
			continue
		}
		path := filepath.Join(r.outDir, o.entry.Report)
		doc, _, err := portfolio.ReadFile(path)
		if err != nil {
			return nil, &InputError{Err: err}
		}
		if err := b.AddReport(o.entry.Report, doc); err != nil {
			return nil, &InputError{Err: err}
		}
	}
	p, err := b.Build()
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return p, nil
}
