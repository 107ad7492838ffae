package source

import (
	"context"
	"errors"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
)

func TestRemoteCommit(t *testing.T) {
	r := newTestRepo(t)
	// A tag named like a branch: Open takes the branch, so must RemoteCommit.
	if _, err := r.repo.CreateTag("feature", r.c1, &git.CreateTagOptions{Tagger: &testSig, Message: "same name"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, input, ref string
		want             string
		wantErr          error
	}{
		{"default branch", r.fileURL(), "", r.c2.String(), nil},
		{"branch", r.fileURL(), "feature", r.c3.String(), nil},
		{"annotated tag, peeled", r.fileURL(), "v1.0", r.c2.String(), nil},
		{"light tag", r.fileURL(), "v0.1", r.c1.String(), nil},
		{"full hash, upper case", r.fileURL(), strings.ToUpper(r.c1.String()), r.c1.String(), nil},
		{"revision", r.fileURL(), "HEAD~1", "", ErrNeedsClone},
		{"remote branch", r.fileURL(), "origin/feature", "", ErrNeedsClone},
		{"short hash", r.fileURL(), r.c1.String()[:8], "", ErrNeedsClone},
		{"not advertised", r.fileURL(), "no-such-branch", "", ErrNeedsClone},
		{"local path", r.dir, "", "", ErrNeedsClone},
		{"local path, full hash", r.dir, r.c3.String(), r.c3.String(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := RemoteCommit(context.Background(), tt.input, Options{Ref: tt.ref})
			if got != tt.want || !errors.Is(err, tt.wantErr) {
				t.Fatalf("RemoteCommit(%s, %q) = %q, %v; want %q, %v", tt.input, tt.ref, got, err, tt.want, tt.wantErr)
			}
			if err != nil || tt.input != r.fileURL() {
				return
			}
			// The answer is the commit Open scans.
			src, err := Open(context.Background(), tt.input, Options{Ref: tt.ref, TempDir: t.TempDir()})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer src.Close()
			if c := src.Info().Commit; c != got {
				t.Errorf("Open scans %s, RemoteCommit said %s", c, got)
			}
		})
	}
}

func TestRemoteCommitFullHashAsksNoOne(t *testing.T) {
	// Port 9 refuses at once; a full hash must not even try it.
	hash := strings.Repeat("ab", 20)
	got, err := RemoteCommit(context.Background(), "https://127.0.0.1:9/o/r.git", Options{Ref: hash})
	if err != nil || got != hash {
		t.Errorf("RemoteCommit at a full hash = %q, %v; want the hash", got, err)
	}
}

func TestRemoteCommitErrorsHideCredentials(t *testing.T) {
	for _, input := range []string{
		"https://alice:s3cr3tpw@127.0.0.1:9/o/r.git",
		"https://s3cr3tpw@127.0.0.1:9/o/r.git",
		"file:///no/such/repository/s3cr3tpw-free",
	} {
		_, err := RemoteCommit(context.Background(), input, Options{Token: "s3cr3tpw-token"})
		var inErr *InputError
		if !errors.As(err, &inErr) {
			t.Errorf("RemoteCommit(%s) = %v, want an *InputError", Redact(input), err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "s3cr3tpw@") || strings.Contains(msg, "alice:s3cr3tpw") || strings.Contains(msg, "s3cr3tpw-token") {
			t.Errorf("RemoteCommit error shows a credential: %s", msg)
		}
	}
}

func TestRemoteCommitCancelled(t *testing.T) {
	r := newTestRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if c, err := RemoteCommit(ctx, r.fileURL(), Options{}); err == nil {
		t.Errorf("RemoteCommit with a cancelled context = %q, want an error", c)
	}
}
