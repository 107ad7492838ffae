package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/estimator"
)

type pathsOptions struct {
	io        *ioStreams
	PathsFile string
	Format    string
}

func newPathsCmd(io *ioStreams, runF func(*pathsOptions) error) *cobra.Command {
	opts := &pathsOptions{io: io}
	cmd := &cobra.Command{
		Use:   "paths",
		Short: "Show the migration paths of the framework guide",
		Long: `Show the guide's migration paths with their timeline, engineer-month ranges and
risk for a typical production codebase. Estimates scale these ranges to the codebase
scanned (see docs/estimation.md). --paths adds or overrides paths from a YAML file.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runPaths(opts)
		},
	}
	cmd.Flags().StringVar(&opts.PathsFile, "paths", "", "YAML file adding or overriding paths")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table or json")
	return cmd
}

func runPaths(opts *pathsOptions) error {
	ps := estimator.DefaultPaths()
	if opts.PathsFile != "" {
		var err error
		if ps, err = estimator.LoadPaths(opts.PathsFile); err != nil {
			return &InputError{Err: err}
		}
	}
	switch opts.Format {
	case "json":
		type pathJSON struct {
			ID             string          `json:"id"`
			From           string          `json:"from"`
			To             string          `json:"to"`
			TimelineMonths estimator.Range `json:"timeline_months"`
			EngMonths      estimator.Range `json:"eng_months"`
			Risk           estimator.Risk  `json:"risk"`
		}
		out := make([]pathJSON, 0, len(ps))
		for _, p := range ps {
			out = append(out, pathJSON{p.ID, p.From, p.To, p.TimelineMonths, p.EngMonths, p.Risk})
		}
		enc := json.NewEncoder(opts.io.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"paths": out})
	case "table":
		table := tablewriter.NewTable(opts.io.Out,
			tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Symbols: tw.NewSymbols(tw.StyleLight)})),
			tablewriter.WithHeaderAutoFormat(tw.Off),
		)
		table.Header("Path", "From", "To", "Timeline (months)", "Engineer-months", "Risk")
		for _, p := range ps {
			if err := table.Append(p.ID, p.From, p.To, span(p.TimelineMonths), span(p.EngMonths), riskLabel(string(p.Risk))); err != nil {
				return err
			}
		}
		return table.Render()
	}
	return usageErrorf("--format %q is not one of table, json", opts.Format)
}

func span(r estimator.Range) string {
	return fmt.Sprintf("%s–%s", trimFloat(r.Low), trimFloat(r.High))
}

func trimFloat(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
}

func riskLabel(r string) string {
	parts := strings.Split(r, "-")
	for i, p := range parts {
		if p != "" {
			parts[i] = strings.ToUpper(p[:1]) + p[1:]
		}
	}
	return strings.Join(parts, "–")
}
