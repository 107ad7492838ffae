package main

import (
	"fmt"
	"strings"

	"github.com/frameshift/frameshift/estimator"
	"github.com/frameshift/frameshift/report/drift"
	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// parsePolicies parses --fail-on expressions against the catalog's vocabulary; a
// malformed one is a usage error (exit 2), before anything is scanned.
func parsePolicies(texts []string, cat *catalog.Catalog) ([]drift.Policy, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	vocab := drift.Vocabulary{
		Frameworks: map[string]bool{}, Eras: map[string]bool{"keras2": true, "keras3": true},
		Categories: map[string]bool{}, Rules: map[string]bool{},
	}
	for _, fw := range catalog.Frameworks {
		vocab.Frameworks[fw] = true
	}
	for _, r := range cat.Rules() {
		vocab.Eras[r.Era] = true
		vocab.Categories[r.Category] = true
		vocab.Rules[r.ID] = true
	}
	var out []drift.Policy
	for _, t := range texts {
		for _, part := range strings.Split(t, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			p, err := drift.ParsePolicy(part, vocab)
			if err != nil {
				return nil, &UsageError{Err: err}
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// reportViolations lists broken policies on stderr and returns ErrPolicyViolated.
func reportViolations(io *ioStreams, vs []drift.Violation) error {
	if len(vs) == 0 {
		return nil
	}
	fmt.Fprintf(io.ErrOut, "frameshift: %d %s broken:\n", len(vs), pluralWord(len(vs), "policy", "policies"))
	for _, v := range vs {
		fmt.Fprintf(io.ErrOut, "  %s: %s\n", v.Policy, v.Message)
		for _, f := range v.Findings {
			fmt.Fprintf(io.ErrOut, "    %s\n", f)
		}
	}
	return ErrPolicyViolated
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// estimateDoc runs the estimator with prepared options.
func estimateDoc(inv *scanner.Inventory, opts estimator.Options) (*estimator.Result, error) {
	res, err := estimator.Estimate(inv, opts)
	if err != nil {
		return nil, fmt.Errorf("estimate %s: %w", inv.Source.Input, err)
	}
	return res, nil
}
