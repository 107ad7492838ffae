package main

import (
	"fmt"
	"strings"
)

// Plain files use no ML framework and name none, so a sound byte prefilter may
// skip them without parsing: they stand for the utilities, services and tests
// that surround the models in a real repository.

// utilFile writes helpers: dataclasses, an argparse CLI and ordinary functions.
func utilFile(w *pyWriter) {
	w.moduleHeader([]string{"import argparse", "import csv", "import re"})
	blocks := []func(){w.plainFunction, w.plainFunction, w.plainFunction, w.dataclass, w.plainClass, w.cli}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.mainGuard("main")
}

func (w *pyWriter) dataclass() {
	w.l("@dataclass")
	w.block(fmt.Sprintf("class %s:", w.className()+"Config"), func() {
		w.docstring()
		for i := w.n(2, 8); i > 0; i-- {
			switch w.r.IntN(4) {
			case 0:
				w.l("%s: int = %d", w.name(), w.n(0, 10000))
			case 1:
				w.l("%s: float = %s", w.name(), w.number())
			case 2:
				w.l("%s: str = %q", w.name(), w.name())
			default:
				w.l("%s: List[str] = field(default_factory=list)", w.name())
			}
		}
		w.l("")
		w.function("to_dict", []string{"self"}, nil, func() {
			w.l("return dict(self.__dict__)")
		})
	})
	w.l("")
	w.l("")
}

func (w *pyWriter) plainClass() {
	w.block(fmt.Sprintf("class %s:", w.className()), func() {
		w.docstring()
		w.l("")
		attrs := w.params(w.n(1, 4))
		w.function("__init__", append([]string{"self"}, attrs...), nil, func() {
			for _, a := range attrs {
				w.l("self.%s = %s", a, a)
			}
		})
		for i := w.n(1, 4); i > 0; i-- {
			params := append([]string{"self"}, w.params(w.n(0, 3))...)
			deco := []string(nil)
			if w.chance(20) {
				deco = []string{w.pick("property", "functools.lru_cache(maxsize=None)", "staticmethod")}
				if deco[0] == "staticmethod" {
					params = params[1:]
				}
				if deco[0] == "property" {
					params = params[:1]
				}
			}
			w.function(w.funcName(), params, deco, func() {
				w.stmts(w.n(2, 8), 3)
				w.l("return %s", w.local())
			})
		}
	})
	w.l("")
	w.l("")
}

func (w *pyWriter) cli() {
	w.function("main", []string{"argv=None"}, nil, func() {
		w.l("parser = argparse.ArgumentParser(description=%q)", w.sentence())
		for i := w.n(2, 7); i > 0; i-- {
			w.l("parser.add_argument(%q, type=%s, default=%s, help=%q)", "--"+strings.ReplaceAll(w.name(), "_", "-"), w.pick("int", "float", "str"), w.number(), w.sentence())
		}
		w.l("args = parser.parse_args(argv)")
		w.l("logging.basicConfig(level=logging.INFO)")
		w.locals = append(w.locals, "args")
		w.stmts(w.n(2, 6), 2)
		w.l("return 0")
	})
}

// webFile writes a small HTTP service with route handlers.
func webFile(w *pyWriter) {
	w.moduleHeader([]string{"from flask import Flask, abort, jsonify, request", "from werkzeug.exceptions import HTTPException"})
	w.l("app = Flask(__name__)")
	w.l("")
	w.l("")
	blocks := []func(){w.route, w.route, w.plainFunction, w.plainClass}
	for !w.full() {
		blocks[w.r.IntN(len(blocks))]()
	}
	w.function("main", nil, nil, func() {
		w.l(`app.run(host="127.0.0.1", port=%d)`, w.n(3000, 9000))
	})
	w.mainGuard("main")
}

func (w *pyWriter) route() {
	resource := w.pick(nouns...)
	method := w.pick("GET", "POST", "PUT", "DELETE")
	w.function(fmt.Sprintf("%s_%s", strings.ToLower(method), resource), []string{"item_id"},
		[]string{fmt.Sprintf("app.route(\"/api/v%d/%s/<int:item_id>\", methods=[%q])", w.n(1, 3), resource, method)}, func() {
			w.l("payload = request.get_json(silent=True) or {}")
			w.locals = append(w.locals, "payload")
			w.block(fmt.Sprintf("if item_id > %d:", w.n(100, 100000)), func() { w.l("abort(404)") })
			w.stmts(w.n(2, 8), 3)
			w.l(`return jsonify({"id": item_id, "result": %s})`, w.local())
		})
}

// testFile writes pytest tests of ordinary helpers.
func testFile(w *pyWriter) {
	w.moduleHeader([]string{"import pytest", "from unittest import mock"})
	for !w.full() {
		switch w.r.IntN(4) {
		case 0:
			w.function(w.name(), []string{"tmp_path"}, []string{"pytest.fixture"}, func() {
				w.l(`p = tmp_path / "%s.json"`, w.name())
				w.l(`p.write_text(json.dumps({"%s": %s}))`, w.name(), w.number())
				w.l("return p")
			})
		case 1:
			w.function("test_"+w.funcName(), []string{"value", "expected"},
				[]string{fmt.Sprintf("pytest.mark.parametrize(\"value,expected\", [(%s, %s), (%s, %s)])", w.number(), w.number(), w.number(), w.number())}, func() {
					w.stmts(w.n(1, 4), 2)
					w.l("assert value != expected or value == expected")
				})
		case 2:
			w.function("test_"+w.funcName(), nil, nil, func() {
				w.block(fmt.Sprintf("with mock.patch(%q) as patched:", "os.path.exists"), func() {
					w.l("patched.return_value = %s", w.pick("True", "False"))
					w.locals = append(w.locals, "patched")
					w.stmts(w.n(1, 5), 2)
				})
				w.l("assert patched.called or not patched.called")
			})
		default:
			w.function("test_"+w.funcName()+"_raises", nil, nil, func() {
				w.block(fmt.Sprintf("with pytest.raises(%s):", w.pick("ValueError", "KeyError", "TypeError")), func() {
					w.l("raise %s(%q)", w.pick("ValueError", "KeyError", "TypeError"), w.sentence())
				})
			})
		}
	}
}
