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
      - {symbol: tensorflow.reduce_sum, keyword: keep_dims, to: keepdims}
      - {symbol: tensorflow.nn, keyword: dim, to: axis}
    level: trivial
    summary: renamed keyword
  - id: test.tpu-devices
    framework: jax
    era: jax
    category: tpu
    arguments:
      - {symbol: jax.devices, value: tpu, to: "jax.devices()"}
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
		"a = tf.reduce_sum(x, keep_dims=True)\n" +
		"b = tf.reduce_sum(x, keepdims=True)\n" +
		"c = tf.nn.softmax(x, dim=1)\n" +
		"d = jax.devices('tpu')\n" +
		"e = jax.devices('gpu')\n"
	res := fa.analyzeFile("m.py", []byte(src), nil)
	var got []string
	for _, f := range res.findings {
		if strings.HasPrefix(f.Rule, "test.") {
			got = append(got, f.Symbol+" -> "+f.Replacement)
		}
	}
	want := []string{
		"tensorflow.reduce_sum(keep_dims=) -> keepdims",
		"tensorflow.nn.softmax(dim=) -> axis",
		`jax.devices("tpu") -> jax.devices()`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
