package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/frameshift/frameshift/report/portfolio"
)

// repoEntry is one repository of a portfolio scan: a positional input, or a line of
// the --repos list.
type repoEntry struct {
	// Input is the path or URL as written; it may hold a credential, so it is only
	// ever shown through key().
	Input string
	Ref   string
}

// key names the entry everywhere it is shown, with credentials redacted.
func (e repoEntry) key() string { return portfolio.Key(e.Input, e.Ref) }

// maxListLine bounds one line of a repository list; a URL is far shorter.
const maxListLine = 64 * 1024

// readRepoList reads a --repos file ("-" for standard input).
func readRepoList(name string, stdin io.Reader) ([]repoEntry, error) {
	r := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, inputErrorf("read repository list %s: %v", name, err)
		}
		defer f.Close()
		r = f
	}
	entries, err := parseRepoList(r, name)
	if err != nil {
		return nil, &InputError{Err: err}
	}
	return entries, nil
}

// parseRepoList reads one repository a line, "<path-or-url> [ref]". A "#" at the
// start of a line or after a space starts a comment (a "#" inside a URL, say in a
// password, does not); blank lines are skipped. name is for messages, which give
// the line number and never the line itself, since it may hold a token.
func parseRepoList(r io.Reader, name string) ([]repoEntry, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxListLine)
	var out []repoEntry
	n := 0
	for sc.Scan() {
		n++
		line := stripComment(sc.Text())
		fields := strings.Fields(line)
		switch len(fields) {
		case 0:
			continue
		case 1:
			out = append(out, repoEntry{Input: fields[0]})
		case 2:
			out = append(out, repoEntry{Input: fields[0], Ref: fields[1]})
		default:
			return nil, fmt.Errorf("repository list %s, line %d: want \"<path-or-url> [ref]\", got %d fields", name, n, len(fields))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("repository list %s, after line %d: %w", name, n, err)
	}
	return out, nil
}

func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// dedupeEntries keeps the first entry of each key, in order.
func dedupeEntries(es []repoEntry) []repoEntry {
	seen := map[string]bool{}
	out := es[:0:0]
	for _, e := range es {
		if k := e.key(); !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// shard is a share of a repository list: the entries whose key hashes to Index-1
// modulo Count. The zero shard takes everything.
type shard struct {
	Index, Count int
}

var shardPattern = regexp.MustCompile(`^\s*(\d{1,7})\s*/\s*(\d{1,7})\s*$`)

// parseShard reads --shard "i/n", 1 ≤ i ≤ n.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{}, nil
	}
	m := shardPattern.FindStringSubmatch(s)
	if m == nil {
		return shard{}, usageErrorf("--shard %q is not of the form i/n, e.g. 1/4", s)
	}
	i, _ := strconv.Atoi(m[1])
	n, _ := strconv.Atoi(m[2])
	if n < 1 || i < 1 || i > n {
		return shard{}, usageErrorf("--shard %q: i must be from 1 to n, and n at least 1", s)
	}
	return shard{Index: i, Count: n}, nil
}

func (s shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// keeps reports whether the entry belongs to this shard. The hash is of the key,
// not of the line number, so editing the list moves only the entries edited.
func (s shard) keeps(e repoEntry) bool {
	if s.Count <= 1 {
		return true
	}
	sum := sha256.Sum256([]byte(e.key()))
	return binary.BigEndian.Uint64(sum[:8])%uint64(s.Count) == uint64(s.Index-1)
}

// runFileName is the run summary's name in --out-dir: one per shard, so shards
// that share a folder do not overwrite each other's.
func (s shard) runFileName() string {
	if s.Count == 0 {
		return "frameshift-run.json"
	}
	return fmt.Sprintf("frameshift-run-%d-of-%d.json", s.Index, s.Count)
}

// maxNameStem keeps report names well below file-system limits.
const maxNameStem = 96

// reportName is the entry's stable report file name: the redacted input without
// scheme or user, and the ref, made safe for any file system, then a short hash of
// the key so that inputs that sanitise alike never collide, e.g.
// "github.com_google_trax@v1.4-1a2b3c4d.json". It depends on the entry alone,
// never on the run order.
func reportName(e repoEntry) string {
	shown := portfolio.NormalizeInput(e.Input)
	if i := strings.Index(shown, "://"); i >= 0 {
		shown = shown[i+3:]
	}
	if at := strings.LastIndexByte(shown, '@'); at >= 0 && !strings.ContainsAny(shown[:at], "/") {
		shown = shown[at+1:] // user@host:path, or a redacted user
	}
	shown = strings.TrimSuffix(shown, ".git")
	stem := sanitizeName(shown)
	if e.Ref != "" {
		stem += "@" + sanitizeName(e.Ref)
	}
	if r := []rune(stem); len(r) > maxNameStem {
		stem = string(r[:maxNameStem])
	}
	if stem == "" {
		stem = "repository"
	}
	sum := sha256.Sum256([]byte(e.key()))
	return stem + "-" + hex.EncodeToString(sum[:4]) + ".json"
}

// sanitizeName keeps letters, digits, '.', '_' and '-', folds every other run into
// one '_', and trims what would make a hidden file or an option-like name.
func sanitizeName(s string) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-')
		if ok {
			b.WriteRune(r)
			under = false
			continue
		}
		if !under {
			b.WriteByte('_')
			under = true
		}
	}
	return strings.Trim(b.String(), "._-")
}
