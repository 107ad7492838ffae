package source

import (
	"io"

	"github.com/frameshift/frameshift/scanner/walk"
)

// dirSource is a plain folder.
type dirSource struct {
	info Info
	fsys walk.FS
}

var _ Source = (*dirSource)(nil)

func newDirSource(shown, dir string) (*dirSource, error) {
	fsys, err := walk.NewOSFS(dir)
	if err != nil {
		return nil, &InputError{Input: shown, Err: err}
	}
	return &dirSource{info: Info{Input: shown, Kind: KindDir}, fsys: fsys}, nil
}

func (s *dirSource) Info() Info   { return s.info }
func (s *dirSource) FS() walk.FS  { return s.fsys }
func (s *dirSource) Close() error { return closeFS(s.fsys) }

func closeFS(fsys walk.FS) error {
	if c, ok := fsys.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
