package manifest

import "testing"

func TestParseSetupCfg(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		src     string
		want    []string
		wantErr []string
	}{
		{
			name: "multi-line install_requires across comments and blank lines, extras",
			dir:  "setup_cfg/basic",
			want: []string{
				"setup.cfg:13 setup.cfg pytorch torch spec=>=1.13,<2.2 major=1",
				"setup.cfg:15 setup.cfg pytorch torchvision spec=>=0.14 major=0 marker=platform_machine != \"aarch64\"",
				"setup.cfg:20 setup.cfg tensorflow tensorflow spec===2.11.* major=2 group=tf",
				"setup.cfg:22 setup.cfg jax jax spec=>=0.4 major=0 group=jax extras=cpu",
				"setup.cfg:23 setup.cfg jax flax spec= major=nil group=jax",
			},
		},
		{
			name: "no framework dependency",
			dir:  "setup_cfg/none",
		},
		{
			name: "a value on the key's own line",
			src:  "[options]\ninstall_requires = tensorflow>=2.4\n",
			want: []string{"setup.cfg:2 setup.cfg tensorflow tensorflow spec=>=2.4 major=2"},
		},
		{
			name: "the same requirement in another section does not take the line",
			src:  "[other]\ninstall_requires =\n    torch==2.1\n[options]\ninstall_requires =\n    torch==2.1\n",
			want: []string{"setup.cfg:6 setup.cfg pytorch torch spec===2.1 major=2"},
		},
		{
			name:    "a bad requirement is an error with its line",
			src:     "[options]\ninstall_requires =\n    torch==2.1\n    @@@\n",
			want:    []string{"setup.cfg:3 setup.cfg pytorch torch spec===2.1 major=2"},
			wantErr: []string{"setup.cfg", "line 4"},
		},
		{
			name: "an indented key the text search cannot place gets its section's line",
			src:  "[metadata]\nname = x\n[options.extras_require]\n  jax = flax\n",
			want: []string{"setup.cfg:3 setup.cfg jax flax spec= major=nil group=jax"},
		},
		{
			name:    "binary content is an error",
			src:     "[options]\x00\x00",
			wantErr: []string{"setup.cfg", "binary"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []Dependency
			var err error
			if tt.dir != "" {
				got, err = parseCase(t, tt.dir, "setup.cfg")
			} else {
				got, err = Parse("setup.cfg", []byte(tt.src), nil)
			}
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func FuzzParseSetupCfg(f *testing.F) {
	seedFuzz(f, "setup_cfg", "setup.cfg")
	f.Fuzz(func(t *testing.T, data []byte) {
		deps, _ := Parse("setup.cfg", data, nil)
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
