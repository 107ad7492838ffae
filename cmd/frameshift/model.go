package main

import (
	"github.com/spf13/cobra"

	"github.com/frameshift/frameshift/estimator"
)

func newModelCmd(io *ioStreams) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "model",
		Short: "Print the effort model, ready to edit and pass back with --model",
		Long: `Print the effort model as commented YAML: the reference footprint, hours per
difficulty level, parity validation per model definition, blocker chunks, overheads,
growth exponent and team size. Edit it and pass it to scan or explain with --model.
With --model FILE, print that model after validation (with defaults filled in).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m := estimator.DefaultModel()
			if file != "" {
				var err error
				if m, err = estimator.LoadModel(file); err != nil {
					return &InputError{Err: err}
				}
			}
			out, err := m.YAML()
			if err != nil {
				return err
			}
			_, err = io.Out.Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&file, "model", "", "validate and print this model file instead of the default")
	return cmd
}
