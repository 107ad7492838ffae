package source

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseInput(t *testing.T) {
	local := map[string]bool{"models/resnet": true, "src": true}
	exists := func(p string) bool { return local[p] }
	tests := []struct {
		in   string
		want parsedInput
	}{
		{"owner/repo", parsedInput{kind: inputRemote, url: "https://github.com/owner/repo.git", shorthand: "owner/repo"}},
		{"tensorflow/models.git", parsedInput{kind: inputRemote, url: "https://github.com/tensorflow/models.git", shorthand: "tensorflow/models"}},
		{"github.com/google/jax", parsedInput{kind: inputRemote, url: "https://github.com/google/jax.git", shorthand: "google/jax"}},
		{"my-org/my_repo.v2", parsedInput{kind: inputRemote, url: "https://github.com/my-org/my_repo.v2.git", shorthand: "my-org/my_repo.v2"}},
		{"models/resnet", parsedInput{kind: inputLocal}},
		{"src", parsedInput{kind: inputLocal}},
		{"./nope", parsedInput{kind: inputLocal}},
		{"../a/b", parsedInput{kind: inputLocal}},
		{"a/b/c", parsedInput{kind: inputLocal}},
		{"-owner/repo", parsedInput{kind: inputLocal}},
		{"owner-/repo", parsedInput{kind: inputLocal}},
		{"owner/..", parsedInput{kind: inputLocal}},
		{"owner/.git", parsedInput{kind: inputLocal}},
		{"/abs/path", parsedInput{kind: inputLocal}},
		{`C:\work\repo`, parsedInput{kind: inputLocal}},
		{"https://github.com/o/r", parsedInput{kind: inputRemote, url: "https://github.com/o/r"}},
		{"HTTPS://github.com/o/r", parsedInput{kind: inputRemote, url: "HTTPS://github.com/o/r"}},
		{"http://host/o/r", parsedInput{kind: inputRemote, url: "http://host/o/r"}},
		{"ssh://git@host/o/r.git", parsedInput{kind: inputRemote, url: "ssh://git@host/o/r.git"}},
		{"git@github.com:o/r.git", parsedInput{kind: inputRemote, url: "git@github.com:o/r.git"}},
		{"git@github.com:o/r", parsedInput{kind: inputRemote, url: "git@github.com:o/r"}},
		{"file:///tmp/repo", parsedInput{kind: inputRemote, url: "file:///tmp/repo"}},
	}
	for _, tt := range tests {
		got := parseInput(tt.in, exists)
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(parsedInput{})); diff != "" {
			t.Errorf("parseInput(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}
