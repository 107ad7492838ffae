package source

import (
	"errors"
	"net/url"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
)

// Environment variables that carry a token.
const (
	envToken       = "FRAMESHIFT_GIT_TOKEN"
	envGitHubToken = "GITHUB_TOKEN"
)

// remote is a clone URL made ready: credentials moved out of the URL into auth,
// and the secrets remembered so no message ever shows them.
type remote struct {
	url     string
	auth    transport.AuthMethod
	secrets []string
}

// prepareRemote picks the credentials for raw: those embedded in an http(s) URL,
// else token (Options.Token), else $FRAMESHIFT_GIT_TOKEN, else, for github.com
// only, $GITHUB_TOKEN. Tokens from options or the environment are sent over https
// only, never in clear text. ssh URLs use go-git's default (the ssh agent); file
// URLs need nothing.
func prepareRemote(raw, token string, getenv func(string) string) (remote, error) {
	if !strings.Contains(raw, "://") {
		return remote{url: raw}, nil // scp-like: ssh
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Parse quotes the whole URL in its error, credentials included.
		return remote{}, errors.New("not a valid URL")
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return remote{url: raw}, nil
	}
	host := strings.ToLower(u.Hostname())
	r := remote{}
	if u.User != nil {
		user := u.User.Username()
		pass, hasPass := u.User.Password()
		u.User = nil
		switch {
		case hasPass:
			r.auth = &githttp.BasicAuth{Username: user, Password: pass}
			r.secrets = append(r.secrets, pass)
		case user != "":
			// A bare userinfo is a token used as the user name.
			r.auth = &githttp.BasicAuth{Username: tokenUser(host), Password: user}
			r.secrets = append(r.secrets, user)
		}
	}
	if r.auth == nil && scheme == "https" {
		if token == "" {
			token = getenv(envToken)
		}
		if token == "" && isGitHub(host) {
			token = getenv(envGitHubToken)
		}
		if token != "" {
			r.auth = &githttp.BasicAuth{Username: tokenUser(host), Password: token}
			r.secrets = append(r.secrets, token)
		}
	}
	r.url = u.String()
	return r, nil
}

// tokenUser is the user name sent with a token: GitHub documents
// "x-access-token"; GitLab and most other hosts accept "oauth2".
func tokenUser(host string) string {
	if isGitHub(host) {
		return "x-access-token"
	}
	return "oauth2"
}

func isGitHub(host string) bool {
	return host == "github.com" || host == "www.github.com"
}
