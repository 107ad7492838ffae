package manifest

import "testing"

func TestParsePipfile(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "packages, dev-packages and a custom category; strings, tables, VCS",
			dir:  "pipfile/basic",
			want: []string{
				"Pipfile:13 pipfile tensorflow tensorflow spec===2.13.0 major=2",
				"Pipfile:14 pipfile keras keras spec=* major=nil",
				"Pipfile:15 pipfile pytorch torch spec===2.0.1 major=2",
				"Pipfile:16 pipfile jax jax spec=>=0.4.13 major=0 extras=cuda12 marker=sys_platform == 'linux'",
				"Pipfile:17 pipfile jax flax spec= major=nil",
				"Pipfile:21 pipfile tensorflow tensorflow-datasets spec=>=4.9 major=4 group=dev-packages",
				"Pipfile:24 pipfile keras keras-nlp spec=~=0.6 major=0 group=docs",
			},
		},
		{
			name:    "an unterminated string names the file and line",
			dir:     "pipfile/malformed",
			wantErr: []string{"Pipfile", "line 2"},
		},
		{
			name:    "a package of the wrong type is an error",
			src:     "[packages]\ntorch = true\n",
			wantErr: []string{"Pipfile", "line 2", "torch is a boolean"},
		},
		{
			name: "an empty Pipfile declares nothing",
			src:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Dependency
			var err error
			if tt.dir != "" {
				got, err = parseCase(t, tt.dir, "Pipfile")
			} else {
				got, err = Parse("Pipfile", []byte(tt.src), nil)
			}
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func FuzzParsePipfile(f *testing.F) {
	seedFuzz(f, "pipfile", "Pipfile")
	f.Fuzz(func(t *testing.T, data []byte) {
		deps, _ := Parse("Pipfile", data, nil)
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
