package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

type diffOptions struct {
	io     *ioStreams
	Old    string
	New    string
	Repo   string
	FailOn []string
	inputFlags
	estimateFlags
	outputFlags
}

func newDiffCmd(io *ioStreams, runF func(*diffOptions) error) *cobra.Command {
	opts := &diffOptions{io: io}
	cmd := &cobra.Command{
		Use:   "diff <old> <new>",
		Short: "Show framework drift between two reports or two git refs",
		Long: `Compare two states of a codebase: which findings appeared and which went away,
per framework, era, rule and file; each framework's share before and after; and the
change in the estimate. Each side is a JSON report written by 'scan --format json',
a folder, or a git ref of the repository given by --repo (default: the current
folder), read from git objects without checkout.

Findings are matched so that code moved within a file, or a renamed file, does not
read as removed and added. --fail-on evaluates policies on the new side, with the old
side as the baseline (exit code 1 when broken).`,
		Example: `  frameshift diff origin/main HEAD
  frameshift diff old.json new.json --format markdown
  frameshift diff v1.0 v2.0 --repo ../model-zoo --fail-on new:tf1`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return &UsageError{Err: fmt.Errorf("diff needs two sides, old and new, got %d", len(args)), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			opts.formatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runDiff(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Repo, "repo", ".", "repository whose refs the sides name")
	f.StringArrayVar(&opts.FailOn, "fail-on", nil, "policy evaluated on the new side against the old (repeatable)")
	opts.inputFlags.register(f)
	opts.estimateFlags.register(f)
	opts.outputFlags.register(f, "table, json, markdown, html (and see -o)")
	return cmd
}

func runDiff(ctx context.Context, opts *diffOptions) error {
	if opts.Ref != "" {
		return usageErrorf("diff takes its refs as arguments, not --ref")
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
	policies, err := parsePolicies(opts.FailOn, cat)
	if err != nil {
		return err
	}
	oldInv, oldEst, err := loadSide(ctx, opts, opts.Old, cat, estOpts)
	if err != nil {
		return err
	}
	newInv, newEst, err := loadSide(ctx, opts, opts.New, cat, estOpts)
	if err != nil {
		return err
	}
	result := drift.Compare(oldInv, newInv)
	result.Estimate = drift.CompareEstimates(oldEst, newEst)
	doc := &report.Document{Inventory: newInv, Estimate: newEst, Drift: result}
	doc.Baseline = drift.MarkBaseline(newInv, oldInv)
	doc.Violations = drift.Evaluate(policies, newInv, oldInv)
	if err := writeOutputs(opts.io, doc, specs, report.Options{Color: opts.io.colorEnabled(opts.NoColor), Top: opts.Top, Rules: cat}); err != nil {
		return err
	}
	return reportViolations(opts.io, doc.Violations)
}

// loadSide reads one side of a diff: a JSON report file, a folder, or a git ref of
// --repo. A report without an estimate is estimated with the current model.
func loadSide(ctx context.Context, opts *diffOptions, spec string, cat *catalog.Catalog, estOpts estimator.Options) (*scanner.Inventory, *estimator.Result, error) {
	var inv *scanner.Inventory
	var est *estimator.Result
	st, statErr := os.Stat(spec)
	switch {
	case statErr == nil && !st.IsDir():
		f, err := os.Open(spec)
		if err != nil {
			return nil, nil, inputErrorf("read report %s: %v", spec, err)
		}
		doc, err := report.ReadJSON(f)
		f.Close()
		if err != nil || doc.Inventory == nil {
			return nil, nil, inputErrorf("read report %s: not a frameshift JSON report (%v)", spec, err)
		}
		inv, est = doc.Inventory, doc.Estimate
	default:
		input, ref := spec, ""
		if statErr != nil {
			input, ref = opts.Repo, spec
		}
		src, err := openSource(ctx, opts.io, input, ref, false)
		if err != nil {
			return nil, nil, err
		}
		defer src.Close()
		if inv, err = scanSource(ctx, opts.io, src, &opts.inputFlags, cat); err != nil {
			return nil, nil, err
		}
	}
	if est == nil {
		var err error
		if est, err = estimateDoc(inv, estOpts); err != nil {
			return nil, nil, err
		}
	}
	return inv, est, nil
}
