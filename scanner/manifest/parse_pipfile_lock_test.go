package manifest

import "testing"

func TestParsePipfileLock(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "default and develop, markers, extras and VCS entries",
			dir:  "pipfile_lock/basic",
			want: []string{
				"Pipfile.lock:26 pipfile.lock keras keras spec===2.13.1 major=2 marker=python_version >= '3.8'",
				"Pipfile.lock:33 pipfile.lock tensorflow tensorflow spec===2.13.0 major=2",
				"Pipfile.lock:40 pipfile.lock tensorflow tensorflow-io-gcs-filesystem spec===0.34.0 major=0 marker=platform_machine != 'arm64' or platform_system != 'Darwin'",
				"Pipfile.lock:45 pipfile.lock jax flax spec= major=nil",
				"Pipfile.lock:51 pipfile.lock pytorch torch spec===2.0.1 major=2 group=develop extras=opt-einsum",
			},
		},
		{
			name:    "a trailing comma names the file and line",
			dir:     "pipfile_lock/malformed",
			wantErr: []string{"Pipfile.lock", "line 6"},
		},
		{
			name:    "a section that is not an object is an error",
			dir:     "pipfile_lock/wrongshape",
			wantErr: []string{"Pipfile.lock", "default", "not an object"},
		},
		{
			name:    "truncated JSON is an error",
			src:     `{"default": {"torch": {"version": "==2.0`,
			wantErr: []string{"Pipfile.lock"},
		},
		{
			name:    "a version of the wrong type is an error",
			src:     "{\n\"default\": {\n\"torch\": {\"version\": 2}}}",
			wantErr: []string{"Pipfile.lock", "torch"},
		},
		{
			name:    "trailing data is an error",
			src:     `{"default": {}} {}`,
			wantErr: []string{"Pipfile.lock", "after"},
		},
		{
			name:    "a top level that is not an object is an error",
			src:     `["torch"]`,
			wantErr: []string{"Pipfile.lock"},
		},
		{
			name:    "an empty file is an error",
			src:     ``,
			wantErr: []string{"Pipfile.lock"},
		},
		{
			name: "one-line JSON still gives lines",
			src:  `{"default": {"jax": {"version": "==0.4.20"}}}`,
			want: []string{"Pipfile.lock:1 pipfile.lock jax jax spec===0.4.20 major=0"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Dependency
			var err error
			if tt.dir != "" {
				got, err = parseCase(t, tt.dir, "Pipfile.lock")
			} else {
				got, err = Parse("Pipfile.lock", []byte(tt.src), nil)
			}
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func FuzzParsePipfileLock(f *testing.F) {
	seedFuzz(f, "pipfile_lock", "Pipfile.lock")
	f.Fuzz(func(t *testing.T, data []byte) {
		deps, err := Parse("Pipfile.lock", data, nil)
		if err != nil && deps != nil {
			t.Fatalf("a malformed lock file returned dependencies: %v", render(deps))
		}
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
