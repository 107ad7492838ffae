package source

import (
	"regexp"
	"strings"
)

// inputKind is what the user's input names.
type inputKind int

const (
	inputLocal  inputKind = iota // a path on this machine
	inputRemote                  // a URL to clone
)

// parsedInput is the user's input, decided.
type parsedInput struct {
	kind inputKind
	// url is the clone URL for a remote input.
	url string
	// shorthand is "owner/repo" when the input was GitHub shorthand.
	shorthand string
}

var (
	// scpLike is git's "user@host:path" form. The user part is required: without
	// it "host:path" is indistinguishable from a local path with a colon.
	scpLike = regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:[^\\]+$`)
	// githubShorthand is "owner/repo" with GitHub's rules for names: an owner of
	// letters, digits and inner hyphens; a repository of letters, digits, ".",
	// "_" and "-".
	githubShorthand = regexp.MustCompile(`^(?:github\.com/)?([A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?)/([A-Za-z0-9._-]{1,100})$`)
)

// remoteSchemes are the URL schemes that are cloned.
var remoteSchemes = []string{"https://", "http://", "ssh://", "git://", "file://", "git+ssh://", "ssh+git://"}

// parseInput decides what input names. exists reports whether a path exists on
// this machine; it is asked only where a local path and a remote shorthand could
// be confused, and a local path wins.
func parseInput(input string, exists func(string) bool) parsedInput {
	lower := strings.ToLower(input)
	for _, scheme := range remoteSchemes {
		if strings.HasPrefix(lower, scheme) {
			return parsedInput{kind: inputRemote, url: input}
		}
	}
	if exists(input) {
		return parsedInput{kind: inputLocal}
	}
	if scpLike.MatchString(input) {
		return parsedInput{kind: inputRemote, url: input}
	}
	if m := githubShorthand.FindStringSubmatch(input); m != nil {
		owner, repo := m[1], strings.TrimSuffix(m[2], ".git")
		if repo != "" && repo != "." && repo != ".." {
			return parsedInput{
				kind:      inputRemote,
				url:       "https://github.com/" + owner + "/" + repo + ".git",
				shorthand: owner + "/" + repo,
			}
		}
	}
	return parsedInput{kind: inputLocal}
}
