package report

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/frameshift/frameshift/scanner"
	"github.com/frameshift/frameshift/scanner/catalog"
)

// sarifSchema compiles the official SARIF 2.1.0 JSON schema. We may not download
// it, but go-sarif ships it as an unexported constant in schema.go: the test reads
// that file from the pinned module's directory and takes the constant's text.
var sarifSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		return nil, err
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "pkg", "report", "v210", "sarif", "schema.go")
	text, err := goStringConstant(file, "schema")
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	return c.Compile(url)
})

// goStringConstant returns the value of a string constant declared in a Go file.
func goStringConstant(file, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return "", err
	}
	var value string
	var found bool
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || found {
			return !found
		}
		for i, id := range vs.Names {
			if id.Name == name && i < len(vs.Values) {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					value, err = strconv.Unquote(lit.Value)
					found = true
				}
			}
		}
		return !found
	})
	if !found {
		return "", &strconv.NumError{Func: "goStringConstant", Num: name, Err: strconv.ErrSyntax}
	}
	return value, err
}

// validateSARIF checks raw SARIF bytes against the official schema, then asks
// go-sarif for a second opinion.
func validateSARIF(t *testing.T, raw []byte) error {
	t.Helper()
	if err := validateSARIFSchema(t, raw); err != nil {
		return err
	}
	return validateWithGoSARIF(raw)
}

// validateSARIFSchema validates our bytes themselves, not a round-tripped struct.
func validateSARIFSchema(t *testing.T, raw []byte) error {
	t.Helper()
	sch, err := sarifSchema()
	if err != nil {
		t.Fatalf("load the SARIF 2.1.0 schema shipped with go-sarif: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// validateWithGoSARIF decodes the log with go-sarif and validates its struct.
// Strict decoding is not usable here: it leaves absent optional arrays nil, and
// Validate re-encodes them as null, which the schema rejects, so only go-sarif's
// own verbose output would pass. The default decoding restores them as [].
func validateWithGoSARIF(raw []byte) error {
	rep, err := sarif.FromBytes(raw)
	if err != nil {
		return err
	}
	return rep.Validate()
}

func encodeSARIF(t *testing.T, doc *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (&SARIFEncoder{}).Encode(&buf, doc); err != nil {
		t.Fatalf("encode sarif: %v", err)
	}
	return buf.Bytes()
}

func TestSARIFMatchesSchema(t *testing.T) {
	for name, doc := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			if err := validateSARIF(t, encodeSARIF(t, doc)); err != nil {
				t.Fatalf("SARIF of %s does not validate: %v", name, err)
			}
		})
	}
}

// TestSARIFSchemaCheckFails proves the schema check can fail: reports broken in
// ways GitHub would reject must not validate.
func TestSARIFSchemaCheckFails(t *testing.T) {
	good := encodeSARIF(t, hostileDoc())
	if err := validateSARIF(t, good); err != nil {
		t.Fatalf("the unbroken report must validate first: %v", err)
	}
	breakers := map[string]func(log map[string]any){
		"result without message": func(log map[string]any) { delete(firstResult(log), "message") },
		"level not in the enum":  func(log map[string]any) { firstResult(log)["level"] = "fatal" },
		"start line zero": func(log map[string]any) {
			loc := firstResult(log)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
		"wrong version": func(log map[string]any) { log["version"] = "2.0.0" },
		"driver without name": func(log map[string]any) {
			run := log["runs"].([]any)[0].(map[string]any)
			delete(run["tool"].(map[string]any)["driver"].(map[string]any), "name")
		},
	}
	for name, breakIt := range breakers {
		t.Run(name, func(t *testing.T) {
			var log map[string]any
			if err := json.Unmarshal(good, &log); err != nil {
				t.Fatal(err)
			}
			breakIt(log)
			broken, err := json.Marshal(log)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateSARIFSchema(t, broken); err == nil {
				t.Errorf("a report with %s passed the schema", name)
			}
			if err := validateWithGoSARIF(broken); err == nil {
				t.Errorf("a report with %s passed go-sarif's validation", name)
			}
		})
	}
}

func firstResult(log map[string]any) map[string]any {
	run := log["runs"].([]any)[0].(map[string]any)
	return run["results"].([]any)[0].(map[string]any)
}

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					Help             struct{ Text, Markdown string }
					Properties       struct {
						Tags []string `json:"tags"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string `json:"ruleId"`
			RuleIndex           int    `json:"ruleIndex"`
			Level               string `json:"level"`
			BaselineState       string `json:"baselineState"`
			Message             struct{ Text string }
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Properties          map[string]any    `json:"properties"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func decodeSARIF(t *testing.T, raw []byte) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(raw, &log); err != nil {
		t.Fatalf("decode sarif: %v", err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	return log
}

func TestSARIFContent(t *testing.T) {
	doc := loadFixtureDoc(t, "tf1-graph")
	log := decodeSARIF(t, encodeSARIF(t, doc))
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind = %q, want unicodeCodePoints", run.ColumnKind)
	}
	if run.Tool.Driver.Name != "frameshift" {
		t.Errorf("driver name = %q", run.Tool.Driver.Name)
	}
	if len(run.Results) != len(doc.Findings) {
		t.Fatalf("got %d results for %d findings", len(run.Results), len(doc.Findings))
	}

	fired := map[string]bool{}
	for _, f := range doc.Findings {
		fired[f.Rule] = true
	}
	if len(run.Tool.Driver.Rules) != len(fired) {
		t.Errorf("driver lists %d rules, %d fired: only rules that fired belong there", len(run.Tool.Driver.Rules), len(fired))
	}
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range run.Tool.Driver.Rules {
		if !fired[r.ID] {
			t.Errorf("rule %s is listed but did not fire", r.ID)
		}
		if i > 0 && run.Tool.Driver.Rules[i-1].ID >= r.ID {
			t.Errorf("rules are not sorted: %s before %s", run.Tool.Driver.Rules[i-1].ID, r.ID)
		}
		rule := cat.Rule(r.ID)
		if rule == nil {
			continue
		}
		if r.ShortDescription.Text != rule.Summary {
			t.Errorf("rule %s short description = %q, want its summary", r.ID, r.ShortDescription.Text)
		}
		for target, hint := range rule.Hints {
			if !strings.Contains(r.Help.Text, hint) || !strings.Contains(r.Help.Markdown, "To "+target) {
				t.Errorf("rule %s help lacks the hint for %s", r.ID, target)
			}
		}
		if want := []string{rule.Framework, rule.Era, rule.Category}; strings.Join(r.Properties.Tags, ",") != strings.Join(want, ",") {
			t.Errorf("rule %s tags = %v, want %v", r.ID, r.Properties.Tags, want)
		}
	}

	for i, res := range run.Results {
		f := sortedFindings(doc.Findings)[i]
		loc := res.Locations[0].PhysicalLocation
		if res.RuleID != f.Rule || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleId %s, ruleIndex %d, want %s", i, res.RuleID, res.RuleIndex, f.Rule)
		}
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || strings.HasPrefix(loc.ArtifactLocation.URI, "/") {
			t.Errorf("result %d: location %+v is not relative to %%SRCROOT%%", i, loc.ArtifactLocation)
		}
		if loc.Region.StartLine != f.Line || loc.Region.StartColumn != f.Column {
			t.Errorf("result %d: region %d:%d, want %d:%d", i, loc.Region.StartLine, loc.Region.StartColumn, f.Line, f.Column)
		}
		if res.PartialFingerprints[sarifFingerprintKey] != f.Fingerprint || f.Fingerprint == "" {
			t.Errorf("result %d: partial fingerprints %v, want %s", i, res.PartialFingerprints, f.Fingerprint)
		}
		if want := SARIFLevel(cat.Rule(f.Rule).Level); res.Level != want {
			t.Errorf("result %d: level %s, want %s", i, res.Level, want)
		}
		if !strings.HasPrefix(res.Message.Text, f.Symbol+" (") {
			t.Errorf("result %d: message %q does not start with the symbol %s", i, res.Message.Text, f.Symbol)
		}
	}
}

func TestSARIFLevel(t *testing.T) {
	for level, want := range map[catalog.Level]string{
		catalog.LevelRearchitecture: "error",
		catalog.LevelRedesign:       "error",
		catalog.LevelComplex:        "warning",
		catalog.LevelMinor:          "note",
		catalog.LevelTrivial:        "note",
		catalog.LevelNone:           "note",
		"unknown":                   "note",
	} {
		if got := SARIFLevel(level); got != want {
			t.Errorf("SARIFLevel(%s) = %s, want %s", level, got, want)
		}
	}
}

func TestFindingMessage(t *testing.T) {
	cell := 4
	rule := &catalog.Rule{
		ID: "tf1.session", Summary: "TF1 runs a graph in a Session.",
		Hints: map[string]string{"tf2": "Call the function.", "pytorch": "Call the module."},
	}
	base := scanner.Finding{Rule: "tf1.session", Era: "tf1", Category: "graph-mode", Symbol: "tensorflow.Session", Kind: scanner.KindCall, Line: 3}
	tests := []struct {
		name    string
		f       func(scanner.Finding) scanner.Finding
		rule    *catalog.Rule
		target  string
		want    string
		notWant string
	}{
		{"hint for the recommended target", nil, rule, "pytorch",
			"tensorflow.Session (call, tf1 graph-mode): TF1 runs a graph in a Session. To pytorch: Call the module.", ""},
		{"first hint without a target", nil, rule, "",
			"To tf2: Call the function.", ""},
		{"first hint when the target has none", nil, rule, "jax",
			"To tf2: Call the function.", "jax"},
		{"replacement wins over hints", func(f scanner.Finding) scanner.Finding { f.Replacement = "tf.function"; return f }, rule, "pytorch",
			"Replace with tf.function.", "Call the module"},
		{"no equivalent falls back to the hint", func(f scanner.Finding) scanner.Finding { f.Replacement = "no equivalent"; return f }, rule, "tf2",
			"It has no direct equivalent. To tf2: Call the function.", ""},
		{"notebook cell named", func(f scanner.Finding) scanner.Finding { f.Cell = &cell; return f }, rule, "",
			"Notebook cell 4, line 3: tensorflow.Session", ""},
		{"rule unknown to the catalog", nil, nil, "pytorch",
			"tensorflow.Session (call, tf1 graph-mode).", "To "},
		{"newline in a symbol", func(f scanner.Finding) scanner.Finding { f.Symbol = "a\nb"; return f }, rule, "",
			"a b (call", "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base
			if tt.f != nil {
				f = tt.f(f)
			}
			got := FindingMessage(f, tt.rule, tt.target)
			if !strings.Contains(got, tt.want) {
				t.Errorf("message %q lacks %q", got, tt.want)
			}
			if tt.notWant != "" && strings.Contains(got, tt.notWant) {
				t.Errorf("message %q should not contain %q", got, tt.notWant)
			}
		})
	}
}

func TestSARIFBaselineAndNotebook(t *testing.T) {
	log := decodeSARIF(t, encodeSARIF(t, hostileDoc()))
	states := map[string]string{}
	var notebook bool
	for _, r := range log.Runs[0].Results {
		states[r.PartialFingerprints[sarifFingerprintKey]] = r.BaselineState
		if cell, ok := r.Properties["cell"]; ok {
			notebook = true
			if cell != float64(3) || !strings.HasPrefix(r.Message.Text, "Notebook cell 3, line 2: ") {
				t.Errorf("notebook result: cell %v, message %q", cell, r.Message.Text)
			}
		}
	}
	if !notebook {
		t.Error("the notebook finding has no cell property")
	}
	for fp, want := range map[string]string{"cccccccccccccccc": "new", "dddddddddddddddd": "unchanged", "aaaaaaaaaaaaaaaa": ""} {
		if states[fp] != want {
			t.Errorf("finding %s: baselineState %q, want %q", fp, states[fp], want)
		}
	}
}

// TestSARIFFingerprintsSurviveMovedCode scans a file, then the same file with code
// inserted above its findings, and checks that every alert keeps its fingerprint
// while its line changes: GitHub must see the same alerts, not new ones.
func TestSARIFFingerprintsSurviveMovedCode(t *testing.T) {
	before := "import tensorflow.compat.v1 as tf\n\nx = tf.placeholder(tf.float32)\nsess = tf.Session()\nsess2 = tf.Session()\n"
	after := "import tensorflow.compat.v1 as tf\n\n# a comment\n\ndef helper():\n    return 1\n\nx = tf.placeholder(tf.float32)\nsess = tf.Session()\nsess2 = tf.Session()\n"
	fpBefore, linesBefore := sarifFingerprints(t, scanSource(t, map[string]string{"train.py": before}))
	fpAfter, linesAfter := sarifFingerprints(t, scanSource(t, map[string]string{"src/renamed.py": after}))
	if len(fpBefore) == 0 {
		t.Fatal("the scan found nothing to fingerprint")
	}
	if strings.Join(fpBefore, ",") != strings.Join(fpAfter, ",") {
		t.Errorf("fingerprints changed when code moved:\nbefore %v\nafter  %v", fpBefore, fpAfter)
	}
	if strings.Join(linesBefore, ",") == strings.Join(linesAfter, ",") {
		t.Errorf("lines did not move (%v): the test does not test anything", linesBefore)
	}
	seen := map[string]bool{}
	for _, fp := range fpAfter {
		if seen[fp] {
			t.Errorf("fingerprint %s is shared by two results of one file", fp)
		}
		seen[fp] = true
	}
}

func sarifFingerprints(t *testing.T, inv *scanner.Inventory) (fps, lines []string) {
	t.Helper()
	log := decodeSARIF(t, encodeSARIF(t, &Document{Inventory: inv}))
	for _, r := range log.Runs[0].Results {
		fps = append(fps, r.RuleID+"="+r.PartialFingerprints[sarifFingerprintKey])
		lines = append(lines, strconv.Itoa(r.Locations[0].PhysicalLocation.Region.StartLine))
	}
	return fps, lines
}

func TestSARIFDeterministicWhateverTheInputOrder(t *testing.T) {
	doc := loadFixtureDoc(t, "mixed-monorepo")
	want := encodeSARIF(t, doc)
	reversed := *doc
	inv := *doc.Inventory
	inv.Findings = append([]scanner.Finding(nil), inv.Findings...)
	for i, j := 0, len(inv.Findings)-1; i < j; i, j = i+1, j-1 {
		inv.Findings[i], inv.Findings[j] = inv.Findings[j], inv.Findings[i]
	}
	reversed.Inventory = &inv
	if got := encodeSARIF(t, &reversed); !bytes.Equal(got, want) {
		t.Error("reordering the findings changed the SARIF bytes")
	}
}

func TestRelativeURI(t *testing.T) {
	for in, want := range map[string]string{
		"src/train.py":        "src/train.py",
		"my dir/a#b?.py":      "my%20dir/a%23b%3F.py",
		"c:odd/x.py":          "./c:odd/x.py",
		"/abs/x.py":           "abs/x.py",
		`win\path\x.py`:       "win/path/x.py",
		"données/modèle.py":   "donn%C3%A9es/mod%C3%A8le.py",
		"notebooks/a b.ipynb": "notebooks/a%20b.ipynb",
	} {
		if got := relativeURI(in); got != want {
			t.Errorf("relativeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFStaysWithinGitHubLimits gives the encoder more findings than GitHub
// accepts in one run: it must keep the most severe, say how many it left out, and
// still validate.
func TestSARIFStaysWithinGitHubLimits(t *testing.T) {
	inv := &scanner.Inventory{}
	for i := 0; i < SARIFMaxResults+10; i++ {
		rule, era := "tf.api", "tf-core" // a note
		if i%1000 == 0 {
			rule, era = "tf1.session", "tf1" // an error
		}
		inv.Findings = append(inv.Findings, scanner.Finding{Rule: rule, Framework: "tensorflow", Era: era, Category: "ops",
			Symbol: "tensorflow.x", Kind: scanner.KindCall, File: "big.py", Line: i + 1, Column: 1, Fingerprint: strconv.Itoa(i)})
	}
	raw := encodeSARIF(t, &Document{Inventory: inv})
	log := decodeSARIF(t, raw)
	results := log.Runs[0].Results
	if len(results) != SARIFMaxResults {
		t.Fatalf("%d results, want GitHub's limit %d", len(results), SARIFMaxResults)
	}
	errors := 0
	for _, r := range results {
		if r.RuleID == "tf1.session" {
			errors++
		}
	}
	if want := (SARIFMaxResults+10)/1000 + 1; errors != want {
		t.Errorf("kept %d of the %d errors: the most severe must be kept", errors, want)
	}
	if !bytes.Contains(raw, []byte("10 of 25010 findings were left out")) {
		t.Error("the run does not say that findings were left out")
	}
	if err := validateSARIFSchema(t, raw); err != nil {
		t.Fatal(err)
	}
}
