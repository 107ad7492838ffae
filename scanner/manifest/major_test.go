package manifest

import (
	"strconv"
	"testing"
)

func TestMajorOf(t *testing.T) {
	tests := []struct {
		spec    string
		dialect dialect
		want    string // "nil" or the major
	}{
		{"==2.12.0", dialectPEP440, "2"},
		{"===2.12.0", dialectPEP440, "2"},
		{"~=1.15", dialectPEP440, "1"},
		{">=2.4,<2.16", dialectPEP440, "2"},
		{">= 2.4, < 2.16", dialectPEP440, "2"},
		{">1.13", dialectPEP440, "1"},
		{"<2.16", dialectPEP440, "2"},
		{"<3", dialectPEP440, "2"},
		{"<3.0", dialectPEP440, "2"},
		{"<3.0.0", dialectPEP440, "2"},
		{"<=2.15", dialectPEP440, "2"},
		{"<=3", dialectPEP440, "3"},
		{"<1", dialectPEP440, "0"},
		{"<0", dialectPEP440, "nil"},
		{"==1.*", dialectPEP440, "1"},
		{"==2.12.*", dialectPEP440, "2"},
		{"!=2.11.0", dialectPEP440, "nil"},
		{">=1.15,!=2.0.0", dialectPEP440, "1"},
		{">=2.1,>=1.9", dialectPEP440, "1"},
		{"==1!2.0", dialectPEP440, "2"},
		{"==2.0.1+cu118", dialectPEP440, "2"},
		{"==2.13.0rc1", dialectPEP440, "2"},
		{"", dialectPEP440, "nil"},
		{"*", dialectPEP440, "nil"},
		{">=2.x", dialectPEP440, "nil"},
		{"2.12", dialectPEP440, "nil"},  // PEP 440 needs an operator
		{"~=1", dialectPEP440, "nil"},   // compatible release needs two parts
		{"^2.12", dialectPEP440, "nil"}, // Poetry syntax is not PEP 440
		{">=2.4 || ^3", dialectPEP440, "nil"},
		{"^2.12", dialectPoetry, "2"},
		{"^0.4.20", dialectPoetry, "0"},
		{"~2.12", dialectPoetry, "2"},
		{"2.12.0", dialectPoetry, "2"},
		{"2.*", dialectPoetry, "2"},
		{"*", dialectPoetry, "nil"},
		{">=2.4 <2.16", dialectPoetry, "2"},
		{"^1.15 || ^2.4", dialectPoetry, "1"},
		{"=2.12", dialectConda, "2"},
		{"2.12.*", dialectConda, "2"},
		{"2.12*", dialectConda, "2"},
		{">=2.0", dialectConda, "2"},
		{"2.12|2.13", dialectConda, "2"},
		{"1.15|2.4", dialectConda, "1"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got := "nil"
			if m := majorOf(tt.spec, tt.dialect); m != nil {
				got = strconv.Itoa(*m)
			}
			if got != tt.want {
				t.Errorf("majorOf(%q, %d) = %s, want %s", tt.spec, tt.dialect, got, tt.want)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]string{
		"tensorflow":          "tensorflow",
		"TensorFlow":          "tensorflow",
		"tensorflow_gpu":      "tensorflow",
		"Tensorflow.GPU":      "tensorflow",
		"tf-nightly":          "tensorflow",
		"tflite_runtime":      "tensorflow",
		"ai-edge-litert":      "tensorflow",
		"tf-keras":            "keras",
		"Keras":               "keras",
		"keras_nlp":           "keras",
		"torch":               "pytorch",
		"pytorch":             "pytorch",
		"pytorch_lightning":   "pytorch",
		"torch-geometric":     "pytorch",
		"jax":                 "jax",
		"jax[cuda12]":         "jax",
		"jax_cuda12_plugin":   "jax",
		"dm-haiku":            "jax",
		"orbax.checkpoint":    "jax",
		"numpy":               "",
		"tensorboard":         "",
		"torchx-nonexistent":  "",
		"":                    "",
		"tensorflow--gpu":     "tensorflow",
		"  torch  ":           "pytorch",
		"pytorch-cuda":        "",
		"scikit-learn":        "",
		"transformers[torch]": "",
	}
	for pkg, want := range tests {
		if got := Classify(pkg); got != want {
			t.Errorf("Classify(%q) = %q, want %q", pkg, got, want)
		}
	}
}

func TestKind(t *testing.T) {
	tests := map[string]string{
		"requirements.txt":             "requirements",
		"sub/requirements-dev.txt":     "requirements",
		"requirements_gpu.txt":         "requirements",
		"dev-requirements.txt":         "requirements",
		"requirements/base.txt":        "requirements",
		"deploy/requirements/prod.txt": "requirements",
		"requirements.in":              "requirements",
		"docs/requirements-docs.in":    "requirements",
		"constraints.txt":              "requirements",
		"constraints-py310.txt":        "requirements",
		"Requirements.txt":             "requirements",
		"pyproject.toml":               "pyproject",
		"pkg/setup.py":                 "setup.py",
		"setup.cfg":                    "setup.cfg",
		"Pipfile":                      "pipfile",
		"Pipfile.lock":                 "pipfile.lock",
		"poetry.lock":                  "poetry.lock",
		"uv.lock":                      "uv.lock",
		"environment.yml":              "conda",
		"environment.yaml":             "conda",
		"envs/environment-gpu.yml":     "conda",
		"README.txt":                   "",
		"notes.in":                     "",
		"config.yml":                   "",
		".github/workflows/ci.yml":     "",
		"setup.py.bak":                 "",
		"requirements.txt.orig":        "",
		"constraints.in":               "",
		"src/requirements/__init__.py": "",
		"environment.py":               "",
		"tox.ini":                      "",
		"docs/requirements/readme.md":  "",
	}
	for p, want := range tests {
		if got := Kind(p); got != want {
			t.Errorf("Kind(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestParseUnknownName(t *testing.T) {
	if _, err := Parse("README.md", []byte("tensorflow"), nil); err == nil {
		t.Fatal("want an error for a file that is not a manifest")
	}
}
