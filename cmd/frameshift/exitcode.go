package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Exit codes: the only place where an error becomes one.
const (
	exitOK     = 0
	exitPolicy = 1
	exitError  = 2
)

// ErrPolicyViolated means a --fail-on policy was broken; the report has been written
// and the violations listed.
var ErrPolicyViolated = errors.New("policy violated")

// UsageError is a mistake on the command line: a bad flag, a missing argument.
type UsageError struct {
	Err error
	// Command is the command path, for the "see --help" hint.
	Command string
}

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// InputError is an input that cannot be used: a missing path, an unreachable
// repository, an unknown ref, a malformed report or model file.
type InputError struct {
	Err error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

func inputErrorf(format string, args ...any) error {
	return &InputError{Err: fmt.Errorf(format, args...)}
}

// exitCode prints err as one sentence on stderr and returns the exit code.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, ErrPolicyViolated) {
		return exitPolicy
	}
	msg := sentence(err.Error())
	var usage *UsageError
	if errors.As(err, &usage) {
		hint := "frameshift --help"
		if usage.Command != "" {
			hint = usage.Command + " --help"
		}
		fmt.Fprintf(stderr, "frameshift: %s (see '%s')\n", msg, hint)
		return exitError
	}
	fmt.Fprintf(stderr, "frameshift: %s\n", msg)
	return exitError
}

// sentence makes an error read as one line: no trailing newline or period doubling.
func sentence(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
	return strings.TrimSuffix(s, ".")
}
