package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"

	"github.com/spf13/cobra"
)

// softMemoryLimit caps the Go heap's overshoot on large repositories (the C memory
// of tree-sitter is bounded separately, by closing each tree): it costs about 1%
// of CPU and keeps a scan's peak, and the peak of 100 commits of history over
// keras-team/keras (270 MB; 293 MB with 200 MiB), under
// the 300 MB budget (170 MiB of heap leaves room for tree-sitter's C memory and
// go-git's). GOMEMLIMIT overrides it.
const softMemoryLimit = 170 << 20

// gcPercent lets the heap grow four times past the live data before a collection,
// not once: under the soft limit above, the peak stays where the limit holds it,
// and the collector's share of a warm rescan of keras-team/keras fell from about
// a fifth of its CPU (0.10 s -> 0.08 s median CPU; cold scans 3-6% less CPU, peak
// RSS 129 -> 158 MB there, 191 -> 198 MB on the bench corpus). GOGC overrides it.
const gcPercent = 400

// run is the whole program as a function a test can call.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	// FRAMESHIFT_CPUPROFILE=file writes a pprof CPU profile of the run, for
	// docs/performance.md's measurements of the whole command.
	if path := os.Getenv("FRAMESHIFT_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if err := pprof.StartCPUProfile(f); err == nil {
				defer func() {
					pprof.StopCPUProfile()
					f.Close()
				}()
			}
		}
	}
	// FRAMESHIFT_MEMPROFILE=file writes a heap profile at the end of the run:
	// its in-use figures are those of the last collection, near the run's peak.
	if path := os.Getenv("FRAMESHIFT_MEMPROFILE"); path != "" {
		defer func() {
			if f, err := os.Create(path); err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	streams := newIOStreams(stdin, stdout, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRootCmd(streams)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	return exitCode(err, stderr)
}

func newRootCmd(io *ioStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "frameshift",
		Short: "Inventory ML framework use in a Python codebase and estimate migrations",
		Long: `frameshift reads a Python codebase (a folder or a git repository), finds how it
uses TensorFlow (1.x and 2.x), Keras (2 and 3), PyTorch and JAX, and estimates the
migration paths of the framework guide: TF1→TF2/Keras 3, TF2→PyTorch, PyTorch→JAX
and any→Keras 3.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       toolVersion(),
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &UsageError{Err: err, Command: cmd.CommandPath()}
	})
	root.AddCommand(
		newScanCmd(io, nil),
		newRulesCmd(io, nil),
		newPathsCmd(io, nil),
		newModelCmd(io),
		newExplainCmd(io, nil),
		newDiffCmd(io, nil),
		newHistoryCmd(io, nil),
		newCacheCmd(io),
		newMergeCmd(io, nil),
		newVersionCmd(io),
	)
	return root
}

// noArgs rejects positional arguments with a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &UsageError{Err: fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args[0]), Command: cmd.CommandPath()}
	}
	return nil
}
