package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/report/portfolio"
	"github.com/frameshift/frameshift/scanner/walk"
)

// portfolioFlags turn scan into a scan of many repositories.
type portfolioFlags struct {
	Repos    string
	OutDir   string
	Shard    string
	RepoJobs int
}

func (p *portfolioFlags) register(f *pflag.FlagSet) {
	f.StringVar(&p.Repos, "repos", "", "file listing repositories to scan, one '<path-or-url> [ref]' a line ('-' for stdin)")
	f.StringVar(&p.OutDir, "out-dir", "", "folder for one JSON report per repository; a rerun keeps the reports of unchanged commits")
	f.StringVar(&p.Shard, "shard", "", "scan only share i of n of the repositories (i/n, e.g. 2/4), for parallel workers")
	f.IntVar(&p.RepoJobs, "repo-jobs", 2, "repositories scanned at once, each with --jobs file workers")
}

// wanted reports whether a scan is a portfolio scan: several inputs, or a flag
// that only makes sense for one.
func (p *portfolioFlags) wanted(inputs int) bool {
	return inputs > 1 || p.Repos != "" || p.OutDir != "" || p.Shard != ""
}

// runPortfolio scans many repositories, each into its own JSON report in --out-dir,
// then writes the portfolio in the requested formats. A repository that fails is
// listed and does not stop the others; the exit code is 2 when any failed, else 1
// when a --fail-on policy broke in any repository, else 0.
func runPortfolio(ctx context.Context, opts *scanOptions, inputs []string) error {
	r, err := newPortfolioRunner(opts)
	if err != nil {
		return err
	}
	entries, err := portfolioEntries(opts, inputs)
	if err != nil {
		return err
	}
	outDir, cleanup, err := prepareOutDir(opts.OutDir)
	if err != nil {
		return err
	}
	defer cleanup()
	r.outDir = outDir
	r.dates = previousDates(outDir)

	outcomes, err := r.runAll(ctx, entries)
	if err != nil {
		return err
	}
	run := &portfolio.Run{Shard: r.shard.String()}
	for _, o := range outcomes {
		run.Repositories = append(run.Repositories, o.entry)
	}
	var buf bytes.Buffer
	if err := portfolio.WriteRun(&buf, run); err != nil {
		return fmt.Errorf("encode run summary: %w", err)
	}
	runFile := filepath.Join(outDir, r.shard.runFileName())
	if err := writeFileAtomic(runFile, buf.Bytes()); err != nil {
		return &InputError{Err: err}
	}
	p, err := r.build(run, outcomes)
	if err != nil {
		return err
	}
	if err := writePortfolio(opts.io, p, r.specs, portfolio.Options{Color: opts.io.colorEnabled(opts.NoColor), Top: opts.Top}); err != nil {
		return err
	}
	return portfolioVerdict(opts.io, outcomes, opts.OutDir, runFile)
}

func newPortfolioRunner(opts *scanOptions) (*portfolioRunner, error) {
	if opts.Baseline != "" {
		return nil, usageErrorf("--baseline names one repository's baseline; scan that repository alone to compare with it")
	}
	if opts.RepoJobs < 1 {
		return nil, usageErrorf("--repo-jobs must be 1 or more, got %d", opts.RepoJobs)
	}
	if opts.Jobs < 0 {
		return nil, usageErrorf("--jobs must be 0 (all CPUs) or more, got %d", opts.Jobs)
	}
	if _, err := parseSize(opts.MaxFileSize); err != nil {
		return nil, err
	}
	if err := walk.ValidateGlobs(opts.Include, opts.Exclude); err != nil {
		return nil, &UsageError{Err: err}
	}
	sh, err := parseShard(opts.Shard)
	if err != nil {
		return nil, err
	}
	specs, err := parseOutputs(opts.Outputs, opts.Format, opts.formatSet)
	if err != nil {
		return nil, err
	}
	for _, s := range specs {
		if _, err := portfolio.Lookup(s.format, portfolio.Options{}); err != nil {
			return nil, usageErrorf("%v; each repository's own report is JSON, in --out-dir", err)
		}
	}
	cat, err := opts.inputFlags.catalog()
	if err != nil {
		return nil, err
	}
	estOpts, err := opts.estimateFlags.options(cat)
	if err != nil {
		return nil, err
	}
	policies, err := parsePolicies(opts.FailOn, cat)
	if err != nil {
		return nil, err
	}
	if drift.NeedsBaseline(policies) {
		return nil, usageErrorf("policies starting with new: compare one repository with its baseline; a portfolio scan evaluates the others in every repository")
	}
	// Clone progress and per-file counters of several repositories at once would
	// garble a terminal: the run shows its own progress line instead.
	quiet := &ioStreams{In: opts.io.In, Out: opts.io.Out, ErrOut: opts.io.ErrOut}
	return &portfolioRunner{opts: opts, quiet: quiet, specs: specs, cat: cat, estOpts: estOpts, policies: policies, shard: sh}, nil
}

// portfolioEntries gathers the positional inputs and the --repos list, applies
// --ref to the entries that name no ref, drops repeats and keeps this shard's.
func portfolioEntries(opts *scanOptions, inputs []string) ([]repoEntry, error) {
	var all []repoEntry
	for _, in := range inputs {
		all = append(all, repoEntry{Input: in})
	}
	if opts.Repos != "" {
		listed, err := readRepoList(opts.Repos, opts.io.In)
		if err != nil {
			return nil, err
		}
		if len(listed) == 0 && len(inputs) == 0 {
			return nil, inputErrorf("repository list %s names no repository", opts.Repos)
		}
		all = append(all, listed...)
	}
	for i := range all {
		if all[i].Ref == "" {
			all[i].Ref = opts.Ref
		}
	}
	all = dedupeEntries(all)
	sh, _ := parseShard(opts.Shard) // validated by newPortfolioRunner
	var out []repoEntry
	for _, e := range all {
		if sh.keeps(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// prepareOutDir makes --out-dir, or a temporary folder removed at the end when
// the reports are only needed for the portfolio.
func prepareOutDir(dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "frameshift-portfolio-*")
		if err != nil {
			return "", nil, fmt.Errorf("create a folder for the reports: %w", err)
		}
		return tmp, func() { os.RemoveAll(tmp) }, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, inputErrorf("create --out-dir %s: %v", dir, err)
	}
	return dir, func() {}, nil
}

// writePortfolio renders the portfolio in every requested format, as writeOutputs
// renders a report.
func writePortfolio(io *ioStreams, p *portfolio.Portfolio, specs []outputSpec, opts portfolio.Options) error {
	return writeEncoded(io, p, specs, "portfolio", func(format string, terminal bool) (encoderOf[*portfolio.Portfolio], error) {
		o := opts
		o.Color = opts.Color && terminal
		return portfolio.Lookup(format, o)
	})
}

// portfolioVerdict lists failures and broken policies on stderr and turns them
// into the exit code: failures (2) outrank policies (1).
func portfolioVerdict(io *ioStreams, outcomes []outcome, outDir, runFile string) error {
	var failed []portfolio.RunEntry
	var broken []string
	for _, o := range outcomes {
		if o.entry.Status == portfolio.StatusFailed {
			failed = append(failed, o.entry)
		}
		for _, v := range o.violations {
			broken = append(broken, fmt.Sprintf("  %s: %s: %s", o.entry.Name, v.Policy, v.Message))
		}
	}
	if len(broken) > 0 {
		fmt.Fprintf(io.ErrOut, "frameshift: %d %s broken:\n%s\n", len(broken), pluralWord(len(broken), "policy", "policies"), strings.Join(broken, "\n"))
	}
	if len(failed) > 0 {
		fmt.Fprintf(io.ErrOut, "frameshift: %d of %d %s failed:\n", len(failed), len(outcomes), pluralWord(len(outcomes), "repository", "repositories"))
		for _, f := range failed {
			fmt.Fprintf(io.ErrOut, "  %s: %s\n", f.Name, f.Reason)
		}
		where := "the others' reports are in the portfolio"
		if outDir != "" {
			where = "listed in " + runFile + "; the others' reports are written"
		}
		return inputErrorf("%d of %d %s could not be scanned (%s)", len(failed), len(outcomes), pluralWord(len(outcomes), "repository", "repositories"), where)
	}
	if len(broken) > 0 {
		return ErrPolicyViolated
	}
	return nil
}
