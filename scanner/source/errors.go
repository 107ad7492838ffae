package source

import (
	"errors"
	"fmt"
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
	return fmt.Sprintf("scan %s: %v", e.Input, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }
