package main

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/memory"

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

// lsRemoteTimeout bounds the cheap question; a host that does not answer in time
// gets the clone, which has its own error handling.
const lsRemoteTimeout = 30 * time.Second

// remoteCommit learns the commit a remote entry would be scanned at without
// cloning it: one ls-remote (the refs the server advertises). It answers for the
// default branch, a branch, a tag (annotated ones peeled) and a full hash, the
// cases source.Open clones shallowly; for anything else, or any error, ok is
// false and the caller clones and compares afterwards. Its errors are never
// shown, so no credential can leak through them.
func remoteCommit(ctx context.Context, input, ref string) (commit string, ok bool) {
	if fullHash.MatchString(ref) {
		return strings.ToLower(ref), true
	}
	if ref != "" && strings.ContainsAny(ref, "~^@:") {
		return "", false
	}
	u, auth, ok := remoteURL(input)
	if !ok {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, lsRemoteTimeout)
	defer cancel()
	rem := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{u}})
	refs, err := rem.ListContext(ctx, &git.ListOptions{Auth: auth, PeelingOption: git.AppendPeeled})
	if err != nil {
		return "", false
	}
	byName := map[string]*plumbing.Reference{}
	for _, r := range refs {
		byName[r.Name().String()] = r
	}
	var candidates []string
	if ref == "" {
		candidates = []string{"HEAD"}
	} else {
		// The order source.Open tries: a branch, then a tag.
		candidates = []string{"refs/heads/" + ref, "refs/tags/" + ref + "^{}", "refs/tags/" + ref}
	}
	for _, name := range candidates {
		r := byName[name]
		for hops := 0; r != nil && r.Type() == plumbing.SymbolicReference && hops < 5; hops++ {
			r = byName[r.Target().String()]
		}
		if r != nil && r.Type() == plumbing.HashReference && !r.Hash().IsZero() {
			return r.Hash().String(), true
		}
	}
	return "", false
}

var (
	fullHash        = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)
	githubShorthand = regexp.MustCompile(`^(?:github\.com/)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?/[A-Za-z0-9._-]{1,100}$`)
)

// remoteURL returns the URL to ask and its credentials for an input that names a
// remote repository; ok is false for local paths and forms it does not know. The
// token rules are source.Open's (scanner/source/auth.go, not exported): a token
// in the URL, else FRAMESHIFT_GIT_TOKEN, else GITHUB_TOKEN for github.com, sent
// over https only.
func remoteURL(input string) (string, transport.AuthMethod, bool) {
	lower := strings.ToLower(input)
	switch {
	case strings.HasPrefix(lower, "file://"), strings.HasPrefix(lower, "ssh://"), strings.HasPrefix(lower, "git://"):
		return input, nil, true
	case strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "http://"):
	default:
		if _, err := os.Lstat(input); err == nil || !githubShorthand.MatchString(input) {
			return "", nil, false
		}
		input = "https://github.com/" + strings.TrimSuffix(strings.TrimPrefix(input, "github.com/"), ".git") + ".git"
	}
	u, err := url.Parse(input)
	if err != nil {
		return "", nil, false
	}
	if u.User != nil || u.Scheme != "https" {
		return input, nil, true // go-git sends credentials found in the URL itself
	}
	host := strings.ToLower(u.Hostname())
	token := os.Getenv("FRAMESHIFT_GIT_TOKEN")
	user := "oauth2"
	if host == "github.com" || host == "www.github.com" {
		user = "x-access-token"
		if token == "" {
			token = os.Getenv("GITHUB_TOKEN")
		}
	}
	if token == "" {
		return input, nil, true
	}
	return input, &githttp.BasicAuth{Username: user, Password: token}, true
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
