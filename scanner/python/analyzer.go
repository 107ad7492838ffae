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
const querySource = `
(import_statement) @import
(import_from_statement) @from
(attribute object: (identifier) @root)
(call function: (identifier) @callee)
(decorator (identifier) @decorated)
(decorator (call arguments: (argument_list . (identifier) @partialarg)))
(class_definition) @class
(assignment left: (identifier) @lhs right: [(identifier) (attribute)] @rhs)
(call function: (attribute attribute: (identifier) @method))
(ERROR (identifier) @errroot)
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

// captured holds the nodes of one capture kind, in document order.
type captured struct {
	imports, froms, classes   []*sitter.Node
	roots, callees, decorated []*sitter.Node
	partialArgs, methods      []*sitter.Node
	assignLHS, assignRHS      []*sitter.Node
	errRoots                  []*sitter.Node
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

	var c captured
	a.cursor.Exec(a.query, root)
	for {
		m, ok := a.cursor.NextMatch()
		if !ok {
			break
		}
		for _, cap := range m.Captures {
			n := cap.Node
			switch captureOf[cap.Index] {
			case "import":
				c.imports = append(c.imports, n)
			case "from":
				c.froms = append(c.froms, n)
			case "root":
				c.roots = append(c.roots, n)
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
				c.methods = append(c.methods, n)
			case "errroot":
				c.errRoots = append(c.errRoots, n)
			}
		}
	}

	res := &Result{}
	f := &fileState{src: src, aliases: map[string][]binding{}, seen: map[uint32]int{}, res: res}
	f.bindImports(c.imports, c.froms)
	f.bindAssignments(c.assignLHS, c.assignRHS)
	res.Aliases = make(map[string]string, len(f.aliases))
	for name, bs := range f.aliases {
		res.Aliases[name] = bs[len(bs)-1].target
	}

	for _, n := range c.roots {
		f.reference(n)
	}
	for _, n := range c.callees {
		f.calleeReference(n)
	}
	for _, n := range c.decorated {
		f.reference(n)
	}
	for _, n := range c.partialArgs {
		f.reference(n)
	}
	for _, n := range c.errRoots {
		f.errorReference(n)
	}
	for _, n := range c.classes {
		f.class(n)
	}
	if len(a.methods) > 0 {
		for _, n := range c.methods {
			f.method(n, a.methods)
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
