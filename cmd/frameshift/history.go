package main

import (
	"context"
	"fmt"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/history"
	"github.com/frameshift/frameshift/scanner/source"
	"github.com/frameshift/frameshift/scanner/walk"
)

type historyOptions struct {
	io      *ioStreams
	Input   string
	Commits int
	Since   string
	Every   int
	inputFlags
	outputFlags
}

func newHistoryCmd(io *ioStreams, runF func(*historyOptions) error) *cobra.Command {
	opts := &historyOptions{io: io}
	cmd := &cobra.Command{
		Use:   "history [repo]",
		Short: "Show the framework footprint over a repository's history",
		Long: `Walk the first-parent history of a repository from git objects (no checkout) and
show, per sampled commit, the framework footprint: files, findings and era mix, as
a table with a terminal sparkline, JSON, CSV, or a chart in the HTML report.

Each distinct file blob is analysed once, whatever the number of commits that hold
it, so scanning a hundred commits costs little more than scanning what changed.
A remote repository is cloned with its history (single branch) into a temporary
folder that is removed afterwards.`,
		Example: `  frameshift history --commits 50
  frameshift history ../model-zoo --since 2023-01-01 --every 5
  frameshift history https://github.com/google/trax --ref master --commits 100 -o html=trend.html`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return &UsageError{Err: fmt.Errorf("history takes at most one repository, got %d", len(args)), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = "."
			if len(args) == 1 {
				opts.Input = args[0]
			}
			opts.formatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runHistory(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Commits, "commits", 0, "number of first-parent commits to sample (default 20 without --since)")
	f.StringVar(&opts.Since, "since", "", "sample commits since this date (YYYY-MM-DD or RFC 3339)")
	f.IntVar(&opts.Every, "every", 1, "keep one commit in N along the first-parent history")
	opts.inputFlags.register(f)
	opts.outputFlags.register(f, "table, json, csv, markdown, html (and see -o)")
	return cmd
}

func runHistory(ctx context.Context, opts *historyOptions) error {
	if opts.Commits < 0 || opts.Every < 0 {
		return usageErrorf("--commits and --every must not be negative")
	}
	var since time.Time
	if opts.Since != "" {
		var err error
		if since, err = parseDate(opts.Since); err != nil {
			return err
		}
	}
	if opts.Commits == 0 && since.IsZero() {
		opts.Commits = 20
	}
	specs, err := parseOutputs(opts.Outputs, opts.Format, opts.formatSet)
	if err != nil {
		return err
	}
	cat, err := opts.inputFlags.catalog()
	if err != nil {
		return err
	}
	maxSize, err := parseSize(opts.MaxFileSize)
	if err != nil {
		return err
	}
	if err := walk.ValidateGlobs(opts.Include, opts.Exclude); err != nil {
		return &UsageError{Err: err}
	}
	src, err := openSource(ctx, opts.io, opts.Input, opts.Ref, true)
	if err != nil {
		return err
	}
	defer src.Close()
	gs, ok := src.(source.GitSource)
	if !ok || gs.Repository() == nil {
		return inputErrorf("history %s: not a git repository", src.Info().Input)
	}
	if src.Info().Commit == "" {
		return inputErrorf("history %s: the repository has no commits", src.Info().Input)
	}
	cache, saveCache := openCache(opts.io, opts.NoCache)
	defer saveCache()
	started := time.Now()
	res, newest, err := history.Run(ctx, gs.Repository(), history.Options{
		Start:   plumbing.NewHash(src.Info().Commit),
		Commits: opts.Commits,
		Since:   since,
		Every:   opts.Every,
		Input:   src.Info().Input,
		Ref:     opts.Ref,
		Scan: scanner.Options{
			Catalog:     cat,
			Jobs:        opts.Jobs,
			ToolVersion: toolVersion(),
			Cache:       cache,
			Walk: walk.Options{
				Include: opts.Include, Exclude: opts.Exclude, MaxFileSize: maxSize, NoIgnore: opts.NoIgnore,
			},
		},
		Progress: historyProgress(opts.io),
	})
	if err != nil {
		return &InputError{Err: fmt.Errorf("history %s: %w", src.Info().Input, err)}
	}
	if opts.io.stderrTTY {
		fmt.Fprintf(opts.io.ErrOut, "\r\x1b[K%d commits in %s\n", len(res.Points), time.Since(started).Round(time.Millisecond))
	}
	doc := &report.Document{Inventory: newest, History: res}
	return writeHistoryOutputs(opts.io, doc, specs, report.Options{Color: opts.io.colorEnabled(opts.NoColor), Top: opts.Top, Rules: cat})
}

// writeHistoryOutputs renders the history: table and CSV are about the commits;
// the other formats render the whole document (the newest commit's inventory
// with the history chart).
func writeHistoryOutputs(io *ioStreams, doc *report.Document, specs []outputSpec, opts report.Options) error {
	var rest []outputSpec
	for _, spec := range specs {
		var write func(w *fileOrStdout) error
		switch spec.format {
		case "table":
			o := opts
			o.Color = opts.Color && spec.path == ""
			write = func(w *fileOrStdout) error { return report.WriteHistoryTable(w, doc.History, o) }
		case "csv":
			write = func(w *fileOrStdout) error { return report.WriteHistoryCSV(w, doc.History) }
		default:
			rest = append(rest, spec)
			continue
		}
		w := &fileOrStdout{}
		if err := write(w); err != nil {
			return err
		}
		if err := w.flush(io, spec.path); err != nil {
			return err
		}
	}
	return writeOutputs(io, doc, rest, opts)
}

func historyProgress(io *ioStreams) func(done, total int) {
	if !io.stderrTTY {
		return nil
	}
	return func(done, total int) {
		fmt.Fprintf(io.ErrOut, "\rhistory… %d/%d commits", done, total)
	}
}

func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageErrorf("--since %q is not a date (YYYY-MM-DD or RFC 3339)", s)
}

// fileOrStdout buffers one rendering before it goes to stdout or, atomically, to a file.
type fileOrStdout struct{ buf []byte }

func (f *fileOrStdout) Write(p []byte) (int, error) {
	f.buf = append(f.buf, p...)
	return len(p), nil
}

func (f *fileOrStdout) flush(io *ioStreams, path string) error {
	if path == "" {
		_, err := io.Out.Write(f.buf)
		return err
	}
	if err := writeFileAtomic(path, f.buf); err != nil {
		return &InputError{Err: err}
	}
	return nil
}
