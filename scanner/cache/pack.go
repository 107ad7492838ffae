package cache

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// Entries live in pack files, many to a file, because creating a file is the
// expensive part of a write: on the ext4 volumes of the CI machines we measured,
// one create costs 0.6-1.1 ms of kernel time, so one file per entry made a cold
// scan of 3,000 files pay 2-3 s for its cache (docs/performance.md). Each run
// appends its new entries to one temporary pack and renames it into place when
// the store is closed, so readers only ever see complete packs and concurrent
// runs never share a file.
//
// A pack is:
//
//	header  "FSP\x00" | format version (uint16) | reserved (uint16)
//	entries sealed entries (entry.go), back to back
//	index   per entry: uvarint key length, key, uvarint offset, uvarint size
//	trailer index offset (uint64) | index length (uint32) | entry count (uint32) |
//	        CRC-32C of the index (uint32) | "FSPI"
//
// all little-endian. A pack whose header, trailer or index does not verify is
// ignored whole; an entry that does not verify is a miss. Either way the
// scanner's next Put writes a good copy into the run's new pack, and the newest
// pack wins when two hold the same key.
const (
	packMagic     = "FSP\x00"
	packHeader    = len(packMagic) + 4
	trailerMagic  = "FSPI"
	packTrailer   = 8 + 4 + 4 + 4 + len(trailerMagic)
	packExt       = ".pack"
	maxIndexBytes = 256 << 20
)

// location is where an entry lives.
type location struct {
	pack *packReader
	off  int64
	size uint32
}

type indexEntry struct {
	key  string
	off  int64
	size uint32
}

// packReader is an open, verified pack.
type packReader struct {
	path    string
	f       *os.File
	size    int64
	mtime   time.Time
	entries []indexEntry
	// touched is set once a hit has refreshed the pack's modification time.
	touched bool
}

// openPack opens and verifies a pack's header, trailer and index.
func openPack(path string) (*packReader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	entries, err := readIndex(f, fi.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("pack %s: %w", path, err)
	}
	return &packReader{path: path, f: f, size: fi.Size(), mtime: fi.ModTime(), entries: entries}, nil
}

func readIndex(r io.ReaderAt, size int64) ([]indexEntry, error) {
	if size < int64(packHeader+packTrailer) {
		return nil, fmt.Errorf("%w: pack of %d bytes", errCorrupt, size)
	}
	var head [packHeader]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return nil, err
	}
	if string(head[:4]) != packMagic || binary.LittleEndian.Uint16(head[4:]) != formatVersion {
		return nil, fmt.Errorf("%w: bad pack header", errCorrupt)
	}
	var tr [packTrailer]byte
	if _, err := r.ReadAt(tr[:], size-int64(packTrailer)); err != nil {
		return nil, err
	}
	idxOff := binary.LittleEndian.Uint64(tr[0:])
	idxLen := binary.LittleEndian.Uint32(tr[8:])
	count := binary.LittleEndian.Uint32(tr[12:])
	sum := binary.LittleEndian.Uint32(tr[16:])
	if string(tr[20:]) != trailerMagic || idxLen > maxIndexBytes ||
		idxOff < uint64(packHeader) || idxOff+uint64(idxLen) != uint64(size-int64(packTrailer)) {
		return nil, fmt.Errorf("%w: bad pack trailer", errCorrupt)
	}
	idx := make([]byte, idxLen)
	if _, err := r.ReadAt(idx, int64(idxOff)); err != nil {
		return nil, err
	}
	if crc32Sum(idx) != sum {
		return nil, fmt.Errorf("%w: pack index checksum mismatch", errCorrupt)
	}
	return parseIndex(idx, count, int64(idxOff))
}

// parseIndex decodes an index whose checksum matched; it still checks every
// bound, since a checksum only guards against accidents.
func parseIndex(idx []byte, count uint32, entriesEnd int64) ([]indexEntry, error) {
	if uint64(count) > uint64(len(idx))/3 {
		return nil, fmt.Errorf("%w: pack index count %d", errCorrupt, count)
	}
	out := make([]indexEntry, 0, count)
	d := &decoder{rest: string(idx)}
	for i := uint32(0); i < count; i++ {
		n := d.uint()
		if d.err != nil || n == 0 || n > uint64(len(d.rest)) {
			return nil, fmt.Errorf("%w: pack index key", errCorrupt)
		}
		key := d.rest[:n]
		d.rest = d.rest[n:]
		off, size := d.uint(), d.uint()
		if d.err != nil || off < uint64(packHeader) || size < uint64(headerSize) || size > maxEntrySize ||
			off+size > uint64(entriesEnd) {
			return nil, fmt.Errorf("%w: pack index entry", errCorrupt)
		}
		out = append(out, indexEntry{key: key, off: int64(off), size: uint32(size)})
	}
	if len(d.rest) != 0 {
		return nil, fmt.Errorf("%w: pack index has trailing bytes", errCorrupt)
	}
	return out, nil
}

// read returns the sealed entry at loc.
func (l location) read() ([]byte, error) {
	buf := make([]byte, l.size)
	if _, err := l.pack.f.ReadAt(buf, l.off); err != nil {
		return nil, err
	}
	return buf, nil
}

// packWriter appends sealed entries to a temporary file and, on finish, writes the
// index and trailer and renames the file into the packs folder.
type packWriter struct {
	tmp   *os.File
	w     *bufio.Writer
	off   int64
	index []indexEntry
}

func newPackWriter(dir string) (*packWriter, error) {
	tmp, err := os.CreateTemp(dir, tempPrefix+"*"+packExt)
	if err != nil {
		return nil, err
	}
	pw := &packWriter{tmp: tmp, w: bufio.NewWriterSize(tmp, 256<<10)}
	var head [packHeader]byte
	copy(head[:], packMagic)
	binary.LittleEndian.PutUint16(head[4:], formatVersion)
	if err := pw.write(head[:]); err != nil {
		pw.abort()
		return nil, err
	}
	return pw, nil
}

func (pw *packWriter) write(b []byte) error {
	n, err := pw.w.Write(b)
	pw.off += int64(n)
	return err
}

func (pw *packWriter) add(key string, sealed []byte) error {
	off := pw.off
	if err := pw.write(sealed); err != nil {
		return err
	}
	pw.index = append(pw.index, indexEntry{key: key, off: off, size: uint32(len(sealed))})
	return nil
}

// finish completes the pack and moves it into dir under a name that sorts by
// creation time, so that the newest pack wins when two hold one key.
func (pw *packWriter) finish(dir string) (string, error) {
	idxOff := pw.off
	var idx []byte
	for _, e := range pw.index {
		idx = binary.AppendUvarint(idx, uint64(len(e.key)))
		idx = append(idx, e.key...)
		idx = binary.AppendUvarint(idx, uint64(e.off))
		idx = binary.AppendUvarint(idx, uint64(e.size))
	}
	var tr [packTrailer]byte
	binary.LittleEndian.PutUint64(tr[0:], uint64(idxOff))
	binary.LittleEndian.PutUint32(tr[8:], uint32(len(idx)))
	binary.LittleEndian.PutUint32(tr[12:], uint32(len(pw.index)))
	binary.LittleEndian.PutUint32(tr[16:], crc32Sum(idx))
	copy(tr[20:], trailerMagic)
	err := errors.Join(pw.write(idx), pw.write(tr[:]), pw.w.Flush())
	if cerr := pw.tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(pw.tmp.Name())
		return "", err
	}
	final := filepath.Join(dir, packName(filepath.Base(pw.tmp.Name())))
	if err := os.Rename(pw.tmp.Name(), final); err != nil {
		_ = os.Remove(pw.tmp.Name())
		return "", err
	}
	return final, nil
}

func (pw *packWriter) abort() {
	_ = pw.tmp.Close()
	_ = os.Remove(pw.tmp.Name())
}

// packName is the creation time in nanoseconds, fixed-width hex so names sort by
// time, then the temporary file's random part, so two runs never collide.
func packName(tmpBase string) string {
	return fmt.Sprintf("%016x-%s", time.Now().UnixNano(), tmpBase[len(tempPrefix):])
}
