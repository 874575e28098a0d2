package handleuse

import (
	"slices"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// domNames are the members of a Window that are the page's own objects: no
// message can bring them from the background.
var domNames = map[string]bool{
	"document": true, "window": true, "self": true, "globalThis": true, "top": true, "parent": true,
	"frames": true, "opener": true, "location": true, "history": true, "navigator": true,
	"localStorage": true, "sessionStorage": true, "customElements": true, "screen": true,
}

// promiseMethods are the methods of a promise that take callbacks.
var promiseMethods = map[string]bool{"then": true, "catch": true, "finally": true}

// resolvers are the functions that await what they are given.
var resolvers = []string{"Promise.resolve", "Promise.all", "Promise.allSettled", "Promise.race", "Promise.any"}

// unwrap returns the expression inside optional-chaining wrappers.
func unwrap(e ast.Expression) ast.Expression {
	for {
		switch x := e.(type) {
		case *ast.OptionalChain:
			e = x.Expression
		case *ast.Optional:
			e = x.Expression
		default:
			return e
		}
	}
}

// of returns the value an expression made (remote, promise) at its span.
func (a *analyzer) of(kind valueKind, n ast.Node) value {
	s, e := a.span(n)
	return value{kind: kind, start: s, end: e}
}

// expr analyses e and returns its value. What e's own value is used for is
// up to the caller; uses of its parts are reported here.
func (a *analyzer) expr(e ast.Expression) value {
	switch e := unwrap(e).(type) {
	case nil:
		return value{}
	case *ast.Identifier:
		return a.identifier(e)
	case *ast.AwaitExpression:
		if v := a.expr(e.Argument); v.kind == handle {
			return a.of(handle, e)
		}
		return value{}
	case *ast.YieldExpression:
		a.expr(e.Argument)
		return value{}
	case *ast.CallExpression:
		return a.call(e)
	case *ast.DotExpression:
		return a.member(e, a.expr(e.Left), e.Identifier.Name.String(), true)
	case *ast.BracketExpression:
		obj := a.expr(e.Left)
		a.sync(a.expr(e.Member), "as a property key")
		if s, ok := unwrap(e.Member).(*ast.StringLiteral); ok {
			return a.member(e, obj, s.Value.String(), true)
		}
		return a.member(e, obj, "", false)
	case *ast.PrivateDotExpression:
		a.expr(e.Left)
		return value{}
	case *ast.AssignExpression:
		return a.assign(e)
	case *ast.BinaryExpression:
		return a.binary(e)
	case *ast.UnaryExpression:
		if e.Operator == token.TYPEOF {
			// typeof probes what a value is (typeof bg.document tells
			// the handle from a window): nothing is read.
			switch x := unwrap(e.Operand).(type) {
			case *ast.DotExpression:
				a.expr(x.Left)
				return value{}
			case *ast.BracketExpression:
				a.expr(x.Left)
				a.expr(x.Member)
				return value{}
			}
		}
		v := a.expr(e.Operand)
		switch e.Operator {
		case token.NOT:
			a.sync(v, "in a condition")
		case token.TYPEOF, token.VOID, token.DELETE:
		default:
			a.sync(v, "in arithmetic")
		}
		return value{}
	case *ast.ConditionalExpression:
		a.sync(a.expr(e.Test), "in a condition")
		return join(a.expr(e.Consequent), a.expr(e.Alternate))
	case *ast.SequenceExpression:
		var v value
		for _, x := range e.Sequence {
			v = a.expr(x)
		}
		return v
	case *ast.TemplateLiteral:
		a.expr(e.Tag)
		for _, x := range e.Expressions {
			a.sync(a.expr(x), "in a template literal")
		}
		return value{}
	case *ast.ArrayLiteral:
		for _, x := range e.Value {
			a.sync(a.element(x), "stored in an array")
		}
		return value{}
	case *ast.ObjectLiteral:
		a.object(e)
		return value{}
	case *ast.SpreadElement:
		a.sync(a.expr(e.Expression), "in a spread")
		return value{}
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		a.function(e, nil)
		return value{}
	case *ast.ClassLiteral:
		a.class(e)
		return value{}
	case *ast.NewExpression:
		a.expr(e.Callee)
		for _, x := range e.ArgumentList {
			a.sync(a.element(x), "as an argument of new "+a.nodeText(e.Callee))
		}
		return value{}
	}
	return value{}
}

// element analyses an element of an array or argument list: a spread of a
// value read through the handle is reported.
func (a *analyzer) element(x ast.Expression) value {
	if s, ok := x.(*ast.SpreadElement); ok {
		a.sync(a.expr(s.Expression), "in a spread")
		return value{}
	}
	return a.expr(x)
}

// nodeText returns the collapsed source text of the node.
func (a *analyzer) nodeText(n ast.Node) string {
	return a.text(a.span(n))
}

// join is the value of one of two expressions: the handle if either is,
// else either's remote or promise value.
func join(x, y value) value {
	switch {
	case x.kind == handle:
		return x
	case y.kind == handle:
		return y
	case x.kind != plain:
		return x
	}
	return y
}

// identifier returns what the binding the identifier refers to holds, at
// the identifier's own place, naming what it holds.
func (a *analyzer) identifier(id *ast.Identifier) value {
	v, ok := a.vals[a.lookup(id.Name.String())]
	if !ok {
		return value{}
	}
	out := a.of(v.kind, id)
	out.holds = v.holds
	if out.holds == "" && v.kind != handle {
		out.holds = a.text(v.start, v.end)
	}
	return out
}

// member returns the value of reading the member name of obj (e); known
// is false for a computed member.
func (a *analyzer) member(e ast.Expression, obj value, name string, known bool) value {
	switch obj.kind {
	case handle:
		if known && domNames[name] {
			s, end := a.span(e)
			a.report(DOM, s, end, "", "")
			return value{}
		}
		if known && name == "then" {
			return value{}
		}
		return a.of(remote, e)
	case remote:
		if known && name == "then" {
			return value{}
		}
		return a.of(remote, e)
	case promise:
		if known && promiseMethods[name] {
			return value{}
		}
		inner := a.text(obj.start, obj.end)
		_, end := a.span(e)
		rest := a.text(obj.end, end)
		a.reportValue(obj, "reading "+rest+" of its result", "(await "+inner+")"+rest)
		return value{}
	}
	return value{}
}

// object analyses an object literal: a value read through the handle
// stored in it is reported.
func (a *analyzer) object(o *ast.ObjectLiteral) {
	for _, p := range o.Value {
		switch p := p.(type) {
		case *ast.PropertyKeyed:
			if p.Computed {
				a.sync(a.expr(p.Key), "as a property key")
			}
			a.sync(a.expr(p.Value), "stored in an object")
		case *ast.PropertyShort:
			a.sync(a.expr(&p.Name), "stored in an object")
			a.expr(p.Initializer)
		case *ast.SpreadElement:
			a.sync(a.expr(p.Expression), "in a spread")
		}
	}
}

// assign analyses an assignment: to a variable it records what the
// variable now holds; to anything else a value read through the handle
// is a synchronous use.
func (a *analyzer) assign(e *ast.AssignExpression) value {
	if e.Operator != token.ASSIGN && e.Operator != token.LOGICAL_OR_ASSIGN && e.Operator != token.COALESCE_ASSIGN && e.Operator != token.LOGICAL_AND_ASSIGN {
		a.sync(a.expr(e.Left), "in arithmetic")
		a.sync(a.expr(e.Right), "in arithmetic")
		return value{}
	}
	if e.Operator != token.ASSIGN {
		a.sync(a.expr(e.Left), "in a condition")
	}
	v := a.expr(e.Right)
	switch left := unwrap(e.Left).(type) {
	case *ast.Identifier:
		a.bind(left, v, e.Right)
	case *ast.ObjectPattern, *ast.ArrayPattern:
		a.bindTarget(left, v, e.Right)
	default:
		var obj value
		if d, ok := left.(*ast.DotExpression); ok {
			obj = a.expr(d.Left)
		} else if b, ok := left.(*ast.BracketExpression); ok {
			obj = a.expr(b.Left)
			a.expr(b.Member)
		}
		if obj.kind == handle || obj.kind == remote {
			s, end := a.span(left)
			a.report(Write, s, end, "assigns through the handle, which sets nothing behind it", "")
		}
		a.sync(v, "assigned to "+a.nodeText(e.Left))
	}
	return v
}

// binary analyses a binary expression.
func (a *analyzer) binary(e *ast.BinaryExpression) value {
	l, r := a.expr(e.Left), a.expr(e.Right)
	switch e.Operator {
	case token.LOGICAL_AND, token.LOGICAL_OR, token.COALESCE:
		a.sync(l, "in a condition")
		if e.Operator != token.LOGICAL_AND && l.kind == handle {
			return l
		}
		return r
	case token.STRICT_EQUAL, token.STRICT_NOT_EQUAL, token.EQUAL, token.NOT_EQUAL:
		if l.kind == handle && !isNothing(e.Right) || r.kind == handle && !isNothing(e.Left) {
			s, end := a.span(e)
			a.report(Identity, s, end, "compares the handle, not the object it stands for", "")
			return value{}
		}
		a.sync(l, "in a comparison")
		a.sync(r, "in a comparison")
	case token.INSTANCEOF:
		s, end := a.span(e)
		switch l.kind {
		case handle:
			a.report(Identity, s, end, "tests the handle, not the object it stands for", "")
		case remote, promise:
			a.report(Identity, s, end, "tests the value's stand-in, not the value", "(await "+a.text(l.start, l.end)+") instanceof "+a.nodeText(e.Right))
		}
	case token.IN:
		a.sync(l, "in a comparison")
		a.sync(r, "tested with in")
	default:
		how := "in arithmetic"
		if e.Comparison {
			how = "in a comparison"
		}
		a.sync(l, how)
		a.sync(r, how)
	}
	return value{}
}

// isNothing reports whether e is null or undefined: comparing the handle
// with them is an existence check, which the handle passes.
func isNothing(e ast.Expression) bool {
	switch e := unwrap(e).(type) {
	case *ast.NullLiteral:
		return true
	case *ast.Identifier:
		return e.Name == "undefined"
	case *ast.UnaryExpression:
		return e.Operator == token.VOID
	}
	return false
}

// call analyses a call.
func (a *analyzer) call(e *ast.CallExpression) value {
	callee := unwrap(e.Callee)
	if a.isAPI(callee) {
		for _, arg := range e.ArgumentList {
			a.callback(arg, a.of(handle, e))
		}
		return a.of(handle, e)
	}
	var (
		through bool           // the call goes through the handle
		fn      ast.Expression // the file's function called, if known
		ret     value
	)
	name := a.nodeText(callee)
	switch c := callee.(type) {
	case *ast.DotExpression, *ast.BracketExpression:
		var left ast.Expression
		var member string
		known := true
		if d, ok := c.(*ast.DotExpression); ok {
			left, member = d.Left, d.Identifier.Name.String()
		} else {
			b := c.(*ast.BracketExpression)
			left = b.Left
			if s, ok := unwrap(b.Member).(*ast.StringLiteral); ok {
				member = s.Value.String()
			} else {
				known = false
				a.sync(a.expr(b.Member), "as a property key")
			}
		}
		obj := a.expr(left)
		if known && promiseMethods[member] && obj.kind != plain {
			// .then(cb) of the API's promise gives cb the handle; of a
			// value through it, the value.
			arg := value{}
			if obj.kind == handle && member == "then" {
				arg = obj
			}
			for i, x := range e.ArgumentList {
				if i == 0 {
					a.callback(x, arg)
				} else {
					a.callback(x, value{})
				}
			}
			return value{}
		}
		through = a.member(c, obj, member, known).kind == remote
	case *ast.Identifier:
		k := a.lookup(c.Name.String())
		through = a.vals[k].kind == remote
		fn = a.funcs[k]
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		fn = c
	default:
		a.expr(callee)
	}
	resolver := slices.Contains(resolvers, name)
	var args []value
	for _, x := range e.ArgumentList {
		var v value
		if arr, ok := unwrap(x).(*ast.ArrayLiteral); ok && resolver {
			for _, el := range arr.Value {
				a.element(el)
			}
		} else {
			v = a.element(x)
		}
		args = append(args, v)
		switch {
		case resolver:
		case fn != nil:
		case v.kind == handle:
		default:
			a.sync(v, "as an argument of "+name)
		}
	}
	if fn != nil {
		if _, ok := callee.(*ast.Identifier); ok {
			a.bindParams(fn, args)
		} else {
			a.function(fn, args)
		}
		ret = a.rets[fn.Idx0()]
		if ret.kind != plain {
			ret = a.of(ret.kind, e)
		}
	}
	if through {
		return a.of(promise, e)
	}
	return ret
}

// callback analyses a callback argument that receives v: a function
// literal is analysed with v as its first parameter; the file's function
// named gets v for it.
func (a *analyzer) callback(x ast.Expression, v value) {
	switch f := unwrap(x).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		a.function(f, []value{v})
		return
	case *ast.Identifier:
		if fn := a.funcs[a.lookup(f.Name.String())]; fn != nil {
			a.bindParams(fn, []value{v})
			return
		}
	case *ast.CallExpression:
		// function (page) { ... }.bind(this)
		if d, ok := unwrap(f.Callee).(*ast.DotExpression); ok && d.Identifier.Name == "bind" && len(f.ArgumentList) <= 1 {
			switch fn := unwrap(d.Left).(type) {
			case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
				for _, arg := range f.ArgumentList {
					a.expr(arg)
				}
				a.function(fn, []value{v})
				return
			}
		}
	}
	a.expr(x)
}

// isAPI reports whether the callee is one of the APIs: chrome. or browser.
// (optionally behind globalThis., window. or self.) and a member path of
// a.apis, the namespace not declared by the file.
func (a *analyzer) isAPI(callee ast.Expression) bool {
	var path []string
	e := callee
	for {
		d, ok := unwrap(e).(*ast.DotExpression)
		if !ok {
			break
		}
		path = append(path, d.Identifier.Name.String())
		e = d.Left
	}
	id, ok := unwrap(e).(*ast.Identifier)
	if !ok || len(path) < 2 {
		return false
	}
	root := id.Name.String()
	if root == "globalThis" || root == "window" || root == "self" {
		root, path = path[len(path)-1], path[:len(path)-1]
	} else if a.lookup(root).decl != 0 {
		return false
	}
	if root != "chrome" && root != "browser" {
		return false
	}
	slices.Reverse(path)
	member := ""
	for i, p := range path {
		if i > 0 {
			member += "."
		}
		member += p
	}
	return slices.Contains(a.apis, member)
}
