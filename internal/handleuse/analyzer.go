package handleuse

import (
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// valueKind is what an expression evaluates to, as far as the handle goes.
type valueKind int

const (
	// plain is any other value.
	plain valueKind = iota
	// handle is the handle itself (or the API's promise of it).
	handle
	// remote is a property read through the handle (bg.stats,
	// bg.config.tab): a thenable that reads the value when awaited.
	remote
	// promise is the result of a call through the handle (bg.load()).
	promise
)

// value is what an expression evaluates to; a remote or promise value
// keeps the expression that made it, where a synchronous use is reported.
type value struct {
	kind       valueKind
	start, end int // offsets in the parsed text
	// holds is, for a variable, the expression whose value it holds.
	holds string
}

// useKey identifies a reported use: one per expression and kind.
type useKey struct {
	start int
	kind  Kind
}

// analyzer holds what one file's analysis knows.
type analyzer struct {
	src   string // the text parsed
	shift int    // the offset of the file's first byte in src
	size  int    // the length of the file
	apis  []string

	// rets are the values the file's functions return (by the offset of
	// the function), where they return the handle or, from a function
	// that is not async, a value through it.
	rets map[file.Idx]value
	// vals are the bindings known to hold the handle or a value read or
	// called through it, and funcs the function each binding declared by a
	// function declaration (or assigned a function literal) holds; both
	// persist from pass to pass.
	vals  map[bindingKey]value
	funcs map[bindingKey]ast.Expression
	// changed is set when a pass learns of a binding it did not know.
	changed bool
	found   map[useKey]Use
	sc      *scope
	frames  []frame
}

// offset turns a file.Idx of the parsed text into an offset in it.
func offset(i file.Idx) int { return int(i) - 1 }

// span returns the offsets of the node in the parsed text, clamped to it.
func (a *analyzer) span(n ast.Node) (int, int) {
	s, e := offset(n.Idx0()), offset(n.Idx1())
	s = min(max(s, 0), len(a.src))
	e = min(max(e, s), len(a.src))
	return s, e
}

// text returns the source text of offsets [s, e) of the parsed text, white
// space collapsed, cut at maxExpr bytes.
func (a *analyzer) text(s, e int) string {
	t := strings.Join(strings.Fields(a.src[s:e]), " ")
	if len(t) > maxExpr {
		cut := maxExpr
		for cut > 0 && t[cut]&0xC0 == 0x80 {
			cut--
		}
		t = t[:cut] + "..."
	}
	return t
}

// maxExpr is the length of the longest expression text a Use carries.
const maxExpr = 80

// set records that the binding holds v (a handle, remote or promise value);
// a binding once known to hold one keeps it.
func (a *analyzer) set(k bindingKey, v value) {
	if v.kind == plain {
		return
	}
	if old, ok := a.vals[k]; ok && old.kind == v.kind {
		return
	}
	a.vals[k] = v
	a.changed = true
}

// report records a use of the expression at [s, e) of the parsed text.
func (a *analyzer) report(kind Kind, s, e int, how, instead string) {
	a.reportHolding(kind, s, e, "", how, instead)
}

// reportValue records a synchronous use of the value v.
func (a *analyzer) reportValue(v value, how, instead string) {
	a.reportHolding(Sync, v.start, v.end, v.holds, how, instead)
}

// reportHolding records a use of the expression at [s, e) of the parsed
// text, a variable that holds the expression holds when that is set.
func (a *analyzer) reportHolding(kind Kind, s, e int, holds, how, instead string) {
	off, end := s-a.shift, e-a.shift
	if off < 0 || end > a.size {
		return
	}
	k := useKey{start: off, kind: kind}
	if _, ok := a.found[k]; ok {
		return
	}
	a.found[k] = Use{Offset: off, End: end, Expr: a.text(s, e), Holds: holds, Kind: kind, How: how, Instead: instead}
}

// sync reports a remote or promise value used synchronously, how ("in a
// condition"); the handle itself and other values are not reported.
func (a *analyzer) sync(v value, how string) {
	if v.kind != remote && v.kind != promise {
		return
	}
	a.reportValue(v, how, "await "+a.text(v.start, v.end))
}
