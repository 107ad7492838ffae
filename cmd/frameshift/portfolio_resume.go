package main

import (
	"bytes"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/frameshift/frameshift/report"
	"github.com/frameshift/frameshift/report/portfolio"
	"github.com/frameshift/frameshift/scanner/source"
)

// previousReport is a report already in --out-dir for an entry.
type previousReport struct {
	doc  *report.Document
	data []byte
}

// readPrevious returns the entry's report from an earlier run when it can be kept:
// readable, of the same input and ref, and made with the same rule catalog (so the
// findings would be the same). Anything else means the entry is scanned again.
func readPrevious(path string, e repoEntry, catalogDigest string) *previousReport {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	doc, _, err := portfolio.Read(bytes.NewReader(data))
	if err != nil || doc == nil {
		return nil
	}
	src := doc.Inventory.Source
	if portfolio.Key(src.Input, src.Ref) != e.key() || src.Commit == "" || doc.Inventory.Tool.Catalog != catalogDigest {
		return nil
	}
	return &previousReport{doc: doc, data: data}
}

// commitTime is the committer date of the commit a git source was scanned at,
// RFC 3339, or "" when unknown.
func commitTime(src source.Source) string {
	gs, ok := src.(source.GitSource)
	info := src.Info()
	if !ok || info.Commit == "" || gs.Repository() == nil {
		return ""
	}
	c, err := gs.Repository().CommitObject(plumbing.NewHash(info.Commit))
	if err != nil {
		return ""
	}
	return c.Committer.When.UTC().Format(time.RFC3339)
}

// previousDates reads the run summaries already in dir, so that a kept report
// keeps the commit date an earlier run learnt by cloning.
func previousDates(dir string) map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "frameshift-run*.json"))
	for _, f := range files {
		_, run, err := portfolio.ReadFile(f)
		if err != nil || run == nil {
			continue
		}
		for _, e := range run.Repositories {
			if e.Commit != "" && e.CommitTime != "" {
				out[portfolio.Key(e.Input, e.Ref)+"\x00"+e.Commit] = e.CommitTime
			}
		}
	}
	return out
}
