package handleuse

import (
	"fmt"
	"slices"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/parser"
)

// Kind is what makes a use synchronous.
type Kind int

// The kinds of use.
const (
	// Sync is a property read or a call result through the handle used as
	// a value without await.
	Sync Kind = iota + 1
	// Identity is an identity check of the handle or of a value read
	// through it: instanceof, ===, !==, ==, !=.
	Identity
	// DOM is a read of the page's own window objects through the handle
	// (bg.document, bg.window, bg.location): no message can carry them.
	DOM
	// Write is an assignment to a member of the handle or of a value read
	// through it (bg.count = 0): it sets nothing behind the handle.
	Write
)

// String returns "sync", "identity", "dom" or "write".
func (k Kind) String() string {
	switch k {
	case Sync:
		return "sync"
	case Identity:
		return "identity"
	case DOM:
		return "dom"
	case Write:
		return "write"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Use is one use of the value that needs it synchronously.
type Use struct {
	// Offset and End are the byte offsets of the expression used: the
	// value read or called through the handle (bg.isListening()), the
	// identity check (bg instanceof Window), the DOM read (bg.document).
	Offset, End int
	// Expr is the source text of the expression, spaces and line breaks
	// collapsed.
	Expr string
	// Holds is, where Expr is a variable, the expression whose value it
	// holds (bg.loadOptions() for opts in const opts = bg.loadOptions()).
	Holds string
	Kind  Kind
	// How says how the value is used: "in a condition", "as an argument
	// of Object.keys", "iterated by for-of".
	How string
	// Instead is the expression to write instead ("await bg.isListening()",
	// "(await bg.tabs.get(id)).state"); "" where none would do (the DOM, an
	// identity check of the handle itself).
	Instead string
}

// maxPasses bounds the passes over the tree: each pass may learn of more
// bindings that hold the value (a function declared before the call that
// passes it the handle), and stops when one learns nothing new.
const maxPasses = 8

// Find returns the uses, in src, that need synchronously the value yielded
// by a call of one of the APIs (member paths below the namespaces chrome
// and browser: "runtime.getBackgroundPage"), in source order. It returns
// the parser's error for a source that is not a script (an ES module, a
// syntax error); it never panics.
func Find(src []byte, apis []string) (uses []Use, err error) {
	defer func() {
		if r := recover(); r != nil {
			uses, err = nil, fmt.Errorf("parse: %v", r)
		}
	}()
	prog, text, shift, err := parse(src)
	if err != nil {
		return nil, err
	}
	a := &analyzer{src: text, shift: shift, size: len(src), apis: apis, vals: map[bindingKey]value{}, rets: map[file.Idx]value{}, funcs: map[bindingKey]ast.Expression{}}
	for pass := 0; pass < maxPasses; pass++ {
		a.changed = false
		a.found = map[useKey]Use{}
		a.program(prog)
		if !a.changed {
			break
		}
	}
	for _, u := range a.found {
		uses = append(uses, u)
	}
	slices.SortFunc(uses, func(x, y Use) int {
		if x.Offset != y.Offset {
			return x.Offset - y.Offset
		}
		return int(x.Kind) - int(y.Kind)
	})
	return uses, nil
}

// asyncPrefix and asyncSuffix wrap a source that is not a script into the
// body of an async function, where await is allowed.
const (
	asyncPrefix = "(async function(){"
	asyncSuffix = "\n})"
)

// parse parses src as a script, else as the body of an async function; it
// returns the text parsed and the length of what precedes src in it.
func parse(src []byte) (*ast.Program, string, int, error) {
	text := string(src)
	prog, err := parser.ParseFile(new(file.FileSet), "", text, parser.IgnoreRegExpErrors, parser.WithDisableSourceMaps)
	if err == nil {
		return prog, text, 0, nil
	}
	wrapped := asyncPrefix + text + asyncSuffix
	if prog, err2 := parser.ParseFile(new(file.FileSet), "", wrapped, parser.IgnoreRegExpErrors, parser.WithDisableSourceMaps); err2 == nil {
		return prog, wrapped, len(asyncPrefix), nil
	}
	return nil, "", 0, err
}
