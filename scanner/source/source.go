// Package source opens what the user asked to scan: a local folder, a local git
// repository (its working tree, or its objects at a ref), or a remote repository
// cloned with go-git. Each source exposes a read-only file tree (walk.FS) and says
// what it is (Info) for the report.
//
// Nothing from a repository is ever executed, and no credential is ever shown:
// Info().Input and every error carry the input with its credentials redacted.
package source

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"

	git "github.com/go-git/go-git/v5"

	"github.com/frameshift/frameshift/scanner/walk"
)

// Info describes a source for the report. It never holds a credential.
type Info struct {
	// Input is the path or URL as given, with any credential redacted.
	Input string
	// Kind is "dir" or "git".
	Kind string
	// Ref is the branch, tag or commit the user asked for, if any.
	Ref string
	// Commit is the full hash of the commit scanned, for git sources; "" for a
	// repository with no commits.
	Commit string
	// Worktree is true when a git repository is read from its working tree.
	Worktree bool
}

// Source kinds.
const (
	KindDir = "dir"
	KindGit = "git"
)

// Source is an opened input. Close removes anything it created (a temporary clone).
type Source interface {
	Info() Info
	FS() walk.FS
	Close() error
}

// GitSource is a Source backed by a git repository, for commands that read more
// than one commit (history, diff). Sources of Kind "git" implement it.
type GitSource interface {
	Source
	Repository() *git.Repository
}

// Options control how an input is opened.
type Options struct {
	// Ref is a branch, remote branch (origin/main), tag, full or short commit
	// hash, or revision (HEAD~2) to scan instead of the working tree or the
	// remote's default branch.
	Ref string
	// Progress receives go-git's progress messages while cloning; nil for none.
	Progress io.Writer
	// TempDir is the parent of temporary clones; "" means the system default.
	TempDir string
	// Token authenticates https clones; see prepareRemote for the fallbacks.
	Token string
	// History clones the whole history of the branch or tag instead of its last
	// commit, for commands that walk commits.
	History bool
}

// Open decides what input is and opens it:
//   - an existing folder that is not inside a git repository: a dir source;
//   - a folder that is a git repository's top or inside one: its working tree
//     (Commit is HEAD), or with opts.Ref, the repository's objects at that ref,
//     with no checkout;
//   - a URL (https, http, ssh, git, file, or scp-like user@host:path) or GitHub
//     shorthand (owner/repo, when no such local path exists): a shallow bare
//     clone into a temporary folder that Close removes.
//
// Errors about the input are *InputError.
func Open(ctx context.Context, input string, opts Options) (Source, error) {
	shown := Redact(input)
	if strings.TrimSpace(input) == "" {
		return nil, &InputError{Input: `""`, Err: errors.New("no folder or repository given")}
	}
	in := parseInput(input, pathExists)
	if in.kind == inputRemote {
		return openRemote(ctx, shown, in, opts)
	}
	return openLocal(input, shown, opts)
}

func pathExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
