// Command gencorpus writes a deterministic benchmark corpus of realistic Python:
// TensorFlow 1 and 2, Keras, PyTorch, JAX/Flax and mixed code, plain non-ML code
// (utilities, web handlers, tests), notebooks and manifests, in the mix it prints.
// The same seed and file count always give the same bytes, so benchmark numbers
// from different machines and commits compare.
//
//	go run ./cmd/gencorpus -out .bench/corpus [-files 3000] [-seed 1]
//	go run ./cmd/gencorpus -ast-grep-rules DIR   (ast-grep rules for the catalog)
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	out := fs.String("out", "", "folder to write the corpus into (must not exist, or be empty)")
	files := fs.Int("files", 3000, "number of files")
	seed := fs.Uint64("seed", 1, "seed; the same seed and -files give the same bytes")
	sgRules := fs.String("ast-grep-rules", "", "write ast-grep rules equivalent to the catalog's symbols into this folder, and stop")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *sgRules != "" {
		n, err := writeASTGrepRules(*sgRules)
		if err != nil {
			return fmt.Errorf("write ast-grep rules: %w", err)
		}
		_, err = fmt.Fprintf(stdout, "%d ast-grep rules in %s\n", n, *sgRules)
		return err
	}
	if *out == "" {
		return errors.New("-out is required")
	}
	if err := checkEmpty(*out); err != nil {
		return err
	}
	st := newStats()
	err := generate(*files, *seed, func(f genFile) error {
		p := filepath.Join(*out, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return err
		}
		st.add(f)
		return nil
	})
	if err != nil {
		return fmt.Errorf("write corpus %s: %w", *out, err)
	}
	return st.print(stdout, *out, *seed)
}

func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check output folder %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("output folder %s is not empty; remove it or choose another", dir)
	}
	return nil
}

type stats struct {
	files []int
	bytes []int64
}

func newStats() *stats {
	return &stats{files: make([]int, len(mix)), bytes: make([]int64, len(mix))}
}

func (s *stats) add(f genFile) {
	s.files[f.kind]++
	s.bytes[f.kind] += int64(len(f.data))
}

func (s *stats) print(w io.Writer, dir string, seed uint64) error {
	var files int
	var bytes, fwFiles int64
	for i := range mix {
		files += s.files[i]
		bytes += s.bytes[i]
		if mix[i].framework {
			fwFiles += int64(s.files[i])
		}
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "corpus %s (seed %d): %d files, %.1f MB, average %.1f KB, %d%% import a framework\n",
		dir, seed, files, float64(bytes)/1e6, float64(bytes)/float64(files)/1e3, 100*fwFiles/int64(files))
	fmt.Fprintln(tw, "kind\tfiles\tshare\tMB\tavg KB\t")
	for i, k := range mix {
		avg := 0.0
		if s.files[i] > 0 {
			avg = float64(s.bytes[i]) / float64(s.files[i]) / 1e3
		}
		fmt.Fprintf(tw, "%s\t%d\t%d%%\t%.1f\t%.1f\t\n", k.name, s.files[i], k.percent, float64(s.bytes[i])/1e6, avg)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, k := range mix {
		fmt.Fprintf(w, "  %-11s %s\n", k.name, k.about)
	}
	return nil
}
