// Package python analyses Python source with tree-sitter. It knows syntax, not
// frameworks: it yields the imports, a per-file alias table, and every attribute
// chain, call, decorator and class base whose root is an imported name, resolved to
// its full dotted symbol.
package python

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"

	"github.com/frameshift/frameshift/scanner/catalog"
)

// Import is one imported name.
type Import struct {
	// Module is the module named by the statement (a.b in `from a.b import c`).
	Module string
	// Name is the imported name in a from-import (c), empty for `import a.b`.
	Name string
	// Alias is the local name bound, or "" when none is bound (star imports).
	Alias string
	// Symbol is the full dotted name imported: a.b.c, or a.b.* for a star import.
	Symbol string
	Line   int
	Column int
	Star   bool
	// Dynamic is true for __import__("x") and importlib.import_module("x").
	Dynamic bool
}

// Reference is one use of an imported name, resolved.
type Reference struct {
	Symbol string
	Kind   catalog.Kind
	// Line and Column are 1-based; Column counts code points.
	Line   int
	Column int
	// Offset is the byte offset of the reference's first character.
	Offset int
	// Args are the call's keyword arguments, and its first positional argument
	// (Name ""), for calls and decorator calls.
	Args []Arg
}

// Arg is one argument of a call. Value is the literal's content for strings
// (without quotes) and its source text for other literals (True, 3, None); it is
// empty when the argument is not a literal.
type Arg struct {
	Name  string
	Value string
}

// Class is a class definition with its bases, resolved where the root is imported
// and left as written otherwise (a local base class).
type Class struct {
	Name   string
	Bases  []string
	Line   int
	Column int
	// Offset is the byte offset of the class name.
	Offset int
}

// Result is what the analyzer learned about one file.
type Result struct {
	Imports []Import
	// Refs holds every reference, imports included (kind import), in source order.
	Refs    []Reference
	Classes []Class
	// Aliases maps each bound local name to the dotted symbol it stands for.
	Aliases map[string]string
	// ErrorNodes counts ERROR and MISSING nodes.
	ErrorNodes int
}

// ErrTimeout means the parse took longer than the analyzer allows.
var ErrTimeout = errors.New("parse took too long")

// The query captures the few node shapes the analyzer needs; everything else is
// decided in Go on the captured nodes, which are far fewer than the tree's nodes.
//
// It also captures, for each identifier or attribute, what encloses it: the
// attribute it is the object of (link), the call it is the function of, the
// decorator or class bases it sits in. Resolution climbs chains and classifies
// uses by looking those up, never with Node.Parent: tree-sitter 0.22 finds a
// parent by descending from the root, which cost 11% of a cold scan.
const querySource = `
(import_statement) @import
(import_from_statement) @from
(attribute object: (identifier) @root) @rootattr
(call function: (identifier) @callee)
(decorator (identifier) @decorated)
(decorator (call arguments: (argument_list . (identifier) @partialarg)))
(class_definition) @class
(assignment left: (identifier) @lhs right: [(identifier) (attribute)] @rhs)
(call function: (attribute attribute: (identifier) @method) @methodattr)
(ERROR (identifier) @errroot)
(attribute object: (attribute) @linkobj attribute: (_) @linkname) @link
(call function: [(identifier) (attribute)] @callfn) @call
(decorator [(identifier) (attribute)] @decofn)
(decorator (call function: [(identifier) (attribute)] @decofn))
(class_definition (argument_list [(identifier) (attribute)] @base))
(decorator (call function: (_) @partialfn arguments: (argument_list [(identifier) (attribute)] @partialcand) @partialargs))
`

var (
	queryOnce sync.Once
	query     *sitter.Query
	queryErr  error
	captureOf []string
)

func compiledQuery() (*sitter.Query, error) {
	queryOnce.Do(func() {
		query, queryErr = sitter.NewQuery([]byte(querySource), python.GetLanguage())
		if queryErr != nil {
			return
		}
		captureOf = make([]string, query.CaptureCount())
		for i := range captureOf {
			captureOf[i] = query.CaptureNameForId(uint32(i))
		}
	})
	return query, queryErr
}

// Options tune an Analyzer.
type Options struct {
	// Methods are method names to report on receivers that are not imported names.
	Methods []string
	// TimeoutMicros bounds one parse; 0 means no bound.
	TimeoutMicros int
}

// Analyzer parses and analyses files. It holds a parser and a query cursor, so it is
// not safe for concurrent use: give each worker its own.
type Analyzer struct {
	parser  *sitter.Parser
	cursor  *sitter.QueryCursor
	query   *sitter.Query
	methods map[string]bool
	// c is reused from file to file, so its maps are allocated once.
	c captured
}

// New returns an Analyzer. Call Close when done: the parser lives in C memory.
func New(opts Options) (*Analyzer, error) {
	q, err := compiledQuery()
	if err != nil {
		return nil, fmt.Errorf("compile python query: %w", err)
	}
	p := sitter.NewParser()
	p.SetLanguage(python.GetLanguage())
	if opts.TimeoutMicros > 0 {
		p.SetOperationLimit(opts.TimeoutMicros)
	}
	methods := make(map[string]bool, len(opts.Methods))
	for _, m := range opts.Methods {
		methods[m] = true
	}
	return &Analyzer{parser: p, cursor: sitter.NewQueryCursor(), query: q, methods: methods}, nil
}

// Close frees the parser and cursor.
func (a *Analyzer) Close() {
	a.cursor.Close()
	a.parser.Close()
}

// captured holds the nodes of one capture kind, in document order, and the
// context of each identifier or attribute that resolution asks about, keyed by
// node identity (Node.ID).
type captured struct {
	imports, froms, classes []*sitter.Node
	roots                   []rootRef
	callees, decorated      []*sitter.Node
	partialArgs             []*sitter.Node
	methods                 []methodCall
	assignLHS, assignRHS    []*sitter.Node
	errRoots                []*sitter.Node

	// links maps an attribute to the attribute it is the object of
	// (tf.keras -> tf.keras.layers); a root's own attribute is in rootRef.
	links map[uintptr]link
	// calls maps a call's function to the call.
	calls map[uintptr]*sitter.Node
	// uses maps a node to how its parent uses it: decorator, call or class base.
	uses map[uintptr]catalog.Kind
	// partials maps an argument of a decorator's call to that call, for
	// @partial(jax.jit, ...), which decorates with its first argument.
	partials map[uintptr]partialCall
}

// link is an attribute and its name, seen from the attribute's object.
type link struct {
	attr, name *sitter.Node
}

// rootRef is an identifier that is the object of an attribute: tf in tf.keras.
type rootRef struct {
	ident, attr *sitter.Node
}

type partialCall struct {
	fn, args *sitter.Node
}

// methodCall is x.name(...): the name and the attribute node x.name.
type methodCall struct {
	name, attr *sitter.Node
}

func (c *captured) reset() {
	*c = captured{links: c.links, calls: c.calls, uses: c.uses, partials: c.partials}
	if c.links == nil {
		c.links = map[uintptr]link{}
		c.calls = map[uintptr]*sitter.Node{}
		c.uses = map[uintptr]catalog.Kind{}
		c.partials = map[uintptr]partialCall{}
	}
}

// release forgets the nodes of a closed tree, keeping the maps' room for the next file.
func (c *captured) release() {
	clear(c.links)
	clear(c.calls)
	clear(c.uses)
	clear(c.partials)
	*c = captured{links: c.links, calls: c.calls, uses: c.uses, partials: c.partials}
}

// use records how n is used, keeping the kind that says most (a decorator's call
// is also a call).
func (c *captured) use(n *sitter.Node, k catalog.Kind) {
	id := n.ID()
	if old, ok := c.uses[id]; !ok || kindRank[k] > kindRank[old] {
		c.uses[id] = k
	}
}

// Analyze parses src and resolves its framework references.
func (a *Analyzer) Analyze(src []byte) (*Result, error) {
	tree, err := a.parser.ParseCtx(context.Background(), nil, src)
	if err != nil {
		if errors.Is(err, sitter.ErrOperationLimit) {
			return nil, ErrTimeout
		}
		return nil, err
	}
	defer tree.Close()
	root := tree.RootNode()

	c := &a.c
	c.reset()
	defer c.release()
	a.cursor.Exec(a.query, root)
	for {
		m, ok := a.cursor.NextMatch()
		if !ok {
			break
		}
		// One match's nodes, for the patterns that relate two or three of them.
		var rootIdent, rootAttr, linkObj, linkName, linkAttr, callFn, callNode, methodName, methodAttr, pFn, pArgs, pCand *sitter.Node
		for _, cap := range m.Captures {
			n := cap.Node
			switch captureOf[cap.Index] {
			case "linkobj":
				linkObj = n
			case "linkname":
				linkName = n
			case "link":
				linkAttr = n
			case "callfn":
				callFn = n
			case "call":
				callNode = n
			case "decofn":
				c.use(n, catalog.KindDecorator)
			case "base":
				c.use(n, catalog.KindBase)
			case "partialfn":
				pFn = n
			case "partialargs":
				pArgs = n
			case "partialcand":
				pCand = n
			case "methodattr":
				methodAttr = n
			case "root":
				rootIdent = n
			case "rootattr":
				rootAttr = n
			case "import":
				c.imports = append(c.imports, n)
			case "from":
				c.froms = append(c.froms, n)
			case "callee":
				c.callees = append(c.callees, n)
			case "decorated":
				c.decorated = append(c.decorated, n)
			case "partialarg":
				c.partialArgs = append(c.partialArgs, n)
			case "class":
				c.classes = append(c.classes, n)
			case "lhs":
				c.assignLHS = append(c.assignLHS, n)
			case "rhs":
				c.assignRHS = append(c.assignRHS, n)
			case "method":
				methodName = n
			case "errroot":
				c.errRoots = append(c.errRoots, n)
			}
		}
		switch {
		case rootIdent != nil && rootAttr != nil:
			c.roots = append(c.roots, rootRef{ident: rootIdent, attr: rootAttr})
		case linkObj != nil && linkName != nil && linkAttr != nil:
			c.links[linkObj.ID()] = link{attr: linkAttr, name: linkName}
		case callFn != nil && callNode != nil:
			c.calls[callFn.ID()] = callNode
			c.use(callFn, catalog.KindCall)
		case methodName != nil && methodAttr != nil:
			c.methods = append(c.methods, methodCall{name: methodName, attr: methodAttr})
		case pFn != nil && pArgs != nil && pCand != nil:
			c.partials[pCand.ID()] = partialCall{fn: pFn, args: pArgs}
		}
	}

	res := &Result{}
	f := &fileState{src: src, aliases: map[string][]binding{}, seen: map[uint32]int{}, res: res, c: c}
	f.bindImports(c.imports, c.froms)
	f.bindAssignments(c.assignLHS, c.assignRHS)
	res.Aliases = make(map[string]string, len(f.aliases))
	for name, bs := range f.aliases {
		res.Aliases[name] = bs[len(bs)-1].target
	}

	for _, r := range c.roots {
		f.reference(r.ident, r.attr)
	}
	for _, n := range c.callees {
		f.calleeReference(n)
	}
	for _, n := range c.decorated {
		f.reference(n, nil)
	}
	for _, n := range c.partialArgs {
		f.reference(n, nil)
	}
	for _, n := range c.errRoots {
		f.errorReference(n)
	}
	for _, n := range c.classes {
		f.class(n)
	}
	if len(a.methods) > 0 {
		for _, m := range c.methods {
			f.method(m, a.methods)
		}
	}

	if root.HasError() {
		res.ErrorNodes = countErrors(root)
	}
	sort.SliceStable(res.Refs, func(i, j int) bool { return res.Refs[i].Offset < res.Refs[j].Offset })
	return res, nil
}

// countErrors walks the tree once, only for files that have errors at all.
func countErrors(root *sitter.Node) int {
	cur := sitter.NewTreeCursor(root)
	defer cur.Close()
	count := 0
	for {
		n := cur.CurrentNode()
		if n.IsError() || n.IsMissing() {
			count++
		}
		if n.HasError() && cur.GoToFirstChild() {
			continue
		}
		for !cur.GoToNextSibling() {
			if !cur.GoToParent() {
				return count
			}
		}
	}
}
