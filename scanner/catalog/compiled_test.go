package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func compiledFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*.gob"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLoadCompiledMatchesLoad(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(t.TempDir(), "extra.yaml")
	writeFile(t, user, `
framework: pytorch
rules:
  - id: team.my-helper
    era: modern
    category: model
    symbols: [mylib.helper]
    level: minor
    summary: Our helper.
disable: [tf1.session]
`)
	want, err := Load(user)
	if err != nil {
		t.Fatal(err)
	}
	// The first load decodes the YAML and writes the compiled copy; the second
	// reads the copy. Both must be the catalog Load builds.
	for i := 0; i < 2; i++ {
		got, err := LoadCompiled(dir, user)
		if err != nil {
			t.Fatalf("load %d: %v", i, err)
		}
		if got.Digest() != want.Digest() {
			t.Fatalf("load %d: digest %s, want %s", i, got.Digest(), want.Digest())
		}
		if !reflect.DeepEqual(got.Rules(), want.Rules()) {
			t.Fatalf("load %d: rules differ from Load's", i)
		}
		if !reflect.DeepEqual(got.Roots(), want.Roots()) || !reflect.DeepEqual(got.Methods(), want.Methods()) {
			t.Fatalf("load %d: indexes differ from Load's", i)
		}
		if n := len(compiledFiles(t, dir)); n != 1 {
			t.Fatalf("load %d: %d compiled files, want 1", i, n)
		}
	}
}

func TestLoadCompiledDistrustsADamagedCopy(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(t.TempDir(), "extra.yaml")
	writeFile(t, user, "disable: [tf1.session]\n")
	want, err := Load(user)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCompiled(dir, user); err != nil {
		t.Fatal(err)
	}
	files := compiledFiles(t, dir)
	if len(files) != 1 {
		t.Fatalf("%d compiled files, want 1", len(files))
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"flipped byte": func() []byte { d := append([]byte{}, data...); d[len(d)/2] ^= 0xff; return d }(),
		"truncated":    data[:len(data)/3],
		"empty":        {},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(files[0], damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := LoadCompiled(dir, user)
			if err != nil {
				t.Fatal(err)
			}
			if got.Digest() != want.Digest() || got.Rule("tf1.session") != nil {
				t.Fatal("a damaged compiled copy changed the catalog")
			}
			if _, ok := readCompiled(files[0]); !ok {
				t.Fatal("the damaged copy was not rewritten")
			}
		})
	}
}

func TestLoadCompiledKeysOnTheRuleFiles(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(t.TempDir(), "extra.yaml")
	writeFile(t, user, "disable: [tf1.session]\n")
	if _, err := LoadCompiled(dir, user); err != nil {
		t.Fatal(err)
	}
	writeFile(t, user, "disable: [tf1.placeholder]\n")
	got, err := LoadCompiled(dir, user)
	if err != nil {
		t.Fatal(err)
	}
	if got.Rule("tf1.session") == nil || got.Rule("tf1.placeholder") != nil {
		t.Fatal("an edited rules file was served from the old compiled copy")
	}
	if n := len(compiledFiles(t, dir)); n != 2 {
		t.Fatalf("%d compiled files, want 2", n)
	}
	// An invalid file is an error whatever the folder holds.
	writeFile(t, user, "disable: [no.such-rule]\n")
	if _, err := LoadCompiled(dir, user); err == nil {
		t.Fatal("an invalid rules file loaded")
	}
}

func TestLoadCompiledKeepsFewCopies(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(t.TempDir(), "extra.yaml")
	for i := 0; i < maxCompiled+3; i++ {
		writeFile(t, user, "disable: [tf1.session]\n# "+string(rune('a'+i))+"\n")
		if _, err := LoadCompiled(dir, user); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(compiledFiles(t, dir)); n > maxCompiled {
		t.Fatalf("%d compiled files kept, want at most %d", n, maxCompiled)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
