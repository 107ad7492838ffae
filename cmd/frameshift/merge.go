package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/report/portfolio"
)

type mergeOptions struct {
	io     *ioStreams
	Inputs []string
	outputFlags
}

func newMergeCmd(io *ioStreams, runF func(*mergeOptions) error) *cobra.Command {
	opts := &mergeOptions{io: io}
	cmd := &cobra.Command{
		Use:   "merge [flags] <report-or-folder>...",
		Short: "Roll JSON reports of many repositories up into one portfolio",
		Long: `Build the portfolio of many repositories from their JSON reports, made anywhere
by any machine: 'scan --format json', or the reports a portfolio scan writes to
--out-dir. A folder is searched for *.json files, in sub-folders too; the
frameshift-run*.json summaries found there add the repositories that failed.

The portfolio has one row per repository (frameworks, eras, findings, estimate and
recommendation), totals per framework and era, the estimate of every repository
along its route and of every path, with blocker chunks that several repositories
share counted once, and a ranking of where the migration effort sits.

The output depends on the reports alone, not on their order or folders: merging the
shards of a run gives the same bytes as merging the whole run. Two reports of one
repository at different commits keep the newer when a run summary gives both
commit dates; otherwise merge stops and names them.`,
		Example: `  frameshift merge reports/
  frameshift merge shard-1/ shard-2/ -o html=portfolio.html -o csv=portfolio.csv
  frameshift merge a.json b.json --format markdown >> "$GITHUB_STEP_SUMMARY"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return &UsageError{Err: fmt.Errorf("merge needs at least one JSON report or folder of reports"), Command: cmd.CommandPath()}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			opts.formatSet = cmd.Flags().Changed("format")
			if runF != nil {
				return runF(opts)
			}
			return runMerge(opts)
		},
	}
	opts.outputFlags.register(cmd.Flags(), strings.Join(portfolio.FormatNames(), ", ")+" (and see -o)")
	cmd.Flags().Lookup("top").Usage = "rows of the effort ranking in the table, Markdown and HTML formats"
	return cmd
}

// mergeFile is one JSON file to read; walked is true when it was found in a
// folder rather than named.
type mergeFile struct {
	path   string
	walked bool
}

func runMerge(opts *mergeOptions) error {
	specs, err := parseOutputs(opts.Outputs, opts.Format, opts.formatSet)
	if err != nil {
		return err
	}
	for _, s := range specs {
		if _, err := portfolio.Lookup(s.format, portfolio.Options{}); err != nil {
			return usageErrorf("%v", err)
		}
	}
	files, err := mergeFiles(opts.Inputs)
	if err != nil {
		return err
	}
	b := portfolio.NewBuilder()
	var problems []string
	for _, f := range files {
		doc, run, err := portfolio.ReadFile(f.path)
		switch {
		case err != nil && f.walked && errors.Is(err, portfolio.ErrIsPortfolio):
			continue // a portfolio written next to its reports
		case err != nil:
			problems = append(problems, sentence(err.Error()))
			b.AddUnreadable(f.path, err)
		case run != nil:
			b.AddRun(run)
		default:
			if err := b.AddReport(f.path, doc); err != nil {
				problems = append(problems, sentence(err.Error()))
				b.AddUnreadable(f.path, err)
			}
		}
	}
	p, err := b.Build()
	if err != nil {
		return &InputError{Err: err}
	}
	if err := writePortfolio(opts.io, p, specs, portfolio.Options{Color: opts.io.colorEnabled(opts.NoColor), Top: opts.Top}); err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, pr := range problems {
			fmt.Fprintf(opts.io.ErrOut, "frameshift: %s\n", pr)
		}
		return inputErrorf("%d of %d %s could not be merged (listed above and among the portfolio's failures)", len(problems), len(files), pluralWord(len(files), "file", "files"))
	}
	return nil
}

// mergeFiles expands the inputs: files as named, folders to their *.json files,
// each file once, sorted.
func mergeFiles(inputs []string) ([]mergeFile, error) {
	seen := map[string]bool{}
	var out []mergeFile
	add := func(path string, walked bool) {
		key := path
		if abs, err := filepath.Abs(path); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, mergeFile{path: path, walked: walked})
		}
	}
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			return nil, inputErrorf("merge %s: %v", in, pathCauseOf(err))
		}
		if !st.IsDir() {
			add(in, false)
			continue
		}
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			name := d.Name()
			if d.IsDir() {
				if path != in && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			// Hidden files include the temporary files of atomic writes.
			if d.Type().IsRegular() && strings.HasSuffix(name, ".json") && !strings.HasPrefix(name, ".") {
				add(path, true)
			}
			return nil
		})
		if err != nil {
			return nil, inputErrorf("merge %s: %v", in, err)
		}
	}
	if len(out) == 0 {
		return nil, inputErrorf("merge %s: no JSON report found", strings.Join(inputs, ", "))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

// pathCauseOf reduces an os error to its cause, so the message names the path once.
func pathCauseOf(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
