package manifest

import "testing"

func TestParseLockFiles(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		file    string
		want    []string
		wantErr []string
	}{
		{
			name: "poetry 1 lock with categories; transitive framework packages count",
			dir:  "poetry_lock/poetry1",
			file: "poetry.lock",
			want: []string{
				"poetry.lock:13 poetry.lock tensorflow tensorflow spec===2.11.1 major=2",
				"poetry.lock:25 poetry.lock keras keras spec===2.11.0 major=2",
				"poetry.lock:41 poetry.lock pytorch torch spec===1.13.1 major=1 group=dev",
			},
		},
		{
			name: "poetry 2 lock with groups and markers",
			dir:  "poetry_lock/poetry2",
			file: "poetry.lock",
			want: []string{
				"poetry.lock:4 poetry.lock jax jax spec===0.4.30 major=0",
				"poetry.lock:21 poetry.lock jax jax-cuda12-plugin spec===0.4.30 major=0 marker=sys_platform == \"linux\" and extra == \"cuda\"",
				"poetry.lock:30 poetry.lock jax jaxlib spec===0.4.30 major=0",
				"poetry.lock:38 poetry.lock jax optax spec===0.2.3 major=0 group=train",
			},
		},
		{
			name:    "a broken array-table header names the file and line",
			dir:     "poetry_lock/malformed",
			file:    "poetry.lock",
			wantErr: []string{"poetry.lock", "line 5"},
		},
		{
			name: "uv lock with per-platform versions; the project itself and its dependency lists are not packages",
			dir:  "uv_lock/basic",
			file: "uv.lock",
			want: []string{
				"uv.lock:28 uv.lock pytorch torch spec===2.5.1 major=2",
				"uv.lock:42 uv.lock pytorch torch spec===2.5.1+cu124 major=2",
				"uv.lock:50 uv.lock pytorch torchvision spec===0.20.1 major=0",
			},
		},
		{
			name:    "a duplicate key names the file and line",
			dir:     "uv_lock/malformed",
			file:    "uv.lock",
			wantErr: []string{"uv.lock", "line 5"},
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

func TestLockEntryWithoutName(t *testing.T) {
	src := "[[package]]\nname = \"torch\"\nversion = \"2.1.0\"\n\n[[package]]\nversion = \"1.0\"\n"
	for _, file := range []string{"poetry.lock", "uv.lock"} {
		got, err := Parse(file, []byte(src), nil)
		checkErr(t, err, []string{file, "line 5", "no name"})
		checkDeps(t, got, []string{file + ":2 " + file + " pytorch torch spec===2.1.0 major=2"})
	}
}

func FuzzParseLockFiles(f *testing.F) {
	seedFuzz(f, "poetry_lock", "poetry.lock")
	seedFuzz(f, "uv_lock", "uv.lock")
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, file := range []string{"poetry.lock", "uv.lock"} {
			deps, _ := Parse(file, data, nil)
			for _, d := range deps {
				if d.Framework == "" || d.Line < 1 {
					t.Fatalf("incomplete dependency %+v", d)
				}
			}
		}
	})
}
