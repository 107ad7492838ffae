package source

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownRef means a ref names no branch, tag or commit of the repository.
var ErrUnknownRef = errors.New("unknown ref")

// InputError means the input itself is at fault: a missing folder, an unknown
// repository or ref, a bad URL. The CLI maps it to exit code 2. Its message is
// one sentence naming the input, with any credential redacted.
type InputError struct {
	// Input is the path or URL as given, redacted.
	Input string
	// Ref is the ref asked for, when the error is about it.
	Ref string
	Err error
}

func (e *InputError) Error() string {
	if e.Ref != "" && errors.Is(e.Err, ErrUnknownRef) {
		return fmt.Sprintf("unknown ref %s in %s", e.Ref, e.Input)
	}
	return fmt.Sprintf("scan %s: %s", e.Input, oneLine(e.Err.Error()))
}

// oneLine makes a message from git's side band fit one line of a terminal: git
// servers end messages with NUL bytes and newlines, which would otherwise reach
// the user's terminal and the JSON of a portfolio run as they are.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func (e *InputError) Unwrap() error { return e.Err }
