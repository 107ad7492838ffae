package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseRepoList(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []repoEntry
		wantErr string
	}{
		{
			name: "comments, blank lines and refs",
			in: `# the platform team's repositories
https://github.com/google/trax v1.4.1

  ../repos/legacy   # a checkout
git@github.com:acme/ads.git	release/2.x
`,
			want: []repoEntry{
				{Input: "https://github.com/google/trax", Ref: "v1.4.1"},
				{Input: "../repos/legacy"},
				{Input: "git@github.com:acme/ads.git", Ref: "release/2.x"},
			},
		},
		{
			name: "a # inside a password is not a comment",
			in:   "https://user:pa#ss@example.com/o/r main # comment\n",
			want: []repoEntry{{Input: "https://user:pa#ss@example.com/o/r", Ref: "main"}},
		},
		{name: "only comments", in: "# nothing\n\n   # still nothing\n"},
		{name: "windows line ends", in: "a\r\nb v1\r\n", want: []repoEntry{{Input: "a"}, {Input: "b", Ref: "v1"}}},
		{name: "three fields", in: "a\nb c d\n", wantErr: "repos.txt, line 2: want \"<path-or-url> [ref]\", got 3 fields"},
		{name: "line too long", in: "a\n" + strings.Repeat("x", maxListLine+1) + "\n", wantErr: "repos.txt, after line 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseRepoList(strings.NewReader(tt.in), "repos.txt")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestParseRepoListNeverShowsTheLine: a malformed line may hold a token, so the
// error gives its number only.
func TestParseRepoListNeverShowsTheLine(t *testing.T) {
	_, err := parseRepoList(strings.NewReader("https://ghp_s3cr3t@github.com/o/r main extra\n"), "repos.txt")
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("error %v", err)
	}
}

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    shard
		wantErr string
	}{
		{"", shard{}, ""},
		{"1/1", shard{1, 1}, ""},
		{"2/4", shard{2, 4}, ""},
		{" 3 / 8 ", shard{3, 8}, ""},
		{"0/4", shard{}, "i must be from 1 to n"},
		{"5/4", shard{}, "i must be from 1 to n"},
		{"1/0", shard{}, "i must be from 1 to n"},
		{"1/", shard{}, "not of the form i/n"},
		{"-1/4", shard{}, "not of the form i/n"},
		{"1/99999999", shard{}, "not of the form i/n"},
		{"a/b", shard{}, "not of the form i/n"},
	}
	for _, tt := range tests {
		got, err := parseShard(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseShard(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseShard(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestShardsPartition: for any n, every entry falls in exactly one shard, the
// split is roughly even, and editing the list does not move other entries.
func TestShardsPartition(t *testing.T) {
	var entries []repoEntry
	for i := 0; i < 400; i++ {
		entries = append(entries, repoEntry{Input: fmt.Sprintf("https://github.com/org/repo-%d", i)})
	}
	for n := 1; n <= 7; n++ {
		counts := make([]int, n)
		for _, e := range entries {
			hits := 0
			for i := 1; i <= n; i++ {
				if (shard{i, n}).keeps(e) {
					hits++
					counts[i-1]++
				}
			}
			if hits != 1 {
				t.Fatalf("%s is in %d of %d shards", e.key(), hits, n)
			}
		}
		for i, c := range counts {
			if c < len(entries)/n/2 {
				t.Errorf("shard %d/%d takes %d of %d entries", i+1, n, c, len(entries))
			}
		}
	}
	// The shard of an entry depends on the entry alone.
	e := entries[17]
	before := (shard{2, 3}).keeps(e)
	if (shard{2, 3}).keeps(repoEntry{Input: e.Input + "/"}) != before {
		t.Error("a trailing slash moved the entry to another shard")
	}
}

func TestReportName(t *testing.T) {
	tests := []struct {
		e      repoEntry
		prefix string
	}{
		{repoEntry{Input: "https://github.com/google/trax", Ref: "v1.4"}, "github.com_google_trax@v1.4-"},
		{repoEntry{Input: "https://ghp_tok3n@github.com/google/trax.git"}, "github.com_google_trax-"},
		{repoEntry{Input: "git@github.com:acme/ads.git", Ref: "release/2.x"}, "github.com_acme_ads@release_2.x-"},
		{repoEntry{Input: "../repos/legacy/"}, "repos_legacy-"},
		{repoEntry{Input: `C:\work\repo`}, "C_work_repo-"},
		{repoEntry{Input: "/"}, "repository-"},
		{repoEntry{Input: "..."}, "repository-"},
	}
	for _, tt := range tests {
		got := reportName(tt.e)
		if !strings.HasPrefix(got, tt.prefix) || !strings.HasSuffix(got, ".json") || len(got) != len(tt.prefix)+8+5 {
			t.Errorf("reportName(%v) = %q, want %s<8 hex>.json", tt.e, got, tt.prefix)
		}
		if strings.Contains(got, "tok3n") {
			t.Errorf("reportName(%v) = %q shows the token", tt.e, got)
		}
		if got != reportName(tt.e) {
			t.Errorf("reportName(%v) is not stable", tt.e)
		}
	}
	// Inputs that sanitise alike still get their own names.
	a, b := reportName(repoEntry{Input: "org/a-b"}), reportName(repoEntry{Input: "org/a_b"})
	if a == b {
		t.Errorf("org/a-b and org/a_b share the name %s", a)
	}
	long := reportName(repoEntry{Input: strings.Repeat("x", 500)})
	if len(long) > maxNameStem+14 {
		t.Errorf("a long input gives a %d-byte name", len(long))
	}
}

// FuzzParseRepoList: no list makes the parser panic, and every entry it returns
// has a safe, stable report name and a shard.
func FuzzParseRepoList(f *testing.F) {
	f.Add("# repositories\nhttps://github.com/google/trax v1.4.1\n../repos/legacy # local\n\ngit@github.com:acme/ads.git release/2.x\n")
	f.Add("https://user:pa#ss@example.com/o/r main\n")
	f.Add("file:///tmp/x\r\n\t  y  z\n")
	f.Add("a b c\n")
	f.Fuzz(func(t *testing.T, list string) {
		entries, err := parseRepoList(strings.NewReader(list), "fuzz.txt")
		if err != nil {
			return
		}
		for _, e := range entries {
			if e.Input == "" || strings.ContainsAny(e.Input+e.Ref, " \t\n") {
				t.Fatalf("entry %q %q holds a separator", e.Input, e.Ref)
			}
			name := reportName(e)
			if name != filepath.Base(name) || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "-") || !strings.HasSuffix(name, ".json") {
				t.Fatalf("unsafe report name %q for %q", name, e.Input)
			}
			hits := 0
			for i := 1; i <= 3; i++ {
				if (shard{i, 3}).keeps(e) {
					hits++
				}
			}
			if hits != 1 {
				t.Fatalf("%q is in %d of 3 shards", e.key(), hits)
			}
		}
	})
}
