package manifest

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseSetupPy(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		want    []string
		wantErr []string
	}{
		{
			name: "literal lists and dicts; f-strings and non-string items skipped",
			dir:  "setup_py/literal",
			want: []string{
				"setup.py:20 setup.py tensorflow tensorflow spec=>=2.8,<2.12 major=2",
				"setup.py:21 setup.py tensorflow tf-models-official spec===2.11.0 major=2",
				"setup.py:28 setup.py pytorch torch spec=>=1.13 major=1 group=torch",
				"setup.py:29 setup.py pytorch torchvision spec= major=nil group=torch",
				"setup.py:31 setup.py tensorflow tflite-runtime spec=>=2.11 major=2 group=lite",
			},
		},
		{
			name: "module-level names, concatenation, later bindings, cycles and multi-line strings",
			dir:  "setup_py/names",
			want: []string{
				"setup.py:4 setup.py jax jax spec=>=0.4.1 major=0",
				"setup.py:5 setup.py jax jaxlib spec=>=0.4.1 major=0",
				"setup.py:8 setup.py tensorflow tensorflow-cpu spec=~=2.13.0 major=2 group=tf",
				"setup.py:8 setup.py tensorflow tensorflow-cpu spec=~=2.13.0 major=2 group=all",
				"setup.py:12 setup.py jax optax spec=>=0.1.7 major=0",
				"setup.py:12 setup.py jax optax spec=>=0.1.7 major=0 group=all",
				"setup.py:16 setup.py jax dm-haiku spec===0.0.10 major=0 group=all",
			},
		},
		{
			name: "syntax errors are reported, what could be read is kept",
			dir:  "setup_py/syntax_error",
			want: []string{
				"setup.py:8 setup.py keras keras spec===2.2.4 major=2",
				"setup.py:8 setup.py tensorflow tensorflow spec=<2 major=1",
			},
			wantErr: []string{"setup.py", "line 3", "syntax error"},
		},
		{
			name: "a setup.py without a setup() call declares nothing",
			dir:  "setup_py/no_setup",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCase(t, tt.dir, "setup.py")
			checkErr(t, err, tt.wantErr)
			checkDeps(t, got, tt.want)
		})
	}
}

func TestSetupPyForms(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "install_requires as one string, a requirement per line",
			src:  "from setuptools import setup\nREQS = \"\"\"\nflax>=0.7\n# comment\n  einops\ntorch  # inline\n\"\"\"\nsetup(install_requires=REQS)\n",
			want: []string{
				"setup.py:3 setup.py jax flax spec=>=0.7 major=0",
				"setup.py:6 setup.py pytorch torch spec= major=nil",
			},
		},
		{
			name: "tuples, parentheses, dict() extras and raw strings",
			src:  "setup(\n  install_requires=(r'keras>=3',),\n  extras_require=dict(gpu=(['jax[cuda12]'])),\n)\n",
			want: []string{
				"setup.py:2 setup.py keras keras spec=>=3 major=3",
				"setup.py:3 setup.py jax jax spec= major=nil group=gpu extras=cuda12",
			},
		},
		{
			name: "calls, comprehensions, splats and unknown names are not guessed at",
			src: "import json\nsetup(install_requires=json.load(open('deps.json')) + [r for r in ['torch']] + UNKNOWN,\n" +
				"      extras_require={**BASE, 'x': get_extras(), 1: ['torch']})\n",
		},
		{
			name: "an attribute call setuptools.setup counts, other calls do not",
			src:  "import setuptools\nsetuptools.setup(install_requires=['jax'])\nmy_setup(install_requires=['torch'])\n",
			want: []string{"setup.py:2 setup.py jax jax spec= major=nil"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("setup.py", []byte(tt.src), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkDeps(t, got, tt.want)
		})
	}
}

// TestSetupPyNameFanOut checks that names are followed once each: without
// that, ten references per level over eight levels would mean 10^8 visits.
func TestSetupPyNameFanOut(t *testing.T) {
	var b strings.Builder
	for level := 0; level < 8; level++ {
		refs := make([]string, 10)
		for i := range refs {
			refs[i] = fmt.Sprintf("N%d", level+1)
		}
		fmt.Fprintf(&b, "N%d = %s\n", level, strings.Join(refs, " + "))
	}
	b.WriteString("N8 = ['torch==2.1']\nsetup(install_requires=N0, extras_require={'a': N0, 'b': N0})\n")
	got, err := Parse("setup.py", []byte(b.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkDeps(t, got, []string{
		"setup.py:9 setup.py pytorch torch spec===2.1 major=2",
		"setup.py:9 setup.py pytorch torch spec===2.1 major=2 group=a",
		"setup.py:9 setup.py pytorch torch spec===2.1 major=2 group=b",
	})
}

func FuzzParseSetupPy(f *testing.F) {
	seedFuzz(f, "setup_py", "setup.py")
	f.Add([]byte("A = A + A\nsetup(install_requires=A, extras_require=dict(x=A, y=('torch',)))\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		deps, _ := Parse("setup.py", data, nil)
		for _, d := range deps {
			if d.Framework == "" || d.Line < 1 {
				t.Fatalf("incomplete dependency %+v", d)
			}
		}
	})
}
