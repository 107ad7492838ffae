package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/memory"
)

// ErrNeedsClone means only a clone (or the local repository) can tell which commit
// an input and ref name: a local path, a revision such as HEAD~2, origin/main or
// an abbreviated hash, or a name the remote does not advertise.
var ErrNeedsClone = errors.New("only a clone can tell which commit this names")

// lsRemoteTimeout bounds the question; a host that does not answer in time gets
// the clone, which has its own error handling.
const lsRemoteTimeout = 30 * time.Second

// fullHash is a complete commit hash: it names its commit without asking anyone.
var fullHash = regexp.MustCompile(`^[0-9a-fA-F]{40}$`)

// RemoteCommit returns the commit Open would scan for a remote input at
// opts.Ref, without cloning: one ls-remote, the refs the server advertises. It
// answers for the default branch, a branch, a tag (an annotated one peeled to its
// commit) and, for any input, a full commit hash, in the order Open tries them
// (a branch before a tag of the same name). The remote is reached with Open's
// credentials: those in the URL, else opts.Token, else $FRAMESHIFT_GIT_TOKEN,
// else for github.com $GITHUB_TOKEN.
//
// For anything a clone must resolve the error is ErrNeedsClone; other errors are
// *InputError, with credentials redacted.
func RemoteCommit(ctx context.Context, input string, opts Options) (string, error) {
	ref := opts.Ref
	if fullHash.MatchString(ref) {
		return strings.ToLower(ref), nil
	}
	in := parseInput(input, pathExists)
	if in.kind != inputRemote || (ref != "" && needsFullClone(ref)) {
		return "", ErrNeedsClone
	}
	shown := Redact(input)
	rem, err := prepareRemote(in.url, opts.Token, os.Getenv)
	if err != nil {
		return "", &InputError{Input: shown, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, lsRemoteTimeout)
	defer cancel()
	r := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{rem.url}})
	refs, err := r.ListContext(ctx, &git.ListOptions{Auth: rem.auth, PeelingOption: git.AppendPeeled})
	if err != nil {
		return "", &InputError{Input: shown, Err: fmt.Errorf("list remote refs: %w", scrub(err, rem.secrets))}
	}
	if c, ok := advertisedCommit(refs, ref); ok {
		return c, nil
	}
	return "", ErrNeedsClone
}

// advertisedCommit finds the commit ref names among a remote's advertised refs:
// HEAD for no ref, else the branch, else the tag (its peeled entry first).
func advertisedCommit(refs []*plumbing.Reference, ref string) (string, bool) {
	byName := map[string]*plumbing.Reference{}
	for _, r := range refs {
		byName[r.Name().String()] = r
	}
	candidates := []string{"HEAD"}
	if ref != "" {
		candidates = []string{
			plumbing.NewBranchReferenceName(ref).String(),
			plumbing.NewTagReferenceName(ref).String() + "^{}",
			plumbing.NewTagReferenceName(ref).String(),
		}
	}
	for _, name := range candidates {
		r := byName[name]
		// HEAD is usually symbolic; a short chain is all a server sends.
		for hops := 0; r != nil && r.Type() == plumbing.SymbolicReference && hops < 5; hops++ {
			r = byName[r.Target().String()]
		}
		if r != nil && r.Type() == plumbing.HashReference && !r.Hash().IsZero() {
			return r.Hash().String(), true
		}
	}
	return "", false
}
