package manifest

import (
	"io/fs"
	"strconv"
	"testing"
)

func TestParseRequirements(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		file    string
		want    []string
		wantErr []string
	}{
		{
			name: "pins, ranges, markers, extras, hashes and comments",
			dir:  "requirements/basic",
			file: "requirements.txt",
			want: []string{
				"requirements.txt:7 requirements tensorflow tensorflow spec===2.12.0 major=2",
				"requirements.txt:8 requirements tensorflow tensorflow-io-gcs-filesystem spec===0.32.0 major=0 marker=platform_system != \"Windows\"",
				"requirements.txt:9 requirements keras keras-preprocessing spec=>=1.1.2 major=1",
				"requirements.txt:10 requirements keras tf-keras spec=~=2.15 major=2",
				"requirements.txt:11 requirements pytorch torch spec=>=2.0.1,<2.2 major=2",
				"requirements.txt:14 requirements pytorch torchvision spec=>=0.15 major=0",
				"requirements.txt:15 requirements jax jax spec=>=0.4.20 major=0 extras=cuda12 marker=sys_platform == \"linux\"",
				"requirements.txt:16 requirements jax flax spec===0.8.* major=0",
				"requirements.txt:17 requirements jax optax spec=<0.2 major=0",
				"requirements.txt:19 requirements tensorflow tensorflow-addons spec= major=nil",
			},
		},
		{
			name: "includes carry the included file and line; a missing one is reported, an outside one skipped",
			dir:  "requirements/includes",
			file: "requirements.txt",
			want: []string{
				"constraints.txt:1 requirements pytorch torch spec=<2.0 major=1",
				"requirements/base.txt:2 requirements tensorflow tensorflow spec=>=2.4,<2.16 major=2",
				"requirements/base.txt:3 requirements keras keras spec=>=3.0 major=3",
				"requirements/gpu.txt:2 requirements tensorflow tensorflow spec=>=2.15 major=2 extras=and-cuda marker=sys_platform == \"linux\"",
			},
			wantErr: []string{"requirements.txt: line 5", "cannot read included file requirements/missing.txt"},
		},
		{
			name: "cycles are followed once",
			dir:  "requirements/cycle",
			file: "requirements.txt",
			want: []string{
				"requirements-dev.txt:4 requirements pytorch pytorch-lightning spec=>=1.9 major=1",
				"requirements.txt:2 requirements pytorch torch spec===1.13.1 major=1",
			},
		},
		{
			name: "URL, VCS, editable and wheel lines are named when they can be",
			dir:  "requirements/urls",
			file: "requirements.txt",
			want: []string{
				"requirements.txt:1 requirements tensorflow tensorflow-addons spec= major=nil",
				"requirements.txt:2 requirements jax flax spec= major=nil extras=testing",
				"requirements.txt:3 requirements pytorch torch spec===2.0.1+cu118 major=2",
				"requirements.txt:4 requirements jax jaxlib spec===0.4.20+cuda12.cudnn89 major=0",
				"requirements.txt:5 requirements keras keras-cv spec===0.6.4 major=0",
				"requirements.txt:8 requirements keras keras-nlp spec= major=nil marker=python_version >= \"3.9\"",
				"requirements.txt:9 requirements tensorflow tensorflow spec=>=2.13 major=2 marker=python_version>=\"3.9\"",
			},
		},
		{
			name: "a bad line in an included file is not the including file's error",
			dir:  "requirements/badinclude",
			file: "requirements.txt",
			want: []string{
				"common.txt:1 requirements pytorch torch spec===2.1.0 major=2",
				"requirements.txt:2 requirements tensorflow tensorflow spec===2.15.0 major=2",
			},
		},
		{
			name: "merge conflict markers are an error naming the file and line, other lines still read",
			dir:  "requirements/malformed",
			file: "requirements.txt",
			want: []string{
				"requirements.txt:1 requirements tensorflow tensorflow spec===2.13.0 major=2",
				"requirements.txt:3 requirements pytorch torch spec===2.1.0 major=2",
				"requirements.txt:5 requirements pytorch torch spec===2.0.1 major=2",
			},
			wantErr: []string{"requirements.txt", "line 2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCase(t, tt.dir, tt.file)
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func TestRequirementsLines(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "continuation joins lines and keeps the first line number",
			src:  "numpy\ntensorflow\\\n>=2.4,\\\n<2.16\nkeras\n",
			want: []string{
				"requirements.txt:2 requirements tensorflow tensorflow spec=>=2.4,<2.16 major=2",
				"requirements.txt:5 requirements keras keras spec= major=nil",
			},
		},
		{
			name: "a comment ends a line even after a backslash",
			src:  "torch==2.1 # pinned \\\njax==0.4.1\n",
			want: []string{
				"requirements.txt:1 requirements pytorch torch spec===2.1 major=2",
				"requirements.txt:2 requirements jax jax spec===0.4.1 major=0",
			},
		},
		{
			name: "CRLF line endings and a byte order mark",
			src:  "\ufefftensorflow-gpu==1.15.5\r\nkeras==2.3.1\r\n",
			want: []string{
				"requirements.txt:1 requirements tensorflow tensorflow-gpu spec===1.15.5 major=1",
				"requirements.txt:2 requirements keras keras spec===2.3.1 major=2",
			},
		},
		{
			name: "a spec the version library rejects keeps the package with no major",
			src:  "tensorflow>=2.x\njax===custom-build\n",
			want: []string{
				"requirements.txt:1 requirements tensorflow tensorflow spec=>=2.x major=nil",
				"requirements.txt:2 requirements jax jax spec====custom-build major=nil",
			},
		},
		{
			name:    "an include option without a file is an error",
			src:     "-r\ntorch\n",
			want:    []string{"requirements.txt:2 requirements pytorch torch spec= major=nil"},
			wantErr: []string{"requirements.txt", "line 1", "-r"},
		},
		{
			name:    "a version without an operator is an error",
			src:     "tensorflow 2.12\n",
			wantErr: []string{"line 1", "tensorflow"},
		},
		{
			name:    "binary content is an error",
			src:     "torch\x00\x01",
			wantErr: []string{"binary"},
		},
		{
			name: "no framework package gives nil",
			src:  "numpy\npandas>=2\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("requirements.txt", []byte(tt.src), nil)
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
			if len(tt.want) == 0 && got != nil {
				t.Errorf("want nil slice, got %#v", got)
			}
		})
	}
}

// TestIncludeDepthLimit builds a chain longer than the limit and checks that
// reading stops at maxIncludeDepth.
func TestIncludeDepthLimit(t *testing.T) {
	files := map[string]string{}
	for i := 0; i <= maxIncludeDepth+2; i++ {
		files[chainFile(i)] = "-r " + chainFile(i+1) + "\ntorch==" + strconv.Itoa(i) + ".0\n"
	}
	read := func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, fs.ErrNotExist
	}
	got, err := Parse(chainFile(0), []byte(files[chainFile(0)]), read)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != maxIncludeDepth+1 {
		t.Fatalf("want %d dependencies (root plus %d levels), got %d: %v", maxIncludeDepth+1, maxIncludeDepth, len(got), render(got))
	}
}

func chainFile(i int) string { return "requirements-" + strconv.Itoa(i) + ".txt" }

func FuzzParseRequirements(f *testing.F) {
	seedFuzz(f, "requirements", "requirements.txt")
	f.Add([]byte("-r\n-e\n--requirement=\njax[\ntorch @\ntorch;\n(\\\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Two files exist: the input and a base it may include, itself
		// included back, so includes and cycles are exercised.
		read := func(p string) ([]byte, error) {
			switch p {
			case "requirements.txt":
				return data, nil
			case "base.txt":
				return []byte("-r requirements.txt\ntorch==2.1\n"), nil
			}
			return nil, fs.ErrNotExist
		}
		deps, _ := Parse("requirements.txt", data, read)
		for _, d := range deps {
			if d.Framework == "" || d.Package == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
