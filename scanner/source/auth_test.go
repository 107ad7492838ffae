package source

import (
	"testing"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestPrepareRemote(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name    string
		raw     string
		token   string
		env     map[string]string
		want    remote
		wantErr bool
	}{
		{
			name: "no credentials",
			raw:  "https://github.com/o/r.git",
			want: remote{url: "https://github.com/o/r.git"},
		},
		{
			name: "password in url",
			raw:  "https://alice:pw123@gitlab.example.com/o/r.git",
			want: remote{url: "https://gitlab.example.com/o/r.git", auth: &githttp.BasicAuth{Username: "alice", Password: "pw123"}, secrets: []string{"pw123"}},
		},
		{
			name:  "token as user on github wins over options",
			raw:   "https://ghp_tok@github.com/o/r",
			token: "opt",
			want:  remote{url: "https://github.com/o/r", auth: &githttp.BasicAuth{Username: "x-access-token", Password: "ghp_tok"}, secrets: []string{"ghp_tok"}},
		},
		{
			name:  "token option",
			raw:   "https://gitlab.com/o/r",
			token: "opt",
			env:   map[string]string{envToken: "env"},
			want:  remote{url: "https://gitlab.com/o/r", auth: &githttp.BasicAuth{Username: "oauth2", Password: "opt"}, secrets: []string{"opt"}},
		},
		{
			name: "frameshift token before github token",
			raw:  "https://github.com/o/r",
			env:  map[string]string{envToken: "fs", envGitHubToken: "gh"},
			want: remote{url: "https://github.com/o/r", auth: &githttp.BasicAuth{Username: "x-access-token", Password: "fs"}, secrets: []string{"fs"}},
		},
		{
			name: "github token on github",
			raw:  "https://github.com/o/r",
			env:  map[string]string{envGitHubToken: "gh"},
			want: remote{url: "https://github.com/o/r", auth: &githttp.BasicAuth{Username: "x-access-token", Password: "gh"}, secrets: []string{"gh"}},
		},
		{
			name: "github token never leaves for another host",
			raw:  "https://gitlab.com/o/r",
			env:  map[string]string{envGitHubToken: "gh"},
			want: remote{url: "https://gitlab.com/o/r"},
		},
		{
			name: "no token over plain http",
			raw:  "http://git.internal/o/r",
			env:  map[string]string{envToken: "fs"},
			want: remote{url: "http://git.internal/o/r"},
		},
		{
			name: "ssh uses the agent",
			raw:  "ssh://git@github.com/o/r.git",
			env:  map[string]string{envToken: "fs"},
			want: remote{url: "ssh://git@github.com/o/r.git"},
		},
		{
			name: "scp-like uses the agent",
			raw:  "git@github.com:o/r.git",
			want: remote{url: "git@github.com:o/r.git"},
		},
		{
			name:    "invalid url",
			raw:     "https://a:b@h:x/%zz",
			wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env = tt.env
			got, err := prepareRemote(tt.raw, tt.token, getenv)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("prepareRemote = %+v, want an error", got)
				}
				if err.Error() != "not a valid URL" {
					t.Errorf("error %q may quote the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			opts := []cmp.Option{cmp.AllowUnexported(remote{}), cmpopts.EquateEmpty(), cmp.Comparer(func(a, b transport.AuthMethod) bool {
				return cmp.Equal(a, b)
			})}
			if diff := cmp.Diff(tt.want, got, opts...); diff != "" {
				t.Errorf("prepareRemote (-want +got):\n%s", diff)
			}
		})
	}
}
