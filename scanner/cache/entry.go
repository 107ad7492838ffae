package cache

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	"github.com/frameshift/frameshift/scanner"
)

// An entry file is a fixed header followed by the payload:
//
//	magic "FSC\x00" | format version (uint16) | payload length (uint32) | CRC-32C (uint32)
//
// all little-endian. The CRC covers the key as well as the payload, so an entry
// copied or renamed under another key fails verification just like a truncated or
// bit-flipped one. CRC-32C is hardware-accelerated on amd64 and arm64 and is
// meant to catch accidents (a crash mid-copy, a bad disk, a stray editor), which is
// all a cache of our own results needs: nothing read from it is executed.
const (
	entryMagic = "FSC\x00"
	headerSize = len(entryMagic) + 2 + 4 + 4
	// formatVersion changes whenever the pack layout, the entry header or the
	// payload encoding does. It also names the entries' folder, so two versions of
	// the tool sharing one cache folder never read each other's entries.
	formatVersion uint16 = 2
	// maxEntrySize bounds one entry: no real file's analysis comes close, and an
	// index that claims more is not ours.
	maxEntrySize = 64 << 20
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func checksum(key string, payload []byte) uint32 {
	c := crc32.Update(0, crcTable, []byte(key))
	return crc32.Update(c, crcTable, payload)
}

// sealEntry encodes v and frames it for key.
func sealEntry(key string, v *scanner.CachedFile) []byte {
	payload := encodeFile(v)
	out := make([]byte, headerSize, headerSize+len(payload))
	copy(out, entryMagic)
	binary.LittleEndian.PutUint16(out[4:], formatVersion)
	binary.LittleEndian.PutUint32(out[6:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(out[10:], checksum(key, payload))
	return append(out, payload...)
}

// openEntry verifies an entry read for key and decodes it. Any mismatch is an
// error: the caller treats it as a miss and the entry is rewritten.
func openEntry(key string, data []byte) (*scanner.CachedFile, error) {
	if len(data) < headerSize || string(data[:4]) != entryMagic {
		return nil, fmt.Errorf("%w: no header", errCorrupt)
	}
	if v := binary.LittleEndian.Uint16(data[4:]); v != formatVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", errCorrupt, v, formatVersion)
	}
	payload := data[headerSize:]
	if n := binary.LittleEndian.Uint32(data[6:]); uint64(n) != uint64(len(payload)) {
		return nil, fmt.Errorf("%w: payload of %d bytes, header says %d", errCorrupt, len(payload), n)
	}
	if binary.LittleEndian.Uint32(data[10:]) != checksum(key, payload) {
		return nil, fmt.Errorf("%w: checksum mismatch", errCorrupt)
	}
	return decodeFile(payload)
}

func crc32Sum(b []byte) uint32 { return crc32.Checksum(b, crcTable) }
