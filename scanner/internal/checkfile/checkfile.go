// Package checkfile writes small cache files that are trusted only whole: the
// payload is followed by its SHA-256, a write goes to a temporary file renamed
// into place, and a read that finds a missing, short or altered file reports a
// miss rather than an error, since a cache file is only ever a shortcut.
package checkfile

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
)

// tempPrefix starts the names of files being written. The cache's Prune
// removes old ones a killed run left.
const tempPrefix = ".tmp-"

// Read returns the payload of the file at path, or false when it is missing,
// truncated or altered.
func Read(path string) ([]byte, bool) {
	data, err := os.ReadFile(path)
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	payload, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return payload, true
}

// Write replaces the file at path with payload and its checksum, atomically:
// a concurrent reader sees the old file or the new one, never a part.
func Write(path string, payload []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	sum := sha256.Sum256(payload)
	_, err = tmp.Write(payload)
	if err == nil {
		_, err = tmp.Write(sum[:])
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
	}
	return err
}
