package python

import (
	"sort"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// fileState carries one file's alias table while its references are resolved.
type fileState struct {
	src []byte
	// aliases holds each name's bindings in source order; a reference uses the last
	// binding before it, so `tf = tf.compat.v1` resolves its right side with the
	// import and everything after with the new binding.
	aliases map[string][]binding
	res     *Result
	// seen maps a root identifier's start byte to its index in res.Refs, so that a
	// name reached by two query patterns yields one reference with the stronger kind.
	seen map[uint32]int
	// c holds what encloses each captured node, in place of Node.Parent.
	c *captured
}

type binding struct {
	at     uint32
	target string
	// assigned is true for `name = imported.chain` bindings, as opposed to imports.
	assigned bool
}

// lookup returns what name stands for at byte offset at: the last binding before
// it, or the first binding when none precedes (a function body that runs after a
// module-level import written below it).
func (f *fileState) lookup(name string, at uint32) (string, bool) {
	b, ok := f.binding(name, at)
	return b.target, ok
}

func (f *fileState) binding(name string, at uint32) (binding, bool) {
	bs := f.aliases[name]
	if len(bs) == 0 {
		return binding{}, false
	}
	cur := bs[0]
	for _, b := range bs[1:] {
		if b.at > at {
			break
		}
		cur = b
	}
	return cur, true
}

// kindRank orders kinds by how much they say: a decorator is also a call.
var kindRank = map[catalog.Kind]int{
	catalog.KindAttribute: 1,
	catalog.KindCall:      2,
	catalog.KindBase:      3,
	catalog.KindDecorator: 4,
}

func (f *fileState) text(n *sitter.Node) string {
	return string(f.bytes(n))
}

// bytes is n's source, not copied.
func (f *fileState) bytes(n *sitter.Node) []byte {
	return f.src[n.StartByte():n.EndByte()]
}

// position returns the 1-based line and code-point column of a byte offset whose
// tree-sitter point is p.
func (f *fileState) position(n *sitter.Node) (int, int) {
	p := n.StartPoint()
	start := int(n.StartByte())
	lineStart := start - int(p.Column)
	if lineStart < 0 {
		lineStart = 0
	}
	col := int(p.Column)
	for _, b := range f.src[lineStart:start] {
		if b >= utf8.RuneSelf {
			col = utf8.RuneCount(f.src[lineStart:start])
			break
		}
	}
	return int(p.Row) + 1, col + 1
}

// bindImports records every import statement, in source order, and binds its local
// names. When imports bind a name twice, the first wins: in `try: import
// tensorflow.compat.v1 as tf / except ImportError: import tensorflow as tf` the try
// branch is the intent.
func (f *fileState) bindImports(imports, froms []*sitter.Node) {
	all := make([]*sitter.Node, 0, len(imports)+len(froms))
	all = append(all, imports...)
	all = append(all, froms...)
	sort.Slice(all, func(i, j int) bool { return all[i].StartByte() < all[j].StartByte() })
	for _, n := range all {
		if n.Type() == "import_statement" {
			f.bindImport(n)
		} else {
			f.bindFrom(n)
		}
	}
}

func (f *fileState) bindImport(n *sitter.Node) {
	{
		count := int(n.NamedChildCount())
		for i := 0; i < count; i++ {
			child := n.NamedChild(i)
			switch child.Type() {
			case "dotted_name":
				module := dotted(f, child)
				root, _, _ := strings.Cut(module, ".")
				f.addImport(Import{Module: module, Alias: root, Symbol: module}, child, root, root)
			case "aliased_import":
				name := child.ChildByFieldName("name")
				alias := child.ChildByFieldName("alias")
				if name == nil || alias == nil {
					continue
				}
				module := dotted(f, name)
				local := f.text(alias)
				f.addImport(Import{Module: module, Alias: local, Symbol: module}, name, local, module)
			}
		}
	}
}

func (f *fileState) bindFrom(n *sitter.Node) {
	{
		moduleNode := n.ChildByFieldName("module_name")
		if moduleNode == nil || moduleNode.Type() != "dotted_name" {
			// relative imports (from . import x, from ..a import b) name local code
			return
		}
		module := dotted(f, moduleNode)
		count := int(n.NamedChildCount())
		for i := 0; i < count; i++ {
			child := n.NamedChild(i)
			if child.Equal(moduleNode) {
				continue
			}
			switch child.Type() {
			case "wildcard_import":
				f.addImport(Import{Module: module, Symbol: module + ".*", Star: true}, child, "", "")
			case "dotted_name":
				name := dotted(f, child)
				f.addImport(Import{Module: module, Name: name, Alias: name, Symbol: module + "." + name}, child, name, module+"."+name)
			case "aliased_import":
				nameNode := child.ChildByFieldName("name")
				alias := child.ChildByFieldName("alias")
				if nameNode == nil || alias == nil {
					continue
				}
				name := dotted(f, nameNode)
				local := f.text(alias)
				f.addImport(Import{Module: module, Name: name, Alias: local, Symbol: module + "." + name}, nameNode, local, module+"."+name)
			}
		}
	}
}

func (f *fileState) addImport(imp Import, at *sitter.Node, local, target string) {
	// Error recovery can leave an import without a name (`import,`); there is
	// nothing to bind then.
	if imp.Module == "" || strings.HasPrefix(imp.Symbol, ".") || strings.Contains(imp.Symbol, "..") {
		return
	}
	imp.Line, imp.Column = f.position(at)
	f.res.Imports = append(f.res.Imports, imp)
	sym := imp.Symbol
	if imp.Star {
		sym = imp.Module
	}
	f.res.Refs = append(f.res.Refs, Reference{Symbol: sym, Kind: catalog.KindImport, Line: imp.Line, Column: imp.Column, Offset: int(at.StartByte())})
	if local == "" {
		return
	}
	if _, bound := f.aliases[local]; !bound {
		f.aliases[local] = []binding{{at: at.StartByte(), target: target}}
	}
}

// dotted joins the identifiers of a dotted_name, ignoring whitespace and comments
// that may sit between them inside parentheses.
func dotted(f *fileState, n *sitter.Node) string {
	count := int(n.NamedChildCount())
	if count <= 1 {
		return f.text(n)
	}
	parts := make([]string, 0, count)
	for i := 0; i < count; i++ {
		c := n.NamedChild(i)
		if c.Type() == "identifier" {
			parts = append(parts, f.text(c))
		}
	}
	return strings.Join(parts, ".")
}

// bindAssignments follows `tf = tf.compat.v1` and `layers = tf.keras.layers`: a name
// assigned an imported chain becomes an alias of it. Unlike imports, an assignment
// rebinds a name that is already bound.
func (f *fileState) bindAssignments(lhs, rhs []*sitter.Node) {
	for i := range lhs {
		if i >= len(rhs) {
			break
		}
		sym, ok := f.resolveExpr(rhs[i])
		if !ok {
			continue
		}
		name := f.text(lhs[i])
		f.aliases[name] = append(f.aliases[name], binding{at: rhs[i].EndByte(), target: sym, assigned: true})
	}
}

// resolveExpr resolves an identifier or attribute chain whose root is bound.
func (f *fileState) resolveExpr(n *sitter.Node) (string, bool) {
	switch n.Type() {
	case "identifier":
		return f.lookup(f.text(n), n.StartByte())
	case "attribute":
		obj := n.ChildByFieldName("object")
		attr := n.ChildByFieldName("attribute")
		if obj == nil || attr == nil {
			return "", false
		}
		base, ok := f.resolveExpr(obj)
		if !ok {
			return "", false
		}
		return base + "." + f.text(attr), true
	}
	return "", false
}

// reference resolves the chain rooted at identifier n, if n is a bound name. attr
// is the attribute n is the object of, nil when n is not one.
func (f *fileState) reference(n, attr *sitter.Node) {
	b, ok := f.binding(f.text(n), n.StartByte())
	if !ok {
		return
	}
	var sb strings.Builder
	sb.WriteString(b.target)
	top := n
	if attr != nil {
		if name := attr.ChildByFieldName("attribute"); name != nil {
			sb.WriteByte('.')
			sb.Write(f.bytes(name))
			top = attr
		}
	}
	f.chain(n, top, &sb, b.assigned, true)
}

// chain climbs from top while it is the object of an enclosing attribute (tf ->
// tf.keras -> tf.keras.layers), appending each name to sb, then records the
// reference rooted at root with the kind of use of the outermost node. dynamic
// says whether a call of importlib.import_module may be read as an import.
func (f *fileState) chain(root, top *sitter.Node, sb *strings.Builder, assigned, dynamic bool) {
	for {
		l, ok := f.c.links[top.ID()]
		if !ok {
			break
		}
		sb.WriteByte('.')
		sb.Write(f.bytes(l.name))
		top = l.attr
	}
	kind := f.classify(top)
	// Reading an attribute through an assigned name (FLAGS = tf.app.flags.FLAGS;
	// FLAGS.batch_size) repeats a use already counted at the assignment; calls,
	// decorators and bases through it are uses of their own.
	if assigned && kind == catalog.KindAttribute {
		return
	}
	symbol := sb.String()
	added := f.add(root, symbol, kind)
	if kind == catalog.KindCall || kind == catalog.KindDecorator {
		f.addArgs(root, top)
	}
	if added && dynamic && kind == catalog.KindCall && symbol == "importlib.import_module" {
		f.dynamicImport(f.c.calls[top.ID()])
	}
}

// errorReference recovers a chain that error recovery broke. After a statement
// missing its colon (`for step in range(3)`), tree-sitter can read the next line
// `tf.logging.info(...)` as an attribute of the previous expression with `tf` left
// in an ERROR node between the object and the attribute name. The last identifier
// of that ERROR node is then the chain's true root, and the attribute's name its
// first link.
func (f *fileState) errorReference(n *sitter.Node) {
	errNode := n.Parent()
	if errNode == nil || errNode.Type() != "ERROR" {
		return
	}
	if last := errNode.NamedChild(int(errNode.NamedChildCount()) - 1); last == nil || !last.Equal(n) {
		return
	}
	attrNode := errNode.Parent()
	if attrNode == nil || attrNode.Type() != "attribute" {
		return
	}
	attr := attrNode.ChildByFieldName("attribute")
	if attr == nil || attr.StartByte() < n.EndByte() {
		return
	}
	b, ok := f.binding(f.text(n), n.StartByte())
	if !ok {
		return
	}
	var sb strings.Builder
	sb.WriteString(b.target)
	sb.WriteByte('.')
	sb.WriteString(f.text(attr))
	// The root sits in an ERROR node, not in the call's function: not an import.
	f.chain(n, attrNode, &sb, b.assigned, false)
}

// calleeReference handles a call of a bare name: an imported name, or a dynamic import.
func (f *fileState) calleeReference(n *sitter.Node) {
	if string(f.bytes(n)) == "__import__" {
		f.dynamicImport(f.c.calls[n.ID()])
		return
	}
	f.reference(n, nil)
}

// add records a reference at root, or raises the kind of the one already there;
// it reports whether the reference is new.
func (f *fileState) add(root *sitter.Node, symbol string, kind catalog.Kind) bool {
	start := root.StartByte()
	if i, ok := f.seen[start]; ok {
		if kindRank[kind] > kindRank[f.res.Refs[i].Kind] {
			f.res.Refs[i].Kind = kind
		}
		return false
	}
	line, col := f.position(root)
	f.seen[start] = len(f.res.Refs)
	f.res.Refs = append(f.res.Refs, Reference{Symbol: symbol, Kind: kind, Line: line, Column: col, Offset: int(start)})
	return true
}

// addArgs records the arguments of the call whose function is top, on the
// reference rooted at root: keyword arguments catch API changes that keep the
// name (tf.reduce_sum(keep_dims=True), from_pretrained(from_tf=True)).
func (f *fileState) addArgs(root, top *sitter.Node) {
	call := f.c.calls[top.ID()]
	if call == nil {
		return
	}
	args := call.ChildByFieldName("arguments")
	if args == nil || args.Type() != "argument_list" {
		return
	}
	i, ok := f.seen[root.StartByte()]
	if !ok {
		return
	}
	count := int(args.NamedChildCount())
	var out []Arg
	for j := 0; j < count; j++ {
		a := args.NamedChild(j)
		switch a.Type() {
		case "keyword_argument":
			name := a.ChildByFieldName("name")
			value := a.ChildByFieldName("value")
			if name == nil {
				continue
			}
			out = append(out, Arg{Name: f.text(name), Value: f.literal(value)})
		case "comment":
		default:
			if j == 0 {
				out = append(out, Arg{Value: f.literal(a)})
			}
		}
	}
	f.res.Refs[i].Args = out
}

// literal returns a literal's value: a plain string's content, or the source
// text of a number, True, False or None; "" for anything else.
func (f *fileState) literal(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	switch n.Type() {
	case "string":
		return stringValue(f, n)
	case "true", "false", "none", "integer", "float":
		return f.text(n)
	}
	return ""
}

// classify says how the outermost node of a chain is used: as a decorator (@x,
// @x(...)), a call, a class base, or else an attribute read.
func (f *fileState) classify(top *sitter.Node) catalog.Kind {
	id := top.ID()
	if k, ok := f.c.uses[id]; ok {
		return k
	}
	// @partial(jax.jit, static_argnums=0) decorates with jax.jit.
	if p, ok := f.c.partials[id]; ok {
		if first := p.args.NamedChild(0); first != nil && first.Equal(top) {
			if sym, ok := f.resolveExpr(p.fn); ok && sym == "functools.partial" {
				return catalog.KindDecorator
			}
		}
	}
	return catalog.KindAttribute
}

// dynamicImport records __import__("x") and importlib.import_module("x"), given
// the call, when the module is a plain string literal.
func (f *fileState) dynamicImport(call *sitter.Node) {
	if call == nil {
		return
	}
	args := call.ChildByFieldName("arguments")
	if args == nil || args.NamedChildCount() == 0 {
		return
	}
	first := args.NamedChild(0)
	if first.Type() != "string" {
		return
	}
	module := stringValue(f, first)
	if module == "" || strings.HasPrefix(module, ".") || !isDotted(module) {
		return
	}
	line, col := f.position(first)
	f.res.Imports = append(f.res.Imports, Import{Module: module, Symbol: module, Line: line, Column: col, Dynamic: true})
	f.res.Refs = append(f.res.Refs, Reference{Symbol: module, Kind: catalog.KindImport, Line: line, Column: col, Offset: int(first.StartByte())})
}

func stringValue(f *fileState, s *sitter.Node) string {
	count := int(s.NamedChildCount())
	for i := 0; i < count; i++ {
		c := s.NamedChild(i)
		switch c.Type() {
		case "string_content":
			return f.text(c)
		case "interpolation":
			return ""
		}
	}
	return ""
}

func isDotted(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

// class records a class definition and the resolved form of each base.
func (f *fileState) class(n *sitter.Node) {
	nameNode := n.ChildByFieldName("name")
	if nameNode == nil {
		return
	}
	cls := Class{Name: f.text(nameNode), Offset: int(nameNode.StartByte())}
	cls.Line, cls.Column = f.position(nameNode)
	if supers := n.ChildByFieldName("superclasses"); supers != nil {
		count := int(supers.NamedChildCount())
		for i := 0; i < count; i++ {
			b := supers.NamedChild(i)
			switch b.Type() {
			case "identifier", "attribute":
				if sym, ok := f.resolveExpr(b); ok {
					cls.Bases = append(cls.Bases, sym)
					if b.Type() == "identifier" {
						f.add(b, sym, catalog.KindBase)
					}
				} else {
					cls.Bases = append(cls.Bases, f.text(b))
				}
			}
		}
	}
	f.res.Classes = append(f.res.Classes, cls)
}

// method records x.name(...) for watched method names whose receiver is not an
// imported name (those are resolved references already).
func (f *fileState) method(m methodCall, watched map[string]bool) {
	n := m.name
	if !watched[string(f.bytes(n))] {
		return
	}
	name := f.text(n)
	if obj := m.attr.ChildByFieldName("object"); obj != nil {
		if _, bound := f.resolveExpr(obj); bound {
			return
		}
	}
	line, col := f.position(n)
	f.res.Refs = append(f.res.Refs, Reference{Symbol: name, Kind: catalog.KindMethod, Line: line, Column: col, Offset: int(n.StartByte())})
}
