package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// estimateFlags are the flags shared by every command that estimates.
type estimateFlags struct {
	Team       float64
	Target     string
	ModelFile  string
	PathsFile  string
	NoEstimate bool
}

func (e *estimateFlags) register(f *pflag.FlagSet) {
	f.Float64Var(&e.Team, "team", 0, "engineers on the migration (default: the guide's staffing, about three)")
	f.StringVar(&e.Target, "target", "", "estimate the route to this target: "+strings.Join(estimator.Targets, ", "))
	f.StringVar(&e.ModelFile, "model", "", "YAML effort model overriding the default (see 'frameshift model')")
	f.StringVar(&e.PathsFile, "paths", "", "YAML file adding or overriding migration paths (see 'frameshift paths')")
}

// options turns the flags into estimator options, reading the model and paths
// files; a bad file is an input error naming it.
func (e *estimateFlags) options(cat *catalog.Catalog) (estimator.Options, error) {
	opts := estimator.Options{Team: e.Team, Target: e.Target, Catalog: cat}
	if e.Team < 0 {
		return opts, usageErrorf("--team must be a positive number of engineers, got %g", e.Team)
	}
	if e.Target != "" && !contains(estimator.Targets, e.Target) {
		return opts, usageErrorf("--target %q is not one of %s", e.Target, strings.Join(estimator.Targets, ", "))
	}
	if e.ModelFile != "" {
		m, err := estimator.LoadModel(e.ModelFile)
		if err != nil {
			return opts, &InputError{Err: err}
		}
		opts.Model = m
	}
	if e.PathsFile != "" {
		ps, err := estimator.LoadPaths(e.PathsFile)
		if err != nil {
			return opts, &InputError{Err: err}
		}
		opts.Paths = ps
	}
	return opts, nil
}
