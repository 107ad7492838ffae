package manifest

import (
	"context"
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// setupReader reads setup() keyword arguments from a setup.py syntax tree.
// Only literals are read: lists and tuples of strings, dicts of them, names
// bound at module level to such literals, and "+" between them. Nothing that
// needs evaluation (calls, comprehensions, f-strings with fields) is guessed at.
type setupReader struct {
	src   []byte
	names map[string]*sitter.Node
	c     *collector
	// expanded records the (group, name) pairs already followed. Following
	// each at most once ends cycles (A = B; B = A) and keeps a file such as
	// A = B + B + B; B = C + C + C; ... from costing exponential time.
	expanded map[string]bool
}

// follow returns the value bound to a name the first time it is asked for in
// a group, and nil after that or when the name is not bound.
func (s *setupReader) follow(name *sitter.Node, group string) *sitter.Node {
	key := group + "\x00" + name.Content(s.src)
	if s.expanded[key] {
		return nil
	}
	s.expanded[key] = true
	return s.names[name.Content(s.src)]
}

// parseSetupPy reads install_requires and extras_require from the setup()
// call of a setup.py. The file is parsed, never run. A file with syntax errors
// still yields what tree-sitter's error recovery could read, next to an error.
func parseSetupPy(file string, data []byte) ([]Dependency, error) {
	parser := sitter.NewParser()
	defer parser.Close()
	parser.SetLanguage(python.GetLanguage())
	tree, err := parser.ParseCtx(context.Background(), nil, data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", file, err)
	}
	defer tree.Close()
	root := tree.RootNode()

	s := &setupReader{
		src:      data,
		names:    moduleLiterals(root, data),
		c:        &collector{file: file, kind: KindSetupPy},
		expanded: map[string]bool{},
	}
	calls, firstError := walkSetupTree(root, data)
	for _, call := range calls {
		s.call(call)
	}
	if firstError > 0 {
		s.c.err = nil
		s.c.fail(firstError, fmt.Errorf("Python syntax error"))
	}
	return s.c.deps, s.c.err
}

// walkSetupTree finds every setup(...) or x.setup(...) call, wherever it is
// (often under `if __name__ == "__main__":`), and the line of the first syntax
// error, or 0. It walks with a cursor, not recursion, so a deeply nested file
// cannot exhaust the stack.
func walkSetupTree(root *sitter.Node, src []byte) (calls []*sitter.Node, firstError int) {
	cur := sitter.NewTreeCursor(root)
	defer cur.Close()
	for {
		n := cur.CurrentNode()
		if firstError == 0 && (n.IsError() || n.IsMissing()) {
			firstError = int(n.StartPoint().Row) + 1
		}
		if n.Type() == "call" && isSetupCallee(n.ChildByFieldName("function"), src) {
			calls = append(calls, n)
		}
		if cur.GoToFirstChild() {
			continue
		}
		for !cur.GoToNextSibling() {
			if !cur.GoToParent() {
				return calls, firstError
			}
		}
	}
}

func isSetupCallee(fn *sitter.Node, src []byte) bool {
	if fn == nil {
		return false
	}
	switch fn.Type() {
	case "identifier":
		return fn.Content(src) == "setup"
	case "attribute":
		attr := fn.ChildByFieldName("attribute")
		return attr != nil && attr.Content(src) == "setup"
	}
	return false
}

// moduleLiterals maps names bound at module level (NAME = ..., NAME: T = ...)
// to their value node; a later binding replaces an earlier one, as at run time.
func moduleLiterals(root *sitter.Node, src []byte) map[string]*sitter.Node {
	names := map[string]*sitter.Node{}
	for i := 0; i < int(root.NamedChildCount()); i++ {
		stmt := root.NamedChild(i)
		if stmt.Type() != "expression_statement" || stmt.NamedChildCount() == 0 {
			continue
		}
		assign := stmt.NamedChild(0)
		if assign.Type() != "assignment" {
			continue
		}
		left, right := assign.ChildByFieldName("left"), assign.ChildByFieldName("right")
		if left == nil || right == nil || left.Type() != "identifier" {
			continue
		}
		names[left.Content(src)] = right
	}
	return names
}

func (s *setupReader) call(call *sitter.Node) {
	args := call.ChildByFieldName("arguments")
	if args == nil || args.Type() != "argument_list" {
		return
	}
	for i := 0; i < int(args.NamedChildCount()); i++ {
		kw := args.NamedChild(i)
		if kw.Type() != "keyword_argument" {
			continue
		}
		name, value := kw.ChildByFieldName("name"), kw.ChildByFieldName("value")
		if name == nil || value == nil {
			continue
		}
		switch name.Content(s.src) {
		case "install_requires":
			s.requirements(value, "")
		case "extras_require":
			s.extras(value)
		}
	}
}

// requirements reads a list of requirement strings; setuptools also accepts
// one string with a requirement per line.
func (s *setupReader) requirements(n *sitter.Node, group string) {
	switch n.Type() {
	case "list", "tuple":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if item := n.NamedChild(i); item.Type() == "string" {
				s.requirementString(item, group)
			}
		}
	case "string":
		s.requirementString(n, group)
	case "parenthesized_expression":
		if n.NamedChildCount() == 1 {
			s.requirements(n.NamedChild(0), group)
		}
	case "binary_operator":
		if op := n.ChildByFieldName("operator"); op != nil && op.Type() == "+" {
			if l := n.ChildByFieldName("left"); l != nil {
				s.requirements(l, group)
			}
			if r := n.ChildByFieldName("right"); r != nil {
				s.requirements(r, group)
			}
		}
	case "identifier":
		if v := s.follow(n, group); v != nil {
			s.requirements(v, group)
		}
	}
}

// extras reads extras_require: a dict literal, dict(name=[...]) or a name
// bound to either.
func (s *setupReader) extras(n *sitter.Node) {
	switch n.Type() {
	case "dictionary":
		for i := 0; i < int(n.NamedChildCount()); i++ {
			pair := n.NamedChild(i)
			if pair.Type() != "pair" {
				continue
			}
			key, value := pair.ChildByFieldName("key"), pair.ChildByFieldName("value")
			if key == nil || value == nil || key.Type() != "string" {
				continue
			}
			group, ok := stringLiteral(key, s.src)
			if !ok {
				continue
			}
			s.requirements(value, group)
		}
	case "call":
		fn, args := n.ChildByFieldName("function"), n.ChildByFieldName("arguments")
		if fn == nil || args == nil || fn.Content(s.src) != "dict" || args.Type() != "argument_list" {
			return
		}
		for i := 0; i < int(args.NamedChildCount()); i++ {
			kw := args.NamedChild(i)
			if kw.Type() != "keyword_argument" {
				continue
			}
			if name, value := kw.ChildByFieldName("name"), kw.ChildByFieldName("value"); name != nil && value != nil {
				s.requirements(value, name.Content(s.src))
			}
		}
	case "identifier":
		// Extras dicts are keyed by a group of their own; "\x01" keeps
		// them apart from a requirements list bound to the same name.
		if v := s.follow(n, "\x01"); v != nil {
			s.extras(v)
		}
	}
}

// requirementString reads one string literal; a multi-line string holds one
// requirement per line, each reported at its own line.
func (s *setupReader) requirementString(n *sitter.Node, group string) {
	text, ok := stringLiteral(n, s.src)
	if !ok {
		return
	}
	first := int(n.StartPoint().Row) + 1
	for i, line := range strings.Split(text, "\n") {
		if c := commentStart(line); c >= 0 {
			line = line[:c]
		}
		if line = strings.TrimSpace(line); line != "" {
			s.c.pep508(first+i, group, line)
		}
	}
}

// stringLiteral returns the text of a plain string literal. f-strings with
// fields are refused: their value is only known at run time.
func stringLiteral(n *sitter.Node, src []byte) (string, bool) {
	var start, end *sitter.Node
	for i := 0; i < int(n.ChildCount()); i++ {
		child := n.Child(i)
		switch child.Type() {
		case "string_start":
			start = child
		case "string_end":
			end = child
		case "interpolation":
			return "", false
		}
	}
	if start == nil || end == nil || end.StartByte() < start.EndByte() {
		return "", false
	}
	return string(src[start.EndByte():end.StartByte()]), true
}
