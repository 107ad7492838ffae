package source

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// cloneDirPattern names temporary clones, so a leftover one is recognisable.
const cloneDirPattern = "frameshift-clone-*"

// hexRef looks like an abbreviated or full commit hash.
var hexRef = regexp.MustCompile(`^[0-9a-fA-F]{4,40}$`)

// openRemote clones in.url into a temporary folder and reads files from the
// clone's objects.
func openRemote(ctx context.Context, shown string, in parsedInput, opts Options) (Source, error) {
	rem, err := prepareRemote(in.url, opts.Token, os.Getenv)
	if err != nil {
		return nil, &InputError{Input: shown, Err: err}
	}
	tmp, err := os.MkdirTemp(opts.TempDir, cloneDirPattern)
	if err != nil {
		return nil, fmt.Errorf("create a folder to clone %s into: %w", shown, err)
	}
	src, err := cloneSource(ctx, shown, tmp, rem, opts)
	if err != nil {
		os.RemoveAll(tmp)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, remoteError(shown, in, opts.Ref, scrub(err, rem.secrets))
	}
	return src, nil
}

func cloneSource(ctx context.Context, shown, tmp string, rem remote, opts Options) (*gitSource, error) {
	c := cloner{ctx: ctx, dir: filepath.Join(tmp, "repo.git"), rem: rem, opts: opts}
	repo, hash, err := c.clone(opts.Ref)
	if errors.Is(err, transport.ErrEmptyRemoteRepository) && opts.Ref == "" {
		return &gitSource{info: Info{Input: shown, Kind: KindGit}, fsys: emptyFS{}, tmp: tmp}, nil
	}
	if err != nil {
		return nil, err
	}
	repo = keepDescriptors(repo)
	fsys, err := NewTreeFS(repo, hash)
	if err != nil {
		closeRepository(repo)
		return nil, err
	}
	return &gitSource{
		info: Info{Input: shown, Kind: KindGit, Ref: opts.Ref, Commit: hash.String()},
		fsys: fsys,
		repo: repo,
		tmp:  tmp,
	}, nil
}

// cloner makes bare clones with no checkout: files are read from objects.
type cloner struct {
	ctx  context.Context
	dir  string
	rem  remote
	opts Options
}

// clone fetches as little as answers the question. Without a ref: the default
// branch's last commit. A name: first as a branch, then as a tag, each alone and
// shallow. A hash or revision (HEAD~2, origin/x): the whole repository, since a
// server need not serve a commit by hash and a revision needs history.
func (c cloner) clone(ref string) (*git.Repository, plumbing.Hash, error) {
	if ref == "" {
		repo, err := c.run(git.CloneOptions{SingleBranch: true}, true)
		if err != nil {
			return nil, plumbing.ZeroHash, err
		}
		head, err := repo.Head()
		if err != nil {
			return nil, plumbing.ZeroHash, fmt.Errorf("read HEAD of the clone: %w", err)
		}
		return repo, head.Hash(), nil
	}
	if !needsFullClone(ref) {
		for _, name := range []plumbing.ReferenceName{plumbing.NewBranchReferenceName(ref), plumbing.NewTagReferenceName(ref)} {
			repo, err := c.run(git.CloneOptions{ReferenceName: name, SingleBranch: true}, true)
			if isMissingRef(err) {
				continue
			}
			if err != nil {
				return nil, plumbing.ZeroHash, err
			}
			hash, err := resolveRef(repo, name.String())
			return repo, hash, err
		}
		return nil, plumbing.ZeroHash, ErrUnknownRef
	}
	repo, err := c.run(git.CloneOptions{Tags: git.AllTags}, false)
	if err != nil {
		return nil, plumbing.ZeroHash, err
	}
	hash, err := resolveRef(repo, ref)
	return repo, hash, err
}

// run makes one clone attempt in a fresh folder.
func (c cloner) run(o git.CloneOptions, shallow bool) (*git.Repository, error) {
	if err := os.RemoveAll(c.dir); err != nil {
		return nil, err
	}
	o.URL = c.rem.url
	o.Auth = c.rem.auth
	o.NoCheckout = true
	if o.Tags == git.InvalidTagMode {
		o.Tags = git.NoTags
	}
	if c.opts.Progress != nil {
		o.Progress = c.opts.Progress
	}
	if shallow && !c.opts.History {
		o.Depth = 1
	}
	return git.PlainCloneContext(c.ctx, c.dir, true, &o)
}

// needsFullClone reports whether ref can only be resolved with the whole
// repository at hand.
func needsFullClone(ref string) bool {
	return hexRef.MatchString(ref) ||
		strings.ContainsAny(ref, "~^@:") ||
		ref == "HEAD" ||
		strings.HasPrefix(ref, "origin/") ||
		strings.HasPrefix(ref, "refs/")
}

// isMissingRef reports whether a clone failed only because the remote has no
// such branch or tag.
func isMissingRef(err error) bool {
	if err == nil {
		return false
	}
	return errors.Is(err, plumbing.ErrReferenceNotFound) ||
		errors.Is(err, git.NoMatchingRefSpecError{}) ||
		strings.Contains(err.Error(), "couldn't find remote ref")
}

// remoteError turns a clone failure into one sentence about the input.
func remoteError(shown string, in parsedInput, ref string, err error) error {
	switch {
	case errors.Is(err, ErrUnknownRef):
		return &InputError{Input: shown, Ref: ref, Err: err}
	case in.shorthand != "" && (errors.Is(err, transport.ErrRepositoryNotFound) || errors.Is(err, transport.ErrAuthenticationRequired)):
		// GitHub answers "authentication required" for a repository that does
		// not exist, and the user may have meant a local folder.
		return &InputError{Input: shown, Err: fmt.Errorf("no such folder, and GitHub repository %s was not found (set %s if it is private): %w", in.shorthand, envToken, err)}
	case errors.Is(err, transport.ErrAuthenticationRequired):
		return &InputError{Input: shown, Err: fmt.Errorf("%w: set %s to a token that can read it", err, envToken)}
	case errors.Is(err, transport.ErrAuthorizationFailed):
		return &InputError{Input: shown, Err: fmt.Errorf("%w: the token cannot read this repository", err)}
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return &InputError{Input: shown, Err: err}
	}
	return &InputError{Input: shown, Err: fmt.Errorf("clone: %w", err)}
}
