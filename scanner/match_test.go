package scanner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/frameshift/frameshift/scanner/catalog"
)

func TestArgumentRules(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rules.yaml")
	rules := `
framework: tensorflow
rules:
  - id: test.keep-dims
    era: tf1
    category: ops
    arguments:
      - {symbol: tensorflow.testonly_reduce, keyword: keep_dims, to: keepdims}
      - {symbol: tensorflow.testonly_nn, keyword: dim, to: axis}
    level: trivial
    summary: renamed keyword
  - id: test.tpu-devices
    framework: jax
    era: jax
    category: tpu
    arguments:
      - {symbol: jax.testonly_devices, value: tpu, to: "jax.devices()"}
    level: complex
    summary: TPU devices
`
	if err := os.WriteFile(p, []byte(rules), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	fa := newTestAnalyzer(t, cat)
	src := "import tensorflow as tf\nimport jax\n" +
		"a = tf.testonly_reduce(x, keep_dims=True)\n" +
		"b = tf.testonly_reduce(x, keepdims=True)\n" +
		"c = tf.testonly_nn.softmax(x, dim=1)\n" +
		"d = jax.testonly_devices('tpu')\n" +
		"e = jax.testonly_devices('gpu')\n"
	res := fa.analyzeFile("m.py", []byte(src), nil)
	var got []string
	for _, f := range res.findings {
		if strings.HasPrefix(f.Rule, "test.") {
			got = append(got, f.Symbol+" -> "+f.Replacement)
		}
	}
	want := []string{
		"tensorflow.testonly_reduce(keep_dims=) -> keepdims",
		"tensorflow.testonly_nn.softmax(dim=) -> axis",
		`jax.testonly_devices("tpu") -> jax.devices()`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
