package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/report"
)

// fixtureNames lists the scenario repositories under fixtures/.
func fixtureNames(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir("fixtures")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) < 6 {
		t.Fatalf("expected at least six fixtures, found %v", names)
	}
	return names
}

// TestFixtures scans every fixture and compares each report format with the
// fixture's golden files under fixtures/<name>/expected/.
func TestFixtures(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("fixtures", name)
			expected := filepath.Join(dir, "expected")
			code, out, errOut := runCLI(t, "scan", dir, "--format", "json", "--jobs", "2")
			if code != 0 {
				t.Fatalf("scan exited %d: %s", code, errOut)
			}
			checkGolden(t, filepath.Join(expected, "scan.json"), redactVolatile(out))

			code, table, errOut := runCLI(t, "scan", dir, "--jobs", "1")
			if code != 0 {
				t.Fatalf("scan (table) exited %d: %s", code, errOut)
			}
			checkGolden(t, filepath.Join(expected, "table.txt"), redactVolatile(table))
		})
	}
}

// TestJSONSameWhateverTheJobs proves the report does not depend on scheduling.
func TestJSONSameWhateverTheJobs(t *testing.T) {
	dir := filepath.Join("fixtures", "mixed-monorepo")
	_, one, _ := runCLI(t, "scan", dir, "--format", "json", "--jobs", "1")
	for _, jobs := range []string{"2", "4", "8"} {
		_, many, _ := runCLI(t, "scan", dir, "--format", "json", "--jobs", jobs)
		if one != many {
			t.Fatalf("--jobs %s gives a different report than --jobs 1", jobs)
		}
	}
}

// The fixtures live inside this repository, so a scan records the repository's
// current commit; goldens must not change with every commit (syft's redactor idea).
var (
	commitJSON  = regexp.MustCompile(`"commit": "[0-9a-f]{40}"`)
	commitLabel = regexp.MustCompile(`\(([0-9a-f]{12})\)`)
)

func redactVolatile(s string) []byte {
	s = commitJSON.ReplaceAllString(s, `"commit": "REDACTED"`)
	s = commitLabel.ReplaceAllString(s, "(COMMIT)")
	return []byte(s)
}

// wantComment is the expectation syntax of fixture files, golangci-lint style:
// `# want: tf1.session, tf1.placeholder` on the line of the findings.
var wantComment = regexp.MustCompile(`#\s*want:\s*([a-z0-9_.,\s-]+)$`)

// TestFixtureWants checks every `# want:` annotation of every fixture: each rule
// named must have a finding on that line.
func TestFixtureWants(t *testing.T) {
	total := 0
	for _, name := range fixtureNames(t) {
		dir := filepath.Join("fixtures", name)
		wants := collectWants(t, dir)
		if len(wants) == 0 {
			continue
		}
		_, out, errOut := runCLI(t, "scan", dir, "--format", "json")
		doc, err := report.ReadJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, errOut)
		}
		got := map[string]map[string]bool{}
		for _, f := range doc.Findings {
			if f.Cell != nil {
				continue
			}
			key := fmt.Sprintf("%s:%d", f.File, f.Line)
			if got[key] == nil {
				got[key] = map[string]bool{}
			}
			got[key][f.Rule] = true
		}
		keys := make([]string, 0, len(wants))
		for k := range wants {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, key := range keys {
			for _, rule := range wants[key] {
				total++
				if !got[key][rule] {
					t.Errorf("%s: want a %s finding, got %v", key, rule, sortedSet(got[key]))
				}
			}
		}
	}
	t.Logf("%d annotated expectations checked", total)
}

func collectWants(t *testing.T, dir string) map[string][]string {
	t.Helper()
	wants := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") || d.Type()&os.ModeSymlink != 0 {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, path)
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for line := 1; sc.Scan(); line++ {
			m := wantComment.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			for _, rule := range strings.Split(m[1], ",") {
				if rule = strings.TrimSpace(rule); rule != "" {
					key := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), line)
					wants[key] = append(wants[key], rule)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return wants
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestSchemaVersion guards the report contract's first field.
func TestSchemaVersion(t *testing.T) {
	_, out, _ := runCLI(t, "scan", filepath.Join("fixtures", "pytorch"), "--format", "json")
	var doc struct {
		SchemaVersion string `json:"schema_version"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion == "" {
		t.Fatal("schema_version missing")
	}
}

// TestRulesDocUpToDate fails when docs/rules.md no longer matches the catalog:
// regenerate it with `make docs` (or `make golden`).
func TestRulesDocUpToDate(t *testing.T) {
	code, out, errOut := runCLI(t, "rules", "--format", "markdown")
	if code != 0 {
		t.Fatalf("rules exited %d: %s", code, errOut)
	}
	checkGolden(t, filepath.Join("docs", "rules.md"), []byte(out))
}
