package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/frameshift/frameshift/scanner/walk"
)

// gitSource is a git repository: a local working tree, local objects at a ref, or
// a temporary clone.
type gitSource struct {
	info Info
	fsys walk.FS
	repo *git.Repository
	// tmp is the temporary clone folder that Close removes, "" for local ones.
	tmp string
}

var _ GitSource = (*gitSource)(nil)

func (s *gitSource) Info() Info                  { return s.info }
func (s *gitSource) FS() walk.FS                 { return s.fsys }
func (s *gitSource) Repository() *git.Repository { return s.repo }

func (s *gitSource) Close() error {
	err := closeFS(s.fsys)
	if cerr := closeRepository(s.repo); cerr != nil && err == nil {
		err = fmt.Errorf("close repository %s: %w", s.info.Input, cerr)
	}
	s.repo = nil
	if s.tmp != "" {
		if rerr := os.RemoveAll(s.tmp); rerr != nil && err == nil {
			err = fmt.Errorf("remove temporary clone %s: %w", s.tmp, rerr)
		}
		s.tmp = ""
	}
	return err
}

// openLocal opens an existing folder: as a git repository when it is one's top or
// inside one, else as a plain folder.
func openLocal(input, shown string, opts Options) (src Source, err error) {
	st, err := os.Stat(input)
	if err != nil {
		return nil, &InputError{Input: shown, Err: pathCause(err)}
	}
	if !st.IsDir() {
		return nil, &InputError{Input: shown, Err: errors.New("not a folder")}
	}
	repo, sub, bare := openRepository(input)
	defer func() {
		// The packfiles read so far stay open until the repository is closed.
		if err != nil {
			closeRepository(repo)
		}
	}()
	if repo == nil {
		if opts.Ref != "" {
			return nil, &InputError{Input: shown, Err: fmt.Errorf("not a git repository, so ref %s cannot be read", opts.Ref)}
		}
		return newDirSource(shown, input)
	}
	if opts.Ref == "" && !bare {
		fsys, err := walk.NewOSFS(input)
		if err != nil {
			return nil, &InputError{Input: shown, Err: err}
		}
		commit, err := headCommit(repo)
		if err != nil {
			return nil, &InputError{Input: shown, Err: fmt.Errorf("read HEAD: %w", err)}
		}
		return &gitSource{info: Info{Input: shown, Kind: KindGit, Commit: commit, Worktree: true}, fsys: fsys, repo: repo}, nil
	}
	ref := opts.Ref
	if ref == "" {
		// A bare repository has no working tree: scan what HEAD points to.
		commit, err := headCommit(repo)
		if err != nil {
			return nil, &InputError{Input: shown, Err: fmt.Errorf("read HEAD: %w", err)}
		}
		if commit == "" {
			return &gitSource{info: Info{Input: shown, Kind: KindGit}, fsys: emptyFS{}, repo: repo}, nil
		}
		ref = commit
	}
	hash, err := resolveRef(repo, ref)
	if err != nil {
		return nil, &InputError{Input: shown, Ref: ref, Err: err}
	}
	fsys, err := newTreeFSAt(repo, hash, sub)
	if err != nil {
		return nil, &InputError{Input: shown, Err: err}
	}
	return &gitSource{info: Info{Input: shown, Kind: KindGit, Ref: opts.Ref, Commit: hash.String()}, fsys: fsys, repo: repo}, nil
}

// openRepository finds the git repository that dir is the top of or lies inside.
// sub is dir's slash path below the repository's top. A folder inside .git, or one
// that resolves outside the repository found (through a symlink), is not treated
// as part of it. A repository go-git cannot open is treated as a plain folder, so
// a damaged .git never stops a scan of the files.
func openRepository(dir string) (repo *git.Repository, sub string, bare bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", false
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, "", false
	}
	repo, err = git.PlainOpenWithOptions(real, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		// go-git's detection looks for a .git folder, here or above, and so
		// misses a bare repository named directly.
		if repo, err = git.PlainOpen(real); err != nil {
			return nil, "", false
		}
		if _, err := repo.Worktree(); !errors.Is(err, git.ErrIsBareRepository) {
			return nil, "", false
		}
	}
	wt, err := repo.Worktree()
	if errors.Is(err, git.ErrIsBareRepository) {
		return keepDescriptors(repo), "", true
	}
	if err != nil {
		return nil, "", false
	}
	top, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return nil, "", false
	}
	rel, err := filepath.Rel(top, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, "", false
	}
	sub = filepath.ToSlash(rel)
	if sub == "." {
		sub = ""
	}
	if sub == ".git" || strings.HasPrefix(sub, ".git/") {
		return nil, "", false
	}
	return keepDescriptors(repo), sub, false
}

// headCommit is HEAD's commit hash, or "" in a repository with no commits.
func headCommit(repo *git.Repository) (string, error) {
	head, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return head.Hash().String(), nil
}

// resolveRef resolves a branch, remote branch, tag (annotated or light), full or
// short hash, or revision (HEAD~2) to a commit. In a fresh clone the branches
// other than the default one exist only as origin/<name>, so that is tried too.
func resolveRef(repo *git.Repository, ref string) (plumbing.Hash, error) {
	for _, candidate := range []string{ref, "refs/remotes/origin/" + ref} {
		if h, ok := resolveRevision(repo, candidate); ok {
			return h, nil
		}
	}
	return plumbing.ZeroHash, ErrUnknownRef
}

// resolveRevision wraps go-git's ResolveRevision, which can panic on revisions
// that start with an operator ("~2"): a bad ref is the user's typo, not a crash.
func resolveRevision(repo *git.Repository, rev string) (h plumbing.Hash, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	hash, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil || hash == nil || hash.IsZero() {
		return plumbing.ZeroHash, false
	}
	return *hash, true
}

// pathCause reduces an os error to its cause, so the message reads
// "scan ./nope: no such file or directory" rather than repeating the path.
func pathCause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
