package notebook

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// notebookJSON builds an nbformat 4 notebook from cells given as
// "type:source" strings, with an optional kernel language.
func notebookJSON(t testing.TB, language string, cells ...string) []byte {
	t.Helper()
	type cell struct {
		CellType string   `json:"cell_type"`
		Metadata struct{} `json:"metadata"`
		Source   any      `json:"source"`
	}
	nb := map[string]any{"nbformat": 4, "nbformat_minor": 5, "metadata": map[string]any{}}
	if language != "" {
		nb["metadata"] = map[string]any{"kernelspec": map[string]string{"language": language, "name": "k"}}
	}
	var cs []cell
	for _, c := range cells {
		typ, src, _ := strings.Cut(c, ":")
		cs = append(cs, cell{CellType: typ, Source: src})
	}
	nb["cells"] = cs
	data, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustParse(t *testing.T, data []byte) *Source {
	t.Helper()
	src, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return src
}

func TestParseTestdata(t *testing.T) {
	tests := []struct {
		file  string
		code  string
		cells []Cell
	}{
		{
			file: "train_v4.ipynb",
			code: "#pip install tensorflow==1.15 \\\n" +
				"    #ensorflow-hub==0.7\n" +
				"#matplotlib inline\n" +
				"#env KERAS_BACKEND=jax\n" +
				"import tensorflow as tf\n" +
				"import tensorflow_hub as hub\n" +
				"sess = tf.Session()\n" +
				"#iles = !ls data/\n" +
				"#f.Session?\n" +
				"print(tf.__version__)\n" +
				"#%time\n" +
				"with tf.Graph().as_default():\n" +
				"    #time x = tf.constant(1)\n" +
				"    y = (x\n" +
				"         % 2)\n" +
				"#%writefile model.py\n" +
				"#mport torch\n" +
				"#lass Net(torch.nn.Module):\n" +
				"    #ass\n" +
				"saver = tf.train.Saver()\n" +
				"saver.save(sess, 'ckpt/model')\n",
			cells: []Cell{
				{Index: 1, Start: 1, Lines: 6, Raw: "!pip install tensorflow==1.15 \\\n    tensorflow-hub==0.7\n%matplotlib inline\n%env KERAS_BACKEND=jax\nimport tensorflow as tf\nimport tensorflow_hub as hub"},
				{Index: 2, Start: 7, Lines: 4, Raw: "sess = tf.Session()\nfiles = !ls data/\ntf.Session?\nprint(tf.__version__)\n"},
				{Index: 4, Start: 11, Lines: 5, Raw: "%%time\nwith tf.Graph().as_default():\n    %time x = tf.constant(1)\n    y = (x\n         % 2)\n"},
				{Index: 5, Start: 16, Lines: 4, Raw: "%%writefile model.py\nimport torch\nclass Net(torch.nn.Module):\n    pass\n"},
				{Index: 6, Start: 20, Lines: 0, Raw: ""},
				{Index: 7, Start: 20, Lines: 2, Raw: "saver = tf.train.Saver()\nsaver.save(sess, 'ckpt/model')"},
			},
		},
		{
			file: "old_v3.ipynb",
			code: "from keras.models import Sequential\nmodel = Sequential()\n#load_ext rpy2.ipython\n",
			cells: []Cell{
				{Index: 1, Start: 1, Lines: 2, Raw: "from keras.models import Sequential\nmodel = Sequential()"},
				{Index: 2, Start: 3, Lines: 1, Raw: "%load_ext rpy2.ipython"},
			},
		},
		{
			file: "r_kernel.ipynb",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			src := mustParse(t, data)
			if diff := cmp.Diff(tt.code, string(src.Code)); diff != "" {
				t.Errorf("Code mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.cells, src.Cells); diff != "" {
				t.Errorf("Cells mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSourceForms(t *testing.T) {
	list := `{"nbformat": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": ["import jax\n", "jax.numpy.zeros(3)"]}]}`
	str := `{"nbformat": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": "import jax\njax.numpy.zeros(3)"}]}`
	a, b := mustParse(t, []byte(list)), mustParse(t, []byte(str))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("list and string sources differ (-list +string):\n%s", diff)
	}
	if got := string(a.Code); got != "import jax\njax.numpy.zeros(3)\n" {
		t.Errorf("Code = %q", got)
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"line magic", "%matplotlib inline\nimport torch", "#matplotlib inline\nimport torch"},
		{"indented line magic", "for i in range(3):\n    %time f(i)", "for i in range(3):\n    #time f(i)"},
		{"shell escape", "!pip install tensorflow==1.15", "#pip install tensorflow==1.15"},
		{"double-bang shell escape", "!!ls", "#!ls"},
		{"assignment from shell", "files = !ls *.py", "#iles = !ls *.py"},
		{"tuple assignment from magic", "a, b = %sx echo 1 2", "#, b = %sx echo 1 2"},
		{"help suffix", "tf.Session?", "#f.Session?"},
		{"double help prefix", "??tf.Session", "#?tf.Session"},
		{"help with trailing comment", "torch.nn.Linear?  # docs", "#orch.nn.Linear?  # docs"},
		{"question mark in a string is Python", "print('why?')", "print('why?')"},
		{"question mark in a comment is Python", "x = 1  # why?", "x = 1  # why?"},
		{"modulo on a continuation line", "y = (x\n     % 2)", "y = (x\n     % 2)"},
		{"not-equal on a continuation line", "ok = (a\n      != b)", "ok = (a\n      != b)"},
		{"magic-looking line in a docstring", "s = \"\"\"\n%matplotlib inline\n!ls\n\"\"\"", "s = \"\"\"\n%matplotlib inline\n!ls\n\"\"\""},
		{"magic after a backslash continuation is Python", "x = 1 + \\\n    2", "x = 1 + \\\n    2"},
		{"continued shell escape", "!pip install \\\n    torch\nimport torch", "#pip install \\\n    #orch\nimport torch"},
		{"python-body cell magic", "%%timeit -n 3\nimport jax\n%env X=1", "#%timeit -n 3\nimport jax\n#env X=1"},
		{"capture cell magic", "\n%%capture out\nimport tensorflow", "\n#%capture out\nimport tensorflow"},
		{"other cell magic comments the whole cell", "%%bash\npip install torch\n\n  echo done", "#%bash\n#ip install torch\n\n  #cho done"},
		{"html cell magic", "%%html\n<b>import torch</b>", "#%html\n#b>import torch</b>"},
		{"a cell left inside a string is commented out", "x = '''\nimport torch", "# = '''\n#mport torch"},
		{"a cell left inside brackets is commented out", "f(\nimport torch", "#(\n#mport torch"},
		{"a multi-byte first character keeps the byte length", "%%bash\né", "#%bash\n# "},
		{"CRLF lines", "%matplotlib inline\r\nimport torch\r\n", "#matplotlib inline\r\nimport torch\r\n"},
		{"escaped quote does not end a string", "s = 'it\\'s'\n%ls", "s = 'it\\'s'\n#ls"},
		{"plain Python is untouched", "import tensorflow as tf\nx = tf.constant([1, 2])\n", "import tensorflow as tf\nx = tf.constant([1, 2])\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := neutralize(tt.in)
			if got != tt.want {
				t.Errorf("neutralize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if len(got) != len(tt.in) {
				t.Errorf("length changed from %d to %d", len(tt.in), len(got))
			}
		})
	}
}

func TestLocate(t *testing.T) {
	data := notebookJSON(t, "python",
		"markdown:# Title",
		"code:import torch\nx = 1",
		"code:",
		"markdown:text",
		"code:y = 2\n",
		"code:z = 3\nw = 4\nv = 5",
	)
	src := mustParse(t, data)
	tests := []struct {
		line, cell, lineInCell int
		ok                     bool
	}{
		{0, 0, 0, false},
		{-3, 0, 0, false},
		{1, 1, 1, true},
		{2, 1, 2, true},
		{3, 4, 1, true},
		{4, 5, 1, true},
		{6, 5, 3, true},
		{7, 0, 0, false},
		{1000, 0, 0, false},
	}
	for _, tt := range tests {
		cell, lineInCell, ok := src.Locate(tt.line)
		if cell != tt.cell || lineInCell != tt.lineInCell || ok != tt.ok {
			t.Errorf("Locate(%d) = %d, %d, %v; want %d, %d, %v", tt.line, cell, lineInCell, ok, tt.cell, tt.lineInCell, tt.ok)
		}
	}
}

func TestParseKeepsOrSkips(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		wantCells int
	}{
		{"no cells", []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}`), 0},
		{"only markdown", notebookJSON(t, "", "markdown:# Notes", "markdown:import torch"), 0},
		{"language unset means Python", notebookJSON(t, "", "code:import torch"), 1},
		{"python3 kernel language", notebookJSON(t, "Python3", "code:import torch"), 1},
		{"julia kernel", notebookJSON(t, "julia", "code:using Flux"), 0},
		{"scala kernel", notebookJSON(t, "scala", "code:val x = 1"), 0},
		{"language_info used when kernelspec has none", []byte(`{"nbformat": 4, "metadata": {"language_info": {"name": "R"}}, "cells": [{"cell_type": "code", "source": "x <- 1"}]}`), 0},
		{"kernelspec wins over language_info", []byte(`{"nbformat": 4, "metadata": {"kernelspec": {"language": "python"}, "language_info": {"name": "R"}}, "cells": [{"cell_type": "code", "source": "x = 1"}]}`), 1},
		{"null source is an empty cell", []byte(`{"nbformat": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": null}]}`), 1},
		{"nbformat 3 cell in another language", []byte(`{"nbformat": 3, "metadata": {}, "worksheets": [{"cells": [{"cell_type": "code", "language": "r", "input": "x <- 1"}]}]}`), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := mustParse(t, tt.data)
			if len(src.Cells) != tt.wantCells {
				t.Errorf("got %d cells, want %d: %+v", len(src.Cells), tt.wantCells, src.Cells)
			}
			if tt.wantCells == 0 && len(src.Code) != 0 {
				t.Errorf("no cells but Code = %q", src.Code)
			}
		})
	}
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string // a fragment of the error
	}{
		{"empty input", "", "no JSON"},
		{"not JSON", "<html>", "invalid JSON at line 1"},
		{"truncated", "{\n\"nbformat\": 4,\n\"cells\": [", "invalid JSON"},
		{"syntax error line", "{\n\"nbformat\": 4,\n\"cells\": [}\n", "line 3"},
		{"top level array", `[1, 2]`, "not an object"},
		{"top level string", `"notebook"`, "not an object"},
		{"no nbformat", `{"cells": []}`, "nbformat field is missing"},
		{"nbformat a word", `{"nbformat": "four", "cells": []}`, "nbformat"},
		{"nbformat a list", `{"nbformat": [4], "cells": []}`, "nbformat"},
		{"nbformat fraction", `{"nbformat": 4.5, "cells": []}`, "not a whole number"},
		{"nbformat 5", `{"nbformat": 5, "cells": []}`, "not supported"},
		{"v4 without cells", `{"nbformat": 4, "metadata": {}}`, "cells list"},
		{"cells not a list", `{"nbformat": 4, "cells": {}}`, "cells"},
		{"cell not an object", `{"nbformat": 4, "cells": ["import torch"]}`, "cells"},
		{"source a number", `{"nbformat": 4, "cells": [{"cell_type": "code", "source": 42}]}`, "source of cell 0 is neither a string nor a list of strings"},
		{"source list of numbers", `{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "x"}, {"cell_type": "code", "source": [1]}]}`, "source of cell 1"},
		{"cell_type a number", `{"nbformat": 4, "cells": [{"cell_type": 1, "source": ""}]}`, "cell_type"},
		{"kernelspec a string", `{"nbformat": 4, "metadata": {"kernelspec": "python"}, "cells": []}`, "kernelspec"},
		{"trailing data", `{"nbformat": 4, "cells": []} {}`, "invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := Parse([]byte(tt.data))
			if err == nil {
				t.Fatalf("want an error mentioning %q, got none (source %+v)", tt.want, src)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

// TestCodeKeepsPositions checks the invariant the analyzer relies on: every
// line of Code has the byte length of the same line of the cell.
func TestCodeKeepsPositions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "train_v4.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	src := mustParse(t, data)
	code := strings.Split(string(src.Code), "\n")
	for _, c := range src.Cells {
		raw := strings.Split(strings.TrimSuffix(c.Raw, "\n"), "\n")
		if c.Raw == "" {
			raw = nil
		}
		if len(raw) != c.Lines {
			t.Fatalf("cell %d: %d raw lines, Lines = %d", c.Index, len(raw), c.Lines)
		}
		for i, r := range raw {
			if got := code[c.Start-1+i]; len(got) != len(r) {
				t.Errorf("cell %d line %d: %q became %q", c.Index, i+1, r, got)
			}
		}
	}
}
