package source

import (
	"io/fs"

	"github.com/frameshift/frameshift/scanner/walk"
)

// emptyFS is the tree of a repository with no commits.
type emptyFS struct{}

var _ walk.FS = emptyFS{}

func (emptyFS) ReadDir(dir string) ([]walk.DirEntry, error) {
	if dir == "" {
		return nil, nil
	}
	return nil, &fs.PathError{Op: "readdir", Path: dir, Err: fs.ErrNotExist}
}

func (emptyFS) ReadFile(p string) ([]byte, error) {
	return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
}

func (emptyFS) Resolve(p string) (string, walk.EntryType, int64, bool, error) {
	return "", walk.TypeOther, 0, false, &fs.PathError{Op: "resolve", Path: p, Err: fs.ErrNotExist}
}
