package scanner

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// fingerprinter gives each finding of one file an identity that survives moved
// lines and renamed files: it hashes the rule, the symbol, the kind and the line's
// text with whitespace collapsed, plus the occurrence index among findings that
// share all of those, so two identical lines in one file stay distinct. Line
// numbers and the file path are deliberately left out.
type fingerprinter struct {
	seen map[string]int
}

func newFingerprinter() *fingerprinter { return &fingerprinter{seen: map[string]int{}} }

func (fp *fingerprinter) next(rule, symbol string, kind Kind, line []byte) string {
	key := rule + "\x00" + symbol + "\x00" + string(kind) + "\x00" + strings.Join(strings.Fields(string(line)), " ")
	n := fp.seen[key]
	fp.seen[key] = n + 1
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:8])
}
