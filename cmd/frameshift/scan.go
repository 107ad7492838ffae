package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/cache"
	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/source"
	"github.com/frameshift/frameshift/scanner/walk"
)

// inputFlags say what to scan and how: shared by scan, explain, diff and history.
type inputFlags struct {
	Ref         string
	Jobs        int
	Include     []string
	Exclude     []string
	MaxFileSize string
	NoIgnore    bool
	RuleFiles   []string
	NoCache     bool
}

// catalog loads the rules, with --rules files, through a compiled copy in the
// analysis cache unless --no-cache: decoding the rules' YAML is most of a fully
// cached rescan's fixed cost. A bad rules file is an input error.
func (in *inputFlags) catalog() (*catalog.Catalog, error) {
	var compiled string
	if dir, err := cache.DefaultDir(); err == nil && !in.NoCache {
		compiled = cache.CatalogDir(dir)
	}
	cat, err := catalog.LoadCompiled(compiled, in.RuleFiles...)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return cat, nil
}

func (in *inputFlags) register(f *pflag.FlagSet) {
	f.StringVar(&in.Ref, "ref", "", "branch, tag or commit to scan, read from git objects without checkout")
	f.IntVarP(&in.Jobs, "jobs", "j", 0, "files analysed in parallel (default: number of CPUs)")
	f.StringArrayVar(&in.Include, "include", nil, "only scan paths matching this glob (repeatable, e.g. 'src/**')")
	f.StringArrayVar(&in.Exclude, "exclude", nil, "skip paths matching this glob (repeatable, e.g. '**/tests/**')")
	f.StringVar(&in.MaxFileSize, "max-file-size", "5MiB", "skip files larger than this (0 for no cap)")
	f.BoolVar(&in.NoIgnore, "no-ignore", false, "do not honour .gitignore files")
	f.StringArrayVar(&in.RuleFiles, "rules", nil, "YAML file of extra or overriding rules (repeatable)")
	f.BoolVar(&in.NoCache, "no-cache", false, "do not read or write the analysis cache")
}

// outputFlags say how to report.
type outputFlags struct {
	Format    string
	formatSet bool
	Outputs   []string
	NoColor   bool
	Top       int
}

func (o *outputFlags) register(f *pflag.FlagSet, formats string) {
	f.StringVar(&o.Format, "format", "table", "report format: "+formats)
	f.StringArrayVarP(&o.Outputs, "output", "o", nil, "output: FORMAT, FORMAT=FILE, or FILE (repeatable; files are written atomically)")
	f.BoolVar(&o.NoColor, "no-color", false, "disable colour (also NO_COLOR)")
	f.IntVar(&o.Top, "top", 10, "rows in the top-files and category lists")
}

// scanOptions are the scan command's inputs, filled from flags.
type scanOptions struct {
	io *ioStreams

	Input    string
	Inputs   []string // every positional input; several make a portfolio scan (portfolio.go)
	Baseline string
	FailOn   []string
	inputFlags
	estimateFlags
	outputFlags
	portfolioFlags
}

func newScanCmd(io *ioStreams, runF func(*scanOptions) error) *cobra.Command {
	opts := &scanOptions{io: io}
	cmd := &cobra.Command{
		Use:   "scan [flags] <path-or-git-url>...",
		Short: "Inventory TensorFlow, Keras, PyTorch and JAX use and estimate migrations",
		Long: `Scan a local folder, a local git repository, or a remote git repository
(https, ssh, file:// or GitHub owner/repo shorthand) and report, file by file and
line by line, how it uses TensorFlow, Keras, PyTorch and JAX, with an estimate of
each migration path that applies and the guide's recommendation.

Remote repositories are cloned shallowly into a temporary folder that is removed
afterwards. With --ref, files are read straight from git objects, with no checkout.
Tokens are read from FRAMESHIFT_GIT_TOKEN or, for github.com, GITHUB_TOKEN, and are
never printed.

Policies (--fail-on, or fail-on: in .frameshift.yaml at the repository root) make the
run exit with code 1 when broken: new:tf1, new:framework, era:tf1>0,
framework:tensorflow>120, rule:tf1.session>0, category:custom-op>0, findings>5000.
new: policies compare with --baseline (a JSON report or a git ref).`,
		Example: `  frameshift scan .
  frameshift scan fixtures/tf1-graph --format json -o scan.json
  frameshift scan https://github.com/google/trax --ref v1.4.1
  frameshift scan . -o table -o sarif=frameshift.sarif -o html=report.html
  frameshift scan . --baseline origin/main --fail-on new:tf1
  frameshift scan --repos repos.txt --out-dir reports --shard 1/4 (see docs/scale.md)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && !cmd.Flags().Changed("repos") {
				return &UsageError{Err: errors.New("scan needs exactly one path or git URL, or several (or --repos FILE) for a portfolio, got 0"), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if len(args) > 0 {
				opts.Input = args[0]
			}
			opts.formatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runScan(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	opts.inputFlags.register(f)
	opts.estimateFlags.register(f)
	f.BoolVar(&opts.NoEstimate, "no-estimate", false, "inventory only, no migration estimate")
	opts.outputFlags.register(f, "table, json, sarif, markdown, html, csv (and see -o)")
	opts.portfolioFlags.register(f)
	f.StringVar(&opts.Baseline, "baseline", "", "JSON report or git ref to compare with: marks findings new or existing")
	f.StringArrayVar(&opts.FailOn, "fail-on", nil, "policy that fails the run with exit code 1 when broken (repeatable)")
	return cmd
}

func runScan(ctx context.Context, opts *scanOptions) error {
	if opts.portfolioFlags.wanted(len(opts.Inputs)) {
		return runPortfolio(ctx, opts, opts.Inputs)
	}
	specs, err := parseOutputs(opts.Outputs, opts.Format, opts.formatSet)
	if err != nil {
		return err
	}
	cat, err := opts.inputFlags.catalog()
	if err != nil {
		return err
	}
	estOpts, err := opts.estimateFlags.options(cat)
	if err != nil {
		return err
	}
	src, err := openSource(ctx, opts.io, opts.Input, opts.Ref, false)
	if err != nil {
		return err
	}
	defer src.Close()

	cfg, err := readRepoConfig(src.FS(), src.Info().Input)
	if err != nil {
		return err
	}
	policies, err := parsePolicies(append(append([]string{}, cfg.FailOn...), opts.FailOn...), cat)
	if err != nil {
		return err
	}
	baselineRef := opts.Baseline
	if baselineRef == "" {
		baselineRef = cfg.Baseline
	}
	if drift.NeedsBaseline(policies) && baselineRef == "" {
		return usageErrorf("policies starting with new: need a baseline (--baseline FILE|REF, or baseline: in %s)", repoConfigName)
	}
	in := opts.inputFlags
	in.Include = append(append([]string{}, cfg.Include...), in.Include...)
	in.Exclude = append(append([]string{}, cfg.Exclude...), in.Exclude...)
	inv, err := scanSource(ctx, opts.io, src, &in, cat)
	if err != nil {
		return err
	}
	doc := &report.Document{Inventory: inv}

	var base *scanner.Inventory
	if baselineRef != "" {
		base, err = loadBaseline(ctx, opts, baselineRef, &in, cat)
		if err != nil {
			return err
		}
		doc.Baseline = drift.MarkBaseline(inv, base)
	}
	if !opts.NoEstimate {
		if doc.Estimate, err = estimateDoc(inv, estOpts); err != nil {
			return err
		}
	}
	doc.Violations = drift.Evaluate(policies, inv, base)
	if err := writeOutputs(opts.io, doc, specs, report.Options{Color: opts.io.colorEnabled(opts.NoColor), Top: opts.Top, Rules: cat}); err != nil {
		return err
	}
	return reportViolations(opts.io, doc.Violations)
}

// openSource opens an input, mapping failures to input errors.
func openSource(ctx context.Context, io *ioStreams, input, ref string, history bool) (source.Source, error) {
	sopts := source.Options{Ref: ref, History: history}
	if io.stderrTTY {
		sopts.Progress = io.ErrOut
	}
	src, err := source.Open(ctx, input, sopts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, &InputError{Err: err}
	}
	return src, nil
}

// scanSource scans an opened source with progress on a terminal.
func scanSource(ctx context.Context, io *ioStreams, src source.Source, in *inputFlags, cat *catalog.Catalog) (*scanner.Inventory, error) {
	maxSize, err := parseSize(in.MaxFileSize)
	if err != nil {
		return nil, err
	}
	if in.Jobs < 0 {
		return nil, usageErrorf("--jobs must be 0 (all CPUs) or more, got %d", in.Jobs)
	}
	if err := walk.ValidateGlobs(in.Include, in.Exclude); err != nil {
		return nil, &UsageError{Err: err}
	}
	cache, saveCache := openCache(io, in.NoCache)
	defer saveCache()
	stamps, saveStamps := openStamps(io, cache, src.FS())
	defer saveStamps()
	progress := newProgress(io)
	defer progress.finish()
	inv, err := scanner.Scan(ctx, src, scanner.Options{
		Catalog:     cat,
		Jobs:        in.Jobs,
		ToolVersion: toolVersion(),
		Cache:       cache,
		Stamps:      stamps,
		Walk: walk.Options{
			Include:     in.Include,
			Exclude:     in.Exclude,
			MaxFileSize: maxSize,
			NoIgnore:    in.NoIgnore,
		},
		Progress: progress.update,
	})
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", src.Info().Input, err)
	}
	return inv, nil
}

// loadBaseline reads a JSON report, or scans the same repository at a git ref.
func loadBaseline(ctx context.Context, opts *scanOptions, ref string, in *inputFlags, cat *catalog.Catalog) (*scanner.Inventory, error) {
	if st, err := os.Stat(ref); err == nil && !st.IsDir() {
		return readReportFile(ref)
	}
	src, err := openSource(ctx, opts.io, opts.Input, ref, false)
	if err != nil {
		return nil, inputErrorf("baseline %s is neither a JSON report nor a ref of %s: %v", ref, opts.Input, err)
	}
	defer src.Close()
	return scanSource(ctx, opts.io, src, in, cat)
}

// readReportFile reads a JSON report written by scan.
func readReportFile(path string) (*scanner.Inventory, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErrorf("read report %s: %v", path, err)
	}
	defer f.Close()
	doc, err := report.ReadJSON(f)
	if err != nil {
		return nil, inputErrorf("read report %s: %v", path, err)
	}
	if doc.Inventory == nil {
		return nil, inputErrorf("read report %s: not a frameshift JSON report", path)
	}
	return doc.Inventory, nil
}

func parseSize(s string) (int64, error) {
	if s == "0" || s == "" {
		return -1, nil
	}
	n, err := humanize.ParseBytes(s)
	if err != nil {
		return 0, usageErrorf("--max-file-size %q: %v", s, err)
	}
	return int64(n), nil
}

// progress shows a file counter on a terminal's stderr, redrawn at most ten times a
// second; it writes nothing when stderr is not a terminal.
type progress struct {
	io    *ioStreams
	last  atomic.Int64
	shown atomic.Bool
}

func newProgress(io *ioStreams) *progress { return &progress{io: io} }

func (p *progress) update(done int) {
	if !p.io.stderrTTY {
		return
	}
	now := time.Now().UnixNano()
	last := p.last.Load()
	if now-last < int64(100*time.Millisecond) || !p.last.CompareAndSwap(last, now) {
		return
	}
	p.shown.Store(true)
	fmt.Fprintf(p.io.ErrOut, "\rscanning… %s files", humanize.Comma(int64(done)))
}

func (p *progress) finish() {
	if p.shown.Load() {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K")
	}
}
