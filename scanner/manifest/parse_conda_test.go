package manifest

import "testing"

func TestParseConda(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "channels, fuzzy and exact pins, build strings, brackets, pip section with an include",
			dir:  "conda/basic",
			want: []string{
				"environment.yml:11 conda pytorch pytorch spec==2.0.1=py3.10_cuda11.8_cudnn8.7.0_0 major=2",
				"environment.yml:12 conda pytorch torchvision spec=>=0.15 major=0",
				"environment.yml:14 conda jax jaxlib spec=0.4.20 *cuda* major=0",
				"environment.yml:15 conda tensorflow tensorflow spec==2.12 major=2",
				"environment.yml:16 conda keras keras spec===2.12.0 major=2",
				"environment.yml:17 conda jax jax spec=[version='>=0.4.16,<0.5'] major=0",
				"environment.yml:21 conda tensorflow tensorflow-probability spec===0.20.1 major=0",
				"environment.yml:22 conda jax flax spec=>=0.7 major=0 marker=python_version >= \"3.9\"",
				"requirements-extra.txt:1 requirements jax optax spec===0.1.7 major=0",
			},
		},
		{
			// yaml.v3 names the line where the broken block starts.
			name:    "a YAML structure error names the file and line",
			dir:     "conda/malformed",
			wantErr: []string{"environment.yml", "line 2", "expected '-'"},
		},
		{
			name:    "dependencies that are not a list are an error",
			dir:     "conda/wrongshape",
			wantErr: []string{"environment.yml", "line 3", "not a list"},
		},
		{
			name: "an empty file declares nothing",
			dir:  "conda/empty",
		},
		{
			name:    "a top level that is not a mapping is an error",
			src:     "- tensorflow\n",
			wantErr: []string{"environment.yml", "line 1", "mapping"},
		},
		{
			name: "an empty dependencies key and an empty pip list",
			src:  "name: x\ndependencies:\n",
		},
		{
			name: "anchors and aliases are followed one step",
			src:  "base: &tf tensorflow>=2.4\ndependencies:\n  - *tf\n",
			want: []string{"environment.yml:1 conda tensorflow tensorflow spec=>=2.4 major=2"},
		},
		{
			name:    "an entry that is not a package spec is an error, others are kept",
			src:     "dependencies:\n  - torch 2.1.*\n  - '>=2'\n",
			want:    []string{"environment.yml:2 conda pytorch torch spec=2.1.* major=2"},
			wantErr: []string{"environment.yml", "line 3"},
		},
		{
			name:    "a bad pip line is an error with its line",
			src:     "dependencies:\n  - pip:\n    - torch==2.1\n    - '@@@'\n",
			want:    []string{"environment.yml:3 conda pytorch torch spec===2.1 major=2"},
			wantErr: []string{"environment.yml", "line 4"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Dependency
			var err error
			if tt.dir != "" {
				got, err = parseCase(t, tt.dir, "environment.yml")
			} else {
				got, err = Parse("environment.yml", []byte(tt.src), nil)
			}
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func TestParseCondaSpec(t *testing.T) {
	tests := []struct{ in, name, spec, version string }{
		{"tensorflow", "tensorflow", "", ""},
		{"tensorflow=2.12", "tensorflow", "=2.12", "=2.12"},
		{"pytorch::pytorch>=2.0", "pytorch", ">=2.0", ">=2.0"},
		{"jax==0.4.20", "jax", "==0.4.20", "==0.4.20"},
		{"pytorch=2.0.1=py3.10_cuda11.7_cudnn8.5.0_0", "pytorch", "=2.0.1=py3.10_cuda11.7_cudnn8.5.0_0", "=2.0.1"},
		{"jaxlib 0.4.20 *cuda*", "jaxlib", "0.4.20 *cuda*", "0.4.20"},
		{"keras >= 2.12", "keras", ">= 2.12", ">=2.12"},
		{"jax[version='>=0.4']", "jax", "[version='>=0.4']", ">=0.4"},
		{"jax[version=0.4.20, build=cuda*]", "jax", "[version=0.4.20, build=cuda*]", "0.4.20"},
		{"conda-forge::", "", "", ""},
		{"=2.1", "", "", ""},
	}
	for _, tt := range tests {
		name, spec, version := parseCondaSpec(tt.in)
		if name != tt.name || spec != tt.spec || version != tt.version {
			t.Errorf("parseCondaSpec(%q) = %q, %q, %q; want %q, %q, %q", tt.in, name, spec, version, tt.name, tt.spec, tt.version)
		}
	}
}

func FuzzParseConda(f *testing.F) {
	seedFuzz(f, "conda", "environment.yml")
	f.Add([]byte("a: &a [*a]\ndependencies: [*a, {pip: *a}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		read := func(string) ([]byte, error) { return []byte("torch==2.1\n-r requirements.txt\n"), nil }
		deps, _ := Parse("environment.yml", data, read)
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
