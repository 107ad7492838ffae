package manifest

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/ini.v1"
)

// parseSetupCfg reads [options] install_requires and [options.extras_require]
// from a setuptools setup.cfg. gopkg.in/ini.v1 reads the INI structure; line
// numbers come from a search of the raw text within the right section, since
// the library keeps none.
func parseSetupCfg(file string, data []byte) ([]Dependency, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("parse %s: the file is binary (it contains NUL bytes)", file)
	}
	cfg, err := ini.LoadSources(ini.LoadOptions{
		AllowPythonMultilineValues: true,
		// setuptools reads setup.cfg with configparser, which has no inline
		// comments by default; ';' in a value starts a marker, not a comment.
		IgnoreInlineComment:     true,
		SkipUnrecognizableLines: true,
		AllowBooleanKeys:        true,
		KeyValueDelimiters:      "=:",
	}, keepBlankLinesInValues(data))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", file, err)
	}
	text := cfgLines(data)
	c := &collector{file: file, kind: KindSetupCfg}
	if sec, err := cfg.GetSection("options"); err == nil {
		if key, err := sec.GetKey("install_requires"); err == nil {
			readCfgRequirements(c, text, "options", key.Name(), "", key.Value())
		}
	}
	if sec, err := cfg.GetSection("options.extras_require"); err == nil {
		for _, key := range sec.Keys() {
			readCfgRequirements(c, text, "options.extras_require", key.Name(), key.Name(), key.Value())
		}
	}
	return c.deps, c.err
}

// readCfgRequirements reads a value holding one requirement per line, as
// setuptools splits it, and finds each requirement's line among the lines the
// value spans, in order.
func readCfgRequirements(c *collector, text []string, section, key, group, value string) {
	first, last := cfgValueLines(text, section, key)
	if first == 0 {
		// The library accepted a key our search cannot place (an indented
		// or quoted key): the section header is the best line we know.
		first, last = sectionLine(text, section), 0
	}
	cursor := first
	for _, entry := range strings.Split(value, "\n") {
		if i := commentStart(entry); i >= 0 {
			entry = entry[:i]
		}
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		line := first // if the text search fails, the key's line is the best we know
		for l := cursor; l > 0 && l <= last; l++ {
			if strings.Contains(text[l-1], entry) {
				line, cursor = l, l+1
				break
			}
		}
		c.pep508(line, group, entry)
	}
}

// cfgLines splits the raw text into lines, text[i] being line i+1.
func cfgLines(data []byte) []string {
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// cfgValueLines finds the lines a key's value spans: from the key's own line
// through the indented or blank lines after it. It returns 0, 0 when the key
// is not found in the section.
func cfgValueLines(text []string, section, key string) (first, last int) {
	current := ""
	for i, l := range text {
		if l == "" || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		if strings.HasPrefix(l, "[") {
			if end := strings.IndexByte(l, ']'); end > 0 {
				current = strings.TrimSpace(l[1:end])
			}
			continue
		}
		if current != section {
			continue
		}
		name := l
		if d := strings.IndexAny(l, "=:"); d >= 0 {
			name = l[:d]
		}
		if !strings.EqualFold(strings.TrimSpace(name), key) {
			continue
		}
		first, last = i+1, i+1
		for j := i + 1; j < len(text); j++ {
			if next := text[j]; next != "" && next[0] != ' ' && next[0] != '\t' {
				break
			}
			last = j + 1
		}
		return first, last
	}
	return 0, 0
}

// sectionLine is the line of a section's header, or 1 when it cannot be found.
func sectionLine(text []string, section string) int {
	for i, l := range text {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") && strings.TrimSpace(l[1:len(l)-1]) == section {
			return i + 1
		}
	}
	return 1
}

// keepBlankLinesInValues turns a blank line inside an indented value into an
// indented comment line. configparser (and so setuptools) lets a multi-line
// value run across blank lines, but ini.v1 ends the value there; the comment
// keeps the value whole, keeps every line number, and is dropped on reading.
func keepBlankLinesInValues(data []byte) []byte {
	lines := bytes.Split(data, []byte("\n"))
	inValue := false
	for i, l := range lines {
		blank := len(bytes.TrimSpace(l)) == 0
		indented := !blank && (l[0] == ' ' || l[0] == '\t')
		switch {
		case blank:
			if inValue && nextNonBlankIndented(lines[i+1:]) {
				lines[i] = []byte(" #")
			}
		case indented:
			// still inside the value
		default:
			inValue = !bytes.HasPrefix(l, []byte("[")) && !bytes.HasPrefix(l, []byte("#")) && !bytes.HasPrefix(l, []byte(";"))
		}
	}
	return bytes.Join(lines, []byte("\n"))
}

func nextNonBlankIndented(lines [][]byte) bool {
	for _, l := range lines {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		return l[0] == ' ' || l[0] == '\t'
	}
	return false
}
