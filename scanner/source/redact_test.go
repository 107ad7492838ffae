package source

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://github.com/o/r", "https://github.com/o/r"},
		{"https://user:s3cret@github.com/o/r.git", "https://user:***@github.com/o/r.git"},
		{"https://ghp_abcdefghijklmnop@github.com/o/r", "https://***@github.com/o/r"},
		{"HTTP://x-access-token:tok@host:8443/o/r?x=1", "HTTP://x-access-token:***@host:8443/o/r?x=1"},
		{"https://user:pa/ss@host/o/r", "https://user:***@host/o/r"},
		{"https://user:p@ss@host/o/r", "https://user:***@host/o/r"},
		{"https://host:8080/o/r@v1", "https://host:***@v1"},
		{"https://u:123/abc@host/o/r", "https://u:***@host/o/r"},
		{"https://host/o/r@v1", "https://host/o/r@v1"},
		{"https://:tok@host/o/r", "https://:***@host/o/r"},
		{"ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git"},
		{"ssh://git:pw@github.com/o/r.git", "ssh://git:***@github.com/o/r.git"},
		{"git@github.com:o/r.git", "git@github.com:o/r.git"},
		{"user:pw@host:o/r.git", "user:***@host:o/r.git"},
		{"file:///tmp/repo", "file:///tmp/repo"},
		{"./models", "./models"},
		{"owner/repo", "owner/repo"},
		{"docs/me@example.com/x", "docs/me@example.com/x"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScrub(t *testing.T) {
	base := errors.New("dial https://x-access-token:tok123@host failed for tok123")
	got := scrub(base, []string{"tok123", "", "ab"})
	if strings.Contains(got.Error(), "tok123") {
		t.Errorf("scrub left the secret in %q", got)
	}
	if !errors.Is(got, base) {
		t.Error("scrub broke the error chain")
	}
	if scrub(base, nil) != base {
		t.Error("scrub without secrets changed the error")
	}
	if scrub(nil, []string{"x"}) != nil {
		t.Error("scrub(nil) is not nil")
	}
}

// A clone that fails (nothing listens on port 1) must not show the credentials of
// the URL, the options or the environment in its error or its Info.
func TestOpenNeverPrintsCredentials(t *testing.T) {
	const secret = "s3cr3t-token-value"
	t.Setenv(envToken, "env-"+secret)
	tests := []struct {
		name  string
		input string
		token string
	}{
		{"password in url", "https://user:" + secret + "@127.0.0.1:1/o/r.git", ""},
		{"token as user", "https://" + secret + "@127.0.0.1:1/o/r.git", ""},
		{"token option", "https://127.0.0.1:1/o/r.git", secret},
		{"token from the environment", "https://127.0.0.1:1/o/r.git", ""},
		{"invalid url", "https://user:" + secret + "@host:badport/%zz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20e9)
			defer cancel()
			_, err := Open(ctx, tt.input, Options{Token: tt.token, TempDir: t.TempDir()})
			if err == nil {
				t.Fatal("Open succeeded")
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			msg := fmt.Sprintf("%v %+v", err, ie)
			if strings.Contains(msg, secret) {
				t.Errorf("error shows the secret: %s", msg)
			}
			if !strings.HasPrefix(err.Error(), "scan "+Redact(tt.input)+": ") {
				t.Errorf("error %q does not name the redacted input", err)
			}
		})
	}
}

func TestInputErrorIsOneLine(t *testing.T) {
	err := &InputError{Input: "file:///x", Err: errors.New("clone: unexpected error: aborting due to possible repository corruption.\x00\nremote: more\r\n")}
	got := err.Error()
	if want := "scan file:///x: clone: unexpected error: aborting due to possible repository corruption. remote: more"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
