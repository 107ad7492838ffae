package main

import (
	"fmt"

	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/scanner/cache"
)

func newCacheCmd(io *ioStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Show, prune or clean the analysis cache",
		Long: `Each file's analysis is cached by content (git blob hash or SHA-256, with the
catalog digest and the tool version), so a rescan reads results instead of parsing.
For a folder, a stamp index (size, times, inode of each file, with the hash of the
content last read) lets a rescan skip reading files that have not changed, as git's
index does; the decoded rule catalog is kept there too. The cache lives under the
user cache folder; FRAMESHIFT_CACHE_DIR moves it and --no-cache skips it. A damaged
entry, index or catalog copy is ignored and rewritten, never trusted.`,
		Args: noArgs,
	}
	dir := func() (string, error) {
		d, err := cache.DefaultDir()
		if err != nil {
			return "", inputErrorf("cache folder: %v", err)
		}
		return d, nil
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "dir",
		Short: "Print the cache folder",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := dir()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(io.Out, d)
			return err
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "stats",
		Short: "Print the cache's size and entry count",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := dir()
			if err != nil {
				return err
			}
			st, err := cache.Stat(d)
			if err != nil {
				return inputErrorf("cache %s: %v", d, err)
			}
			_, err = fmt.Fprintf(io.Out, "%s\n%s %s in %d %s, %s\n", st.Dir,
				humanize.Comma(int64(st.Entries)), pluralWord(st.Entries, "entry", "entries"),
				st.Packs, pluralWord(st.Packs, "pack", "packs"), humanize.IBytes(uint64(st.Bytes)))
			return err
		},
	})
	var budget string
	prune := &cobra.Command{
		Use:   "prune",
		Short: "Remove the oldest cache packs until the cache fits a size budget",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := humanize.ParseBytes(budget)
			if err != nil {
				return usageErrorf("--max-size %q: %v", budget, err)
			}
			d, err := dir()
			if err != nil {
				return err
			}
			rm, err := cache.Prune(d, int64(n))
			if err != nil {
				return inputErrorf("prune cache %s: %v", d, err)
			}
			_, err = fmt.Fprintf(io.Out, "removed %d files, %s\n", rm.Files, humanize.IBytes(uint64(rm.Bytes)))
			return err
		},
	}
	prune.Flags().StringVar(&budget, "max-size", "1GiB", "size to keep the cache under")
	cmd.AddCommand(prune)
	cmd.AddCommand(&cobra.Command{
		Use:   "clean",
		Short: "Remove the whole cache",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := dir()
			if err != nil {
				return err
			}
			rm, err := cache.Clean(d)
			if err != nil {
				return inputErrorf("clean cache %s: %v", d, err)
			}
			_, err = fmt.Fprintf(io.Out, "removed %d files, %s\n", rm.Files, humanize.IBytes(uint64(rm.Bytes)))
			return err
		},
	})
	return cmd
}
