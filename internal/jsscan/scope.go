package jsscan

import "github.com/webext-shim/webext-shim/internal/textpos"

// This file tells which uses of a set of global names (chrome and browser
// for APIUses, the Window-only globals for GlobalUses), given when the
// tracker is made, refer to a local binding of that name (a parameter, a
// variable, a function or class declaration, a catch parameter, an
// import) rather than to the global: esbuild's define replaces only the
// global, so such a use is not an API use, and it does not touch the
// global a service worker lacks. It follows the scopes of the source from
// its tokens, as the scanner does everything else, in one pass and in time
// linear in the number of tokens:
//
//   - "(" ... ")" followed by "=>", or by "{" after "function [name]", a
//     method name or "catch", is a parameter list: the names in binding
//     position in it (after "(", ",", "{", "[", "..." or ":", and before
//     ",", ")", "}", "]" or "=") are bound in the function, parameters and
//     body; "for (" ... ")" followed by "{" keeps the let and const of its
//     head for its body;
//   - a single identifier followed by "=>" is an arrow's parameter;
//   - an arrow's body is its block, or the expression up to the ",", ";"
//     or closing bracket that ends it;
//   - let, const and class bind in the enclosing block, var in the
//     enclosing function (or the top level), a function declaration in
//     the enclosing block, a function expression's name in the function;
//     declarations may be destructuring patterns, with initializers;
//   - an import clause binds its local names at the top level.
//
// A binding covers the whole scope, before and after the declaration
// (hoisting, and let's temporal dead zone), so a use is decided when its
// scope closes. The undecided uses are kept per name, in source order; a
// frame keeps the index the next use will have when it opened (its mark),
// and when it closes it drops, for each name it binds, the undecided uses
// of that name from its mark on: they are the last ones of the name's list,
// so each use is looked at once when it is dropped and once when it is
// kept, and the work per frame does not grow with the number of names.

// frameKind is what opened a scope frame.
type frameKind uint8

const (
	frameTop       frameKind = iota // the script or module
	frameBlock                      // "{", closed by "}"
	frameParen                      // "(", closed by ")"
	frameBracket                    // "[", closed by "]"
	frameAwaitBody                  // a parameter list whose body comes next
	frameArrowExpr                  // an arrow function's expression body
)

// parenContext is what came before a "(": what its contents are, if a
// "{" follows the ")".
type parenContext uint8

const (
	parenOther    parenContext = iota
	parenFunction              // function [name] (
	parenMethod                // name ( in a class or object literal
	parenCatch                 // catch (
	parenFor                   // for (
)

// scopeFrame is an open scope, or a bracket inside one.
type scopeFrame struct {
	kind frameKind
	ctx  parenContext // for frameParen
	// fn is set for the frames var declarations bind in: functions and
	// the top level.
	fn bool
	// bound holds the names the frame binds; cand, for a frameParen, those
	// it would bind as a parameter list.
	bound, cand nameSet
	// mark is the index the next use had when the frame opened: the uses
	// from mark on are inside it.
	mark int
	// paren is the index of the frameParen whose pattern this frame (a
	// bracket, or a brace right inside a parenthesis) is part of, or -1.
	paren int
	// fnVar is the index of the frame var declarations in this frame bind
	// in.
	fnVar int
}

// declState follows a let, const or var declaration's bindings.
type declState struct {
	active  bool
	isVar   bool
	frame   int  // the frame let and const bind in
	depth   int  // brackets open since the keyword
	binding bool // at a binding (not in an initializer)
}

// nameSet is a set of tracked names, by index: small (a frame binds few
// of them), so a list.
type nameSet []int

// add adds the name n.
func (s *nameSet) add(n int) {
	if !s.has(n) {
		*s = append(*s, n)
	}
}

// has reports whether the set holds the name n.
func (s nameSet) has(n int) bool {
	for _, m := range s {
		if m == n {
			return true
		}
	}
	return false
}

// scopeTracker follows scopes and bindings, token by token.
type scopeTracker struct {
	js      *jsScanner
	index   map[string]int // tracked name -> its index
	frames  []scopeFrame
	pending [][]int // per name, the indices into uses of its undecided direct uses, ascending
	dropped []bool  // per use: refers to a local binding
	next    int     // one more than the index of the last use added

	decl         declState
	afterFunc    bool // "function" seen, its "(" not yet
	funcExprName int  // name index+1 of a function expression's name, bound in its frame
	importClause bool // between "import" and "from" or the module string
}

// newScopeTracker returns a tracker of the bindings of names (each name
// once) in the source js scans; a name's index is its index in names.
func newScopeTracker(js *jsScanner, names []string) *scopeTracker {
	st := &scopeTracker{js: js, index: make(map[string]int, len(names)), pending: make([][]int, len(names))}
	for i, n := range names {
		st.index[n] = i
	}
	st.frames = append(st.frames, scopeFrame{kind: frameTop, fn: true, paren: -1})
	return st
}

// nameIndex returns the index of the tracked name id, -1 if id is not
// tracked.
func (st *scopeTracker) nameIndex(id []byte) int {
	if n, ok := st.index[string(id)]; ok {
		return n
	}
	return -1
}

// addUse records that uses[i] is a direct use of the name of index n, to
// be decided when its scopes close. Uses are added in ascending order of
// i.
func (st *scopeTracker) addUse(i, n int) {
	for len(st.dropped) <= i {
		st.dropped = append(st.dropped, false)
	}
	st.next = i + 1
	if st.importClause {
		st.dropped[i] = true // a binding or an imported name, not a use
		return
	}
	st.pending[n] = append(st.pending[n], i)
}

// push opens a frame of kind.
func (st *scopeTracker) push(kind frameKind) *scopeFrame {
	parent := len(st.frames) - 1
	p := &st.frames[parent]
	f := scopeFrame{kind: kind, paren: -1, fnVar: p.fnVar}
	if p.fn {
		f.fnVar = parent
	}
	if kind == frameBracket || kind == frameBlock {
		switch {
		case p.kind == frameParen:
			f.paren = parent
		case p.paren >= 0 && (p.kind == frameBracket || p.kind == frameBlock):
			f.paren = p.paren
		}
	}
	f.mark = st.next
	st.frames = append(st.frames, f)
	return &st.frames[len(st.frames)-1]
}

// pop closes the innermost frame, dropping the undecided uses of the names
// it binds.
func (st *scopeTracker) pop() {
	f := st.frames[len(st.frames)-1]
	st.frames = st.frames[:len(st.frames)-1]
	for _, n := range f.bound {
		p := st.pending[n]
		for len(p) > 0 && p[len(p)-1] >= f.mark {
			st.dropped[p[len(p)-1]] = true
			p = p[:len(p)-1]
		}
		st.pending[n] = p
	}
	if st.decl.active && st.decl.frame >= len(st.frames) {
		st.decl.active = false
	}
}

// top returns the innermost frame.
func (st *scopeTracker) top() *scopeFrame { return &st.frames[len(st.frames)-1] }

// closeTo pops frames until one of kind is popped; a closer without its
// opener pops nothing.
func (st *scopeTracker) closeTo(kind frameKind) bool {
	for i := len(st.frames) - 1; i > 0; i-- {
		if st.frames[i].kind == kind {
			for len(st.frames) > i {
				st.pop()
			}
			return true
		}
		if st.frames[i].kind != frameArrowExpr && st.frames[i].kind != frameAwaitBody {
			return false
		}
	}
	return false
}

// closeArrowBodies pops the arrow expression bodies a ",", ";" or closing
// bracket ends.
func (st *scopeTracker) closeArrowBodies() {
	for len(st.frames) > 1 && (st.top().kind == frameArrowExpr || st.top().kind == frameAwaitBody) {
		st.pop()
	}
}

// bind binds the name of index n in the frame at index i.
func (st *scopeTracker) bind(i, n int) { st.frames[i].bound.add(n) }

// finish closes every frame at the end of the source and returns, per
// use, whether it refers to a local binding.
func (st *scopeTracker) finish(n int) []bool {
	for len(st.frames) > 1 {
		st.pop()
	}
	st.pop() // the top level
	for len(st.dropped) < n {
		st.dropped = append(st.dropped, false)
	}
	return st.dropped
}

// observe takes the token t that the scanner's next just returned.
func (st *scopeTracker) observe(t jsToken) {
	s := st.js
	text := s.src[t.start:t.end]
	if top := st.top(); top.kind == frameAwaitBody {
		if t.kind == tokArrow {
			return
		}
		if t.kind == tokLBrace {
			top.kind = frameBlock
			top.paren = -1
			return
		}
		top.kind = frameArrowExpr
	} else if top.kind == frameArrowExpr && st.endsStatementAtLineBreak(t, text) {
		st.closeArrowBodies()
	}
	st.observeDecl(t, text)
	switch t.kind {
	case tokLParen:
		ctx := parenOther
		switch p := s.prev; {
		case st.afterFunc:
			ctx = parenFunction
		case p.kind == tokIdent:
			switch string(s.src[p.start:p.end]) {
			case "catch":
				ctx = parenCatch
			case "for":
				ctx = parenFor
			case "if", "while", "switch", "with", "return", "typeof", "await", "void", "delete", "new", "in", "of", "do", "else", "case", "yield":
			default:
				ctx = parenMethod
			}
		case p.kind == tokRBrack: // [computed](...) {
			ctx = parenMethod
		}
		st.afterFunc = false
		f := st.push(frameParen)
		f.ctx = ctx
		if st.funcExprName > 0 && ctx == parenFunction {
			f.bound.add(st.funcExprName - 1)
		}
		st.funcExprName = 0
	case tokRParen:
		if !st.closeToParen() {
			return
		}
	case tokLBrack:
		st.push(frameBracket)
	case tokRBrack:
		st.closeTo(frameBracket)
	case tokLBrace:
		st.push(frameBlock)
	case tokRBrace:
		st.closeTo(frameBlock)
	case tokComma:
		if st.top().kind == frameArrowExpr {
			st.closeArrowBodies()
		}
	case tokPunct:
		if string(text) == ";" {
			st.closeArrowBodies()
			st.importClause = false
		}
	case tokString:
		st.importClause = false
	case tokIdent:
		st.observeIdent(t, text)
	}
}

// endsStatementAtLineBreak reports whether a line break before t ends the
// statement (automatic semicolon insertion): the token before it ends an
// expression and t cannot continue one.
func (st *scopeTracker) endsStatementAtLineBreak(t jsToken, text []byte) bool {
	s := st.js
	switch s.prev.kind {
	case tokIdent, tokNumber, tokString, tokTemplate, tokRegExp, tokRParen, tokRBrack, tokRBrace:
	default:
		return false
	}
	switch t.kind {
	case tokIdent:
		if string(text) == "in" || string(text) == "instanceof" {
			return false
		}
	case tokNumber, tokString:
	default:
		return false
	}
	for i := s.prev.end; i < t.start; i++ {
		if textpos.LineBreakLen(s.src, i) > 0 {
			return true
		}
	}
	return false
}

// closeToParen handles a ")": the parenthesis it closes becomes a
// parameter list (or a for head) with its body to come, or closes.
func (st *scopeTracker) closeToParen() bool {
	i := len(st.frames) - 1
	for ; i > 0 && st.frames[i].kind != frameParen; i-- {
		if k := st.frames[i].kind; k != frameArrowExpr && k != frameAwaitBody {
			return false
		}
	}
	if i == 0 {
		return false
	}
	for len(st.frames) > i+1 {
		st.pop()
	}
	f := st.top()
	next := st.js.peek().kind
	switch {
	case next == tokArrow, next == tokLBrace && (f.ctx == parenFunction || f.ctx == parenMethod):
		for _, n := range f.cand {
			f.bound.add(n)
		}
		f.fn = true
		f.kind = frameAwaitBody
	case next == tokLBrace && f.ctx == parenCatch:
		f.bound = f.cand // a catch parameter list binds nothing else
		f.kind = frameAwaitBody
	case next == tokLBrace && f.ctx == parenFor:
		f.kind = frameAwaitBody
	default:
		st.pop()
	}
	return true
}

// observeIdent handles an identifier (or keyword).
func (st *scopeTracker) observeIdent(t jsToken, text []byte) {
	s := st.js
	member := s.prev.kind == tokDot
	switch string(text) {
	case "function":
		if !member {
			st.afterFunc = true
			if n := s.peek(); n.kind == tokIdent {
				if i := st.nameIndex(s.src[n.start:n.end]); i >= 0 {
					if st.isDeclarationStart() {
						st.bind(len(st.frames)-1, i)
					} else {
						st.funcExprName = i + 1
					}
				}
			}
		}
		return
	case "class":
		if !member {
			if n := s.peek(); n.kind == tokIdent {
				if i := st.nameIndex(s.src[n.start:n.end]); i >= 0 {
					st.bind(len(st.frames)-1, i)
				}
			}
		}
		return
	case "import":
		if !member && s.peek().kind != tokLParen && s.peek().kind != tokDot {
			st.importClause = true
		}
		return
	case "from":
		st.importClause = false
		return
	}
	n := st.nameIndex(text)
	if n < 0 || member {
		return
	}
	next := s.peek()
	switch {
	case st.importClause:
		if !(next.kind == tokIdent && string(s.src[next.start:next.end]) == "as") {
			st.bind(0, n)
		}
	case next.kind == tokArrow:
		// chrome => ...: the arrow's frame opens before the use is
		// recorded, so that it drops it.
		f := st.push(frameAwaitBody)
		f.fn = true
		f.bound.add(n)
	default:
		st.candidate(n, next)
	}
}

// candidate notes the tracked identifier of index n, the current token, as
// a parameter of the parenthesis it is in, should that be a parameter list,
// when it is in binding position.
func (st *scopeTracker) candidate(n int, next jsToken) {
	s := st.js
	top := st.top()
	paren := top.paren
	if top.kind == frameParen {
		paren = len(st.frames) - 1
	}
	if paren < 0 {
		return
	}
	switch s.prev.kind {
	case tokLParen, tokComma, tokLBrace, tokLBrack, tokColon:
	case tokPunct:
		if string(s.src[s.prev.start:s.prev.end]) != "..." {
			return
		}
	default:
		return
	}
	switch next.kind {
	case tokComma, tokRParen, tokRBrace, tokRBrack:
	case tokPunct:
		if s.src[next.start] != '=' || next.end < len(s.src) && s.src[next.end] == '=' {
			return
		}
	default:
		return
	}
	st.frames[paren].cand.add(n)
}

// isDeclarationStart reports whether the "function" keyword just read
// starts a declaration (rather than an expression): at the start of a
// statement, after export or export default.
func (st *scopeTracker) isDeclarationStart() bool {
	s := st.js
	p := s.prev
	switch p.kind {
	case tokEOF, tokLBrace, tokRBrace, tokRParen:
		return true
	case tokPunct:
		return string(s.src[p.start:p.end]) == ";"
	case tokIdent:
		switch string(s.src[p.start:p.end]) {
		case "export", "default", "else", "do":
			return true
		}
	}
	return false
}

// observeDecl follows let, const and var declarations: it starts one at
// the keyword and binds the names of its patterns.
func (st *scopeTracker) observeDecl(t jsToken, text []byte) {
	s := st.js
	d := &st.decl
	if t.kind == tokIdent && s.prev.kind != tokDot {
		switch string(text) {
		case "let", "const", "var":
			*d = declState{active: true, isVar: string(text) == "var", frame: len(st.frames) - 1, binding: true}
			return
		}
	}
	if !d.active {
		return
	}
	switch t.kind {
	case tokLBrace, tokLBrack, tokLParen:
		d.depth++
	case tokRBrace, tokRBrack, tokRParen:
		if d.depth--; d.depth < 0 {
			d.active = false
		}
	case tokComma:
		if d.depth == 0 {
			d.binding = true
		}
	case tokPunct:
		switch string(text) {
		case ";":
			d.active = false
		case "=":
			if d.depth == 0 && !(t.end < len(s.src) && s.src[t.end] == '=') {
				d.binding = false
			}
		}
	case tokIdent:
		if d.depth == 0 && (string(text) == "in" || string(text) == "of") {
			d.active = false
			return
		}
		n := st.nameIndex(text)
		if n < 0 || !d.binding || s.prev.kind == tokDot {
			return
		}
		next := s.peek()
		if d.depth > 0 && next.kind == tokColon {
			return // a key of an object pattern
		}
		i := d.frame
		if d.isVar {
			i = st.frames[d.frame].fnVar
			if st.frames[d.frame].fn {
				i = d.frame
			}
		}
		st.bind(i, n)
	}
}
