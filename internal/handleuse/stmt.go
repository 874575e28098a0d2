package handleuse

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// frame is the function whose body is being analysed.
type frame struct {
	fn    file.Idx // its offset, the key of rets
	async bool
}

// program analyses the whole file.
func (a *analyzer) program(p *ast.Program) {
	a.sc = nil
	a.frames = nil
	a.push()
	a.hoistVars(p.DeclarationList)
	a.hoist(p.Body)
	a.stmts(p.Body)
	a.pop()
}

// stmts analyses a statement list.
func (a *analyzer) stmts(list []ast.Statement) {
	for _, s := range list {
		a.stmt(s)
	}
}

// block analyses a block in a scope of its own.
func (a *analyzer) block(list []ast.Statement) {
	a.push()
	a.hoist(list)
	a.stmts(list)
	a.pop()
}

// stmt analyses one statement.
func (a *analyzer) stmt(s ast.Statement) {
	switch s := s.(type) {
	case nil:
	case *ast.BlockStatement:
		a.block(s.List)
	case *ast.ExpressionStatement:
		a.expr(s.Expression)
	case *ast.VariableStatement:
		a.bindings(s.List)
	case *ast.LexicalDeclaration:
		a.bindings(s.List)
	case *ast.IfStatement:
		a.sync(a.expr(s.Test), "in a condition")
		a.stmt(s.Consequent)
		a.stmt(s.Alternate)
	case *ast.ForStatement:
		a.push()
		switch i := s.Initializer.(type) {
		case *ast.ForLoopInitializerExpression:
			a.expr(i.Expression)
		case *ast.ForLoopInitializerVarDeclList:
			a.bindings(i.List)
		case *ast.ForLoopInitializerLexicalDecl:
			for _, b := range i.LexicalDeclaration.List {
				a.declareTarget(b.Target)
			}
			a.bindings(i.LexicalDeclaration.List)
		}
		a.sync(a.expr(s.Test), "in a loop condition")
		a.expr(s.Update)
		a.stmt(s.Body)
		a.pop()
	case *ast.ForInStatement:
		a.push()
		a.forInto(s.Into)
		a.sync(a.expr(s.Source), "iterated by for-in")
		a.stmt(s.Body)
		a.pop()
	case *ast.ForOfStatement:
		a.push()
		a.forInto(s.Into)
		a.sync(a.expr(s.Source), "iterated by for-of")
		a.stmt(s.Body)
		a.pop()
	case *ast.WhileStatement:
		a.sync(a.expr(s.Test), "in a loop condition")
		a.stmt(s.Body)
	case *ast.DoWhileStatement:
		a.stmt(s.Body)
		a.sync(a.expr(s.Test), "in a loop condition")
	case *ast.SwitchStatement:
		a.sync(a.expr(s.Discriminant), "in a switch")
		a.push()
		for _, c := range s.Body {
			a.hoist(c.Consequent)
		}
		for _, c := range s.Body {
			a.sync(a.expr(c.Test), "in a comparison")
			a.stmts(c.Consequent)
		}
		a.pop()
	case *ast.ReturnStatement:
		a.ret(a.expr(s.Argument))
	case *ast.ThrowStatement:
		a.expr(s.Argument)
	case *ast.TryStatement:
		a.block(s.Body.List)
		if c := s.Catch; c != nil {
			a.push()
			a.declareTarget(c.Parameter)
			a.block(c.Body.List)
			a.pop()
		}
		if s.Finally != nil {
			a.block(s.Finally.List)
		}
	case *ast.LabelledStatement:
		a.stmt(s.Statement)
	case *ast.WithStatement:
		a.expr(s.Object)
		a.stmt(s.Body)
	case *ast.FunctionDeclaration:
		a.function(s.Function, nil)
	case *ast.ClassDeclaration:
		a.class(s.Class)
	}
}

// forInto declares the binding of a for-in or for-of loop.
func (a *analyzer) forInto(into ast.ForInto) {
	switch i := into.(type) {
	case *ast.ForIntoVar:
		a.declareTarget(i.Binding.Target)
	case *ast.ForDeclaration:
		a.declareTarget(i.Target)
	case *ast.ForIntoExpression:
		a.expr(i.Expression)
	}
}

// bindings analyses the bindings of a declaration.
func (a *analyzer) bindings(list []*ast.Binding) {
	for _, b := range list {
		a.bindTarget(b.Target, a.expr(b.Initializer), b.Initializer)
	}
}

// bindTarget records what the names of a binding target hold when it is
// given v (the value of init).
func (a *analyzer) bindTarget(t ast.Expression, v value, init ast.Expression) {
	switch t := t.(type) {
	case *ast.Identifier:
		a.bind(t, v, init)
	case *ast.ObjectPattern:
		if v.kind == promise {
			a.reportValue(v, "destructured", "await "+a.text(v.start, v.end))
		}
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				a.expr(p.Initializer)
				a.bind(&p.Name, a.through(v, p.Name.Name.String()), nil)
			case *ast.PropertyKeyed:
				name := ""
				if p.Computed {
					a.expr(p.Key)
				} else if s, ok := p.Key.(*ast.StringLiteral); ok {
					name = s.Value.String()
				} else if id, ok := p.Key.(*ast.Identifier); ok {
					name = id.Name.String()
				}
				a.bindTarget(p.Value, a.through(v, name), nil)
			}
		}
		a.bindTarget(t.Rest, value{}, nil)
	case *ast.ArrayPattern:
		if v.kind == remote || v.kind == promise {
			a.reportValue(v, "destructured", "await "+a.text(v.start, v.end))
		}
		for _, e := range t.Elements {
			a.bindTarget(e, value{}, nil)
		}
		a.bindTarget(t.Rest, value{}, nil)
	case *ast.AssignExpression:
		// A default: target = init.
		a.expr(t.Right)
		a.bindTarget(t.Left, v, nil)
	}
}

// through returns what destructuring the member name out of v gives: a
// value read through the handle when v is the handle or such a value.
func (a *analyzer) through(v value, name string) value {
	if (v.kind != handle && v.kind != remote) || name == "" || domNames[name] && v.kind == handle {
		return value{}
	}
	holds := a.text(v.start, v.end)
	if v.holds != "" {
		holds = v.holds
	}
	return value{kind: remote, start: v.start, end: v.end, holds: holds + "." + name}
}

// bind records what the variable id holds: v, and the function init is,
// if it is one.
func (a *analyzer) bind(id *ast.Identifier, v value, init ast.Expression) {
	k := a.lookup(id.Name.String())
	a.set(k, v)
	switch f := unwrap(init).(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		a.funcs[k] = f
	}
}

// ret records what the function being analysed returns.
func (a *analyzer) ret(v value) {
	if len(a.frames) == 0 || v.kind == plain {
		return
	}
	f := a.frames[len(a.frames)-1]
	if f.async && v.kind != handle {
		return
	}
	if old, ok := a.rets[f.fn]; ok && old.kind == v.kind {
		return
	}
	a.rets[f.fn] = v
	a.changed = true
}

// bindParams records what the parameters of the file's function fn are
// given by a call with args.
func (a *analyzer) bindParams(fn ast.Expression, args []value) {
	var params *ast.ParameterList
	switch f := fn.(type) {
	case *ast.FunctionLiteral:
		params = f.ParameterList
	case *ast.ArrowFunctionLiteral:
		params = f.ParameterList
	}
	if params == nil {
		return
	}
	for i, b := range params.List {
		if i >= len(args) {
			break
		}
		if id, ok := b.Target.(*ast.Identifier); ok {
			a.set(bindingKey{decl: id.Idx, name: id.Name.String()}, args[i])
		}
	}
}

// function analyses a function literal or arrow function called with args
// (nil: as far as the file shows, by nobody in particular).
func (a *analyzer) function(fn ast.Expression, args []value) {
	a.bindParams(fn, args)
	a.push()
	defer a.pop()
	switch f := fn.(type) {
	case *ast.FunctionLiteral:
		if f.Name != nil {
			if _, ok := a.sc.parent.names[f.Name.Name.String()]; !ok {
				k := a.declare(f.Name)
				a.funcs[k] = f
			}
		}
		a.params(f.ParameterList)
		a.hoistVars(f.DeclarationList)
		if f.Body == nil {
			return
		}
		a.hoist(f.Body.List)
		a.frames = append(a.frames, frame{fn: f.Idx0(), async: f.Async})
		a.stmts(f.Body.List)
	case *ast.ArrowFunctionLiteral:
		a.params(f.ParameterList)
		a.hoistVars(f.DeclarationList)
		a.frames = append(a.frames, frame{fn: f.Idx0(), async: f.Async})
		switch b := f.Body.(type) {
		case *ast.BlockStatement:
			a.hoist(b.List)
			a.stmts(b.List)
		case *ast.ExpressionBody:
			a.ret(a.expr(b.Expression))
		}
	default:
		return
	}
	a.frames = a.frames[:len(a.frames)-1]
}

// params declares a function's parameters and analyses their defaults.
func (a *analyzer) params(p *ast.ParameterList) {
	if p == nil {
		return
	}
	for _, b := range p.List {
		a.declareTarget(b.Target)
		a.expr(b.Initializer)
	}
	a.declareTarget(p.Rest)
}

// class analyses a class: its heritage, fields and methods.
func (a *analyzer) class(c *ast.ClassLiteral) {
	a.expr(c.SuperClass)
	for _, el := range c.Body {
		switch el := el.(type) {
		case *ast.FieldDefinition:
			if el.Computed {
				a.expr(el.Key)
			}
			a.sync(a.expr(el.Initializer), "stored in a class field")
		case *ast.MethodDefinition:
			if el.Computed {
				a.expr(el.Key)
			}
			a.function(el.Body, nil)
		case *ast.ClassStaticBlock:
			a.push()
			a.hoistVars(el.DeclarationList)
			a.block(el.Block.List)
			a.pop()
		}
	}
}
