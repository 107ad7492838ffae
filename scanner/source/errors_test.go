package source

import (
	"errors"
	"fmt"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/transport"
)

func TestRemoteError(t *testing.T) {
	const input = "https://github.com/x/y"
	short := parsedInput{kind: inputRemote, url: "https://github.com/x/y.git", shorthand: "x/y"}
	full := parsedInput{kind: inputRemote, url: input}
	tests := []struct {
		name  string
		shown string
		in    parsedInput
		ref   string
		err   error
		want  string
	}{
		{"not found", input, full, "", transport.ErrRepositoryNotFound, "scan https://github.com/x/y: repository not found"},
		{"unknown ref", input, full, "v9", ErrUnknownRef, "unknown ref v9 in https://github.com/x/y"},
		{"auth required", input, full, "", transport.ErrAuthenticationRequired, "scan https://github.com/x/y: authentication required: set FRAMESHIFT_GIT_TOKEN to a token that can read it"},
		{"auth failed", input, full, "", transport.ErrAuthorizationFailed, "scan https://github.com/x/y: authorization failed: the token cannot read this repository"},
		{"shorthand not found", "x/y", short, "", transport.ErrAuthenticationRequired, "scan x/y: no such folder, and GitHub repository x/y was not found (set FRAMESHIFT_GIT_TOKEN if it is private): authentication required"},
		{"network", input, full, "", fmt.Errorf("dial tcp: lookup github.com: no such host"), "scan https://github.com/x/y: clone: dial tcp: lookup github.com: no such host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := remoteError(tt.shown, tt.in, tt.ref, tt.err)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("%v (%T) is not an *InputError", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v lost its cause %v", err, tt.err)
			}
		})
	}
}
