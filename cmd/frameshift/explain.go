package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/scanner"
)

type explainOptions struct {
	io     *ioStreams
	PathID string
	Input  string
	Report string
	inputFlags
	estimateFlags
}

func newExplainCmd(io *ioStreams, runF func(*explainOptions) error) *cobra.Command {
	opts := &explainOptions{io: io}
	cmd := &cobra.Command{
		Use:   "explain <path-id> [path-or-git-url]",
		Short: "Print the whole arithmetic of one migration estimate",
		Long: `Print, line by line, how the estimate of one migration path was computed for a
codebase: the findings counted per difficulty level and their hours, the parity
validations, the blocker chunks, the overhead, the ratio to the reference footprint,
the scaling, the floors and the team. The codebase is scanned (default: the current
folder), or read from a JSON report with --report.`,
		Example: `  frameshift explain tf1-to-tf2 fixtures/tf1-graph
  frameshift explain tf2-to-pytorch --report scan.json --team 4`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return &UsageError{Err: fmt.Errorf("explain needs a path id and at most one input, got %d arguments", len(args)), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.PathID = args[0]
			opts.Input = "."
			if len(args) == 2 {
				opts.Input = args[1]
			}
			if runF != nil {
				return runF(opts)
			}
			return runExplain(cmd.Context(), opts)
		},
	}
	opts.inputFlags.register(cmd.Flags())
	opts.estimateFlags.register(cmd.Flags())
	cmd.Flags().StringVar(&opts.Report, "report", "", "read the inventory from this JSON report instead of scanning")
	return cmd
}

func runExplain(ctx context.Context, opts *explainOptions) error {
	cat, err := opts.inputFlags.catalog()
	if err != nil {
		return err
	}
	estOpts, err := opts.estimateFlags.options(cat)
	if err != nil {
		return err
	}
	known := false
	ps := estOpts.Paths
	if ps == nil {
		ps = estimator.DefaultPaths()
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
		known = known || p.ID == opts.PathID
	}
	if !known {
		return usageErrorf("unknown path %q (known: %s)", opts.PathID, strings.Join(ids, ", "))
	}
	var inv *scanner.Inventory
	if opts.Report != "" {
		if inv, err = readReportFile(opts.Report); err != nil {
			return err
		}
	} else {
		src, err := openSource(ctx, opts.io, opts.Input, opts.Ref, false)
		if err != nil {
			return err
		}
		defer src.Close()
		if inv, err = scanSource(ctx, opts.io, src, &opts.inputFlags, cat); err != nil {
			return err
		}
	}
	res, err := estimateDoc(inv, estOpts)
	if err != nil {
		return err
	}
	if err := estimator.Explain(opts.io.Out, res, opts.PathID); err != nil {
		return &InputError{Err: err}
	}
	return nil
}
