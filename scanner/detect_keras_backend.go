package scanner

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/frameshift/frameshift/scanner/catalog"
	"github.com/frameshift/frameshift/scanner/python"
)

// kerasBackendDetector finds where KERAS_BACKEND is set: os.environ["KERAS_BACKEND"]
// = "jax", os.environ.setdefault("KERAS_BACKEND", "torch"), %env KERAS_BACKEND=jax
// in a notebook, export KERAS_BACKEND=torch in a script, ENV KERAS_BACKEND jax in a
// Dockerfile, KERAS_BACKEND: tensorflow in YAML. Keras 3 picks its backend from it,
// so it says which backend Keras code already runs on. Each setting becomes a config
// reference KERAS_BACKEND.<backend>.
type kerasBackendDetector struct{}

var kerasBackendSetting = regexp.MustCompile(`KERAS_BACKEND["']?\s*\]?\s*(?:=|:|,|\s)\s*["']?(tensorflow|jax|torch|numpy|openvino)\b`)

var kerasBackendNeedle = []byte("KERAS_BACKEND")

func (kerasBackendDetector) detect(src []byte) []python.Reference {
	if !bytes.Contains(src, kerasBackendNeedle) {
		return nil
	}
	var refs []python.Reference
	for _, loc := range kerasBackendSetting.FindAllSubmatchIndex(src, -1) {
		start := loc[0]
		line := 1 + bytes.Count(src[:start], []byte{'\n'})
		lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
		refs = append(refs, python.Reference{
			Symbol: "KERAS_BACKEND." + string(src[loc[2]:loc[3]]),
			Kind:   catalog.KindConfig,
			Line:   line,
			Column: utf8.RuneCount(src[lineStart:start]) + 1,
			Offset: start,
		})
	}
	return refs
}
