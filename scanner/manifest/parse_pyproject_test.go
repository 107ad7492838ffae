package manifest

import "testing"

func TestParsePyproject(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		want    []string
		wantErr []string
	}{
		{
			name: "PEP 621, optional dependencies, PEP 735 groups, uv and PDM dev lists",
			dir:  "pyproject/pep621",
			want: []string{
				"pyproject.toml:12 pyproject tensorflow tensorflow spec=>=2.12,<2.16 major=2",
				"pyproject.toml:13 pyproject keras keras spec=<3 major=2",
				"pyproject.toml:14 pyproject tensorflow tensorflow-datasets spec= major=nil",
				"pyproject.toml:19 pyproject pytorch torch spec===2.1.2 major=2 group=torch",
				"pyproject.toml:20 pyproject pytorch torchvision spec=>=0.16 major=0 group=torch marker=platform_machine == 'x86_64'",
				"pyproject.toml:22 pyproject jax jax spec=>=0.4.20 major=0 group=jax extras=cuda12",
				"pyproject.toml:22 pyproject jax flax spec=~=0.8.0 major=0 group=jax",
				"pyproject.toml:26 pyproject tensorflow tensorflow-probability spec===0.22.1 major=0 group=test",
				"pyproject.toml:27 pyproject jax jaxlib spec= major=nil group=dev",
				"pyproject.toml:30 pyproject pytorch torch-xla spec=>=2.1 major=2 group=dev",
				"pyproject.toml:34 pyproject tensorflow tensorflow-text spec===2.14.* major=2 group=bench",
			},
		},
		{
			name: "Poetry carets, tables, multiple constraints, groups and dev-dependencies",
			dir:  "pyproject/poetry",
			want: []string{
				"pyproject.toml:9 pyproject pytorch torch spec=^2.0.1 major=2",
				"pyproject.toml:10 pyproject pytorch torchaudio spec=~2.0 major=2",
				"pyproject.toml:11 pyproject jax jax spec=>=0.4.13 major=0 extras=cpu marker=sys_platform == 'darwin'",
				"pyproject.toml:13 pyproject tensorflow tensorflow spec=^2.13 major=2",
				"pyproject.toml:14 pyproject tensorflow tensorflow spec=2.12.0 major=2 marker=python >=3.9,<3.11",
				"pyproject.toml:16 pyproject keras keras spec=* major=nil",
				"pyproject.toml:17 pyproject pytorch pytorch-lightning spec= major=nil",
				"pyproject.toml:20 pyproject jax flax spec=0.7.* major=0",
				"pyproject.toml:25 pyproject jax jaxlib spec=0.4.13 major=0 group=gpu",
				"pyproject.toml:28 pyproject tensorflow tensorflow-hub spec=>=0.14 major=0 group=dev",
			},
		},
		{
			name:    "a TOML syntax error names the file and line",
			dir:     "pyproject/malformed",
			wantErr: []string{"pyproject.toml", "line 6"},
		},
		{
			name:    "dependencies that are not a list are an error",
			dir:     "pyproject/wrongshape",
			wantErr: []string{"pyproject.toml", "line 3", "project.dependencies has the wrong type"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCase(t, tt.dir, "pyproject.toml")
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func TestPyprojectLines(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "dotted keys and inline arrays",
			src:  "project.name = \"x\"\nproject.dependencies = [\"torch\", \"jax==0.4.1\"]\n",
			want: []string{
				"pyproject.toml:2 pyproject pytorch torch spec= major=nil",
				"pyproject.toml:2 pyproject jax jax spec===0.4.1 major=0",
			},
		},
		{
			name: "the same name in another table does not confuse lines",
			src: "[tool.other]\ndependencies = [\"tensorflow==1.15\"]\n\n[project]\nname = \"x\"\n" +
				"dependencies = [\n  # tensorflow==1.15 is gone\n  \"tensorflow==2.15\",\n]\n",
			want: []string{"pyproject.toml:8 pyproject tensorflow tensorflow spec===2.15 major=2"},
		},
		{
			name: "multi-line strings and comments between elements",
			src:  "[project]\ndependencies = [\n  '''keras>=3''',\n  # comment\n\n  \"\"\"torch\"\"\",\n]\n",
			want: []string{
				"pyproject.toml:3 pyproject keras keras spec=>=3 major=3",
				"pyproject.toml:6 pyproject pytorch torch spec= major=nil",
			},
		},
		{
			name:    "a bad requirement string is an error with its line; the others are kept",
			src:     "[project]\ndependencies = [\n  \"torch==2.1\",\n  \"!!!\",\n]\n",
			want:    []string{"pyproject.toml:3 pyproject pytorch torch spec===2.1 major=2"},
			wantErr: []string{"pyproject.toml", "line 4"},
		},
		{
			name:    "a Poetry dependency of the wrong type is an error",
			src:     "[tool.poetry.dependencies]\ntorch = 2\n",
			wantErr: []string{"pyproject.toml", "line 2", "torch"},
		},
		{
			name:    "a duplicate key is an error",
			src:     "[project]\ndependencies = []\ndependencies = []\n",
			wantErr: []string{"pyproject.toml", "line 3"},
		},
		{
			name: "no framework dependency",
			src:  "[project]\ndependencies = [\"requests\"]\n",
		},
		{
			// go-toml fills struct fields without regard to case; the line
			// index must agree with what was decoded.
			name: "table names in another case",
			src:  "[tool.Poetry.Dependencies]\ntorch = \"^2.1\"\n",
			want: []string{"pyproject.toml:2 pyproject pytorch torch spec=^2.1 major=2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("pyproject.toml", []byte(tt.src), nil)
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func FuzzParsePyproject(f *testing.F) {
	seedFuzz(f, "pyproject", "pyproject.toml")
	f.Fuzz(func(t *testing.T, data []byte) {
		deps, _ := Parse("pyproject.toml", data, nil)
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
