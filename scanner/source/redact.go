package source

import (
	"strings"
)

// redactedMark replaces a credential wherever one would be shown.
const redactedMark = "***"

// Redact hides the credentials in a repository URL so it can be printed: a
// password or token in the userinfo becomes "***"
// ("https://user:***@host/o/r"), and so does a userinfo with no password on an
// http(s) URL, since that is how tokens are usually embedded
// ("https://***@github.com/o/r"). ssh user names ("git@host:o/r",
// "ssh://git@host/o/r") carry no secret and are kept. Anything that is not a URL
// comes back unchanged.
func Redact(raw string) string {
	i := strings.Index(raw, "://")
	if i < 0 {
		return redactSCP(raw)
	}
	scheme := strings.ToLower(raw[:i])
	rest := raw[i+3:]
	at := userinfoEnd(rest)
	if at < 0 {
		return raw
	}
	userinfo := rest[:at]
	var shown string
	switch c := strings.IndexByte(userinfo, ':'); {
	case c >= 0:
		shown = userinfo[:c] + ":" + redactedMark
	case scheme == "ssh" || scheme == "git+ssh" || scheme == "ssh+git":
		shown = userinfo
	default:
		shown = redactedMark
	}
	return raw[:i+3] + shown + rest[at:]
}

// userinfoEnd finds the "@" that ends the userinfo in rest, the URL after
// "scheme://", or -1. A password typed with a raw "/", "?" or "#" in it ends the
// authority early; a ":" before that character still marks what precedes the
// last "@" as userinfo. That also catches "host:8080/path@x", where nothing is
// secret: showing too little beats showing a password.
func userinfoEnd(rest string) int {
	authority := rest
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		authority = rest[:end]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		return at
	}
	at := strings.LastIndexByte(rest, '@')
	if at < 0 {
		return -1
	}
	candidate := rest[:at]
	colon := strings.IndexByte(candidate, ':')
	if colon < 0 || colon > strings.IndexAny(candidate, "/?#") {
		return -1
	}
	return at
}

// redactSCP handles scp-like addresses ("user@host:path"), which have no scheme.
func redactSCP(raw string) string {
	at := strings.IndexByte(raw, '@')
	if at <= 0 {
		return raw
	}
	userinfo := raw[:at]
	if strings.ContainsAny(userinfo, "/\\") {
		return raw
	}
	if c := strings.IndexByte(userinfo, ':'); c >= 0 {
		return userinfo[:c] + ":" + redactedMark + raw[at:]
	}
	return raw
}

// scrubbedError hides secrets in an error's message while keeping the error chain
// for errors.Is and errors.As.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// minSecretLen keeps a one- or two-letter password from shredding a message; a
// secret that short is no secret.
const minSecretLen = 3

// scrub returns err with every secret replaced by "***" in its message.
func scrub(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	changed := false
	for _, s := range secrets {
		if len(s) >= minSecretLen && strings.Contains(msg, s) {
			msg = strings.ReplaceAll(msg, s, redactedMark)
			changed = true
		}
	}
	if !changed {
		return err
	}
	return &scrubbedError{msg: msg, err: err}
}
