package scanner

import (
	"testing"
	"unicode/utf8"

	"github.com/frameshift/frameshift/scanner/catalog"
)

func TestDecodeSource(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"utf8 unchanged", "# coding: latin-1\nx = 'é'\n", "# coding: latin-1\nx = 'é'\n"},
		{"latin-1 on line 1", "# -*- coding: latin-1 -*-\nmod\xe8le = 1\n", "# -*- coding: latin-1 -*-\nmodèle = 1\n"},
		{"cp1252 on line 2", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '\x80'\n", "#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\ns = '€'\n"},
		{"declaration on line 3 is ignored", "\n\n# coding: latin-1\nx = '\xe9'\n", "\n\n# coding: latin-1\nx = '\xe9'\n"},
		{"undeclared invalid bytes unchanged", "x = '\xff'\n", "x = '\xff'\n"},
		{"unknown codec unchanged", "# coding: klingon\nx = '\xe9'\n", "# coding: klingon\nx = '\xe9'\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(decodeSource([]byte(tt.src))); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLatin1FileParsesCleanly(t *testing.T) {
	src := "# -*- coding: latin-1 -*-\nimport tensorflow as tf\nmod\xe8le = tf.keras.Sequential()\nUNIT\xc9 = tf.constant(1)\n"
	if utf8.ValidString(src) {
		t.Fatal("test input must be invalid UTF-8")
	}
	fa := newTestAnalyzer(t, mustDefaultCatalog(t))
	res := fa.analyzeFile("latin1.py", []byte(src), nil)
	if res.skip != nil || res.report.ErrorNodes != 0 {
		t.Fatalf("want a clean parse, got skip=%v report=%+v", res.skip, res.report)
	}
	for _, f := range res.findings {
		if f.Symbol == "tensorflow.constant" && f.Column != 9 {
			t.Errorf("tf.constant at column %d, want 9 (characters, not bytes)", f.Column)
		}
	}
}

func mustDefaultCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}
