package scanner

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/python"
)

// envSettingDetector finds framework switches set through environment variables,
// wherever they are written: os.environ["KERAS_BACKEND"] = "jax",
// os.environ.setdefault("PJRT_DEVICE", "TPU"), %env KERAS_BACKEND=jax in a notebook,
// export TF_USE_LEGACY_KERAS=1 in a script, ENV JAX_PLATFORMS tpu in a Dockerfile,
// KERAS_BACKEND: torch in YAML. Each setting becomes a config reference
// <VARIABLE>.<value> for the catalog to judge: KERAS_BACKEND.torch says which backend
// Keras 3 runs on, TF_USE_LEGACY_KERAS.1 that Keras 2 is kept alive, PJRT_DEVICE.TPU
// and JAX_PLATFORMS.tpu that the code targets TPUs.
type envSettingDetector struct{}

// envVariables are the variables read, each with the values that mean something.
var envVariables = []struct {
	name   []byte
	values *regexp.Regexp
}{
	{[]byte("KERAS_BACKEND"), regexp.MustCompile(`^(tensorflow|jax|torch|numpy|openvino)\b`)},
	{[]byte("TF_USE_LEGACY_KERAS"), regexp.MustCompile(`^(1|0|true|false|True|False)\b`)},
	{[]byte("PJRT_DEVICE"), regexp.MustCompile(`^(TPU|GPU|CPU|CUDA)\b`)},
	{[]byte("JAX_PLATFORMS"), regexp.MustCompile(`^(tpu|gpu|cuda|cpu|rocm)\b`)},
}

// envAssignment matches what may sit between a variable's name and its value: a
// closing quote or bracket, then =, :, a comma or blanks, then an opening quote.
var envAssignment = regexp.MustCompile(`^["']?\s*\]?\s*(?:=|:|,|\s)\s*["']?`)

func (envSettingDetector) keywords() []string {
	out := make([]string, len(envVariables))
	for i, v := range envVariables {
		out[i] = string(v.name)
	}
	return out
}

func (envSettingDetector) detect(src []byte) []python.Reference {
	var refs []python.Reference
	for _, v := range envVariables {
		rest := src
		base := 0
		for {
			i := bytes.Index(rest, v.name)
			if i < 0 {
				break
			}
			start := base + i
			after := src[start+len(v.name):]
			if m := envAssignment.Find(after); m != nil {
				if val := v.values.Find(after[len(m):]); val != nil {
					refs = append(refs, envReference(src, start, string(v.name)+"."+normaliseSetting(string(val))))
				}
			}
			base = start + len(v.name)
			rest = src[base:]
		}
	}
	return refs
}

// normaliseSetting spells boolean settings one way, so that a rule names them once
// and every symbol segment is a Python-like name: 1, True and true are all "true".
func normaliseSetting(v string) string {
	switch v {
	case "1", "true", "True":
		return "true"
	case "0", "false", "False":
		return "false"
	}
	return v
}

func envReference(src []byte, start int, symbol string) python.Reference {
	line := 1 + bytes.Count(src[:start], []byte{'\n'})
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	return python.Reference{
		Symbol: symbol,
		Kind:   catalog.KindConfig,
		Line:   line,
		Column: utf8.RuneCount(src[lineStart:start]) + 1,
		Offset: start,
	}
}
