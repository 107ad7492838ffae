package source

import (
	"io"

	"github.com/go-git/go-billy/v5"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// objectCacheSize bounds go-git's cache of decoded objects. Its default, 96 MiB,
// took a history run over the 300 MB budget; the scanner reads each blob once and
// needs the cache only for delta bases, which a smaller cache still holds.
const objectCacheSize = 16 * cache.MiByte

// keepDescriptors reopens repo's object storage so that packfiles stay open from
// one object read to the next. By default go-git opens and parses a packfile
// again for every object it reads from it, which was 12% of a history run. The
// same folders are used (a linked worktree's common folder included); a storage
// that is not on disk, or one that cannot be reopened, is returned as it was.
// closeRepository releases the descriptors.
func keepDescriptors(repo *git.Repository) *git.Repository {
	st, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return repo
	}
	var wt billy.Filesystem
	if w, err := repo.Worktree(); err == nil {
		wt = w.Filesystem
	}
	s := filesystem.NewStorageWithOptions(st.Filesystem(), cache.NewObjectLRU(objectCacheSize), filesystem.Options{KeepDescriptors: true})
	kept, err := git.Open(s, wt)
	if err != nil {
		return repo
	}
	return kept
}

// closeRepository closes the packfiles keepDescriptors left open.
func closeRepository(repo *git.Repository) error {
	if repo == nil {
		return nil
	}
	if c, ok := repo.Storer.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
