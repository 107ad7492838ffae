package scanner

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// codingLine is PEP 263's encoding declaration, which must sit on line 1 or 2.
var codingLine = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// legacyEncodings maps the Python codec names of single-byte encodings seen in real
// code to their decoders. UTF-8 needs nothing, and multi-byte legacy encodings
// (gbk, shift_jis) are left to tree-sitter's error recovery.
var legacyEncodings = map[string]encoding.Encoding{
	"latin-1": charmap.ISO8859_1, "latin1": charmap.ISO8859_1, "iso-8859-1": charmap.ISO8859_1,
	"iso8859-1": charmap.ISO8859_1, "l1": charmap.ISO8859_1,
	"iso-8859-15": charmap.ISO8859_15, "latin-9": charmap.ISO8859_15,
	"cp1252": charmap.Windows1252, "windows-1252": charmap.Windows1252,
	"cp1251": charmap.Windows1251, "windows-1251": charmap.Windows1251,
	"cp1250": charmap.Windows1250, "windows-1250": charmap.Windows1250,
	"koi8-r": charmap.KOI8R,
}

// decodeSource returns Python source as UTF-8. A file that declares a single-byte
// legacy encoding (PEP 263) and is not valid UTF-8 is transcoded, so non-ASCII
// identifiers parse and columns count characters; every line stays where it was.
// Anything else is returned unchanged.
func decodeSource(src []byte) []byte {
	if utf8.Valid(src) {
		return src
	}
	enc := declaredEncoding(src)
	if enc == nil {
		return src
	}
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return src
	}
	return out
}

func declaredEncoding(src []byte) encoding.Encoding {
	for i := 0; i < 2 && len(src) > 0; i++ {
		line := src
		if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
			line, src = src[:nl], src[nl+1:]
		} else {
			src = nil
		}
		if m := codingLine.FindSubmatch(line); m != nil {
			name := strings.ReplaceAll(strings.ToLower(string(m[1])), "_", "-")
			return legacyEncodings[name]
		}
	}
	return nil
}
