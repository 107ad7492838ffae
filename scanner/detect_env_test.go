package scanner

import (
	"strconv"
	"strings"
	"testing"
)

func TestEnvSettingDetector(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // symbol@line:col
	}{
		{"python environ", "import os\nos.environ[\"KERAS_BACKEND\"] = \"jax\"\n", []string{"KERAS_BACKEND.jax@2:13"}},
		{"setdefault", "os.environ.setdefault('KERAS_BACKEND', 'torch')\n", []string{"KERAS_BACKEND.torch@1:24"}},
		{"notebook magic", "#env KERAS_BACKEND=tensorflow\n", []string{"KERAS_BACKEND.tensorflow@1:6"}},
		{"shell export", "export TF_USE_LEGACY_KERAS=1\n", []string{"TF_USE_LEGACY_KERAS.true@1:8"}},
		{"dockerfile", "ENV PJRT_DEVICE TPU\n", []string{"PJRT_DEVICE.TPU@1:5"}},
		{"yaml", "env:\n  JAX_PLATFORMS: tpu\n", []string{"JAX_PLATFORMS.tpu@2:3"}},
		{"unknown value", "KERAS_BACKEND=theano\n", nil},
		{"only a mention", "# KERAS_BACKEND selects the backend\n", nil},
		{"read, not set", "b = os.environ.get('KERAS_BACKEND')\n", nil},
		{"two settings", "KERAS_BACKEND=jax\nKERAS_BACKEND=torch\n", []string{"KERAS_BACKEND.jax@1:1", "KERAS_BACKEND.torch@2:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range (envSettingDetector{}).detect([]byte(tt.src)) {
				got = append(got, r.Symbol+"@"+strconv.Itoa(r.Line)+":"+strconv.Itoa(r.Column))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
