package handleuse

import (
	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
)

// bindingKey identifies a binding across passes: the offset of its
// declaring identifier, or, for a global the file never declares, its name
// alone.
type bindingKey struct {
	decl file.Idx
	name string
}

// scope is a function or block scope: the names declared in it.
type scope struct {
	parent *scope
	names  map[string]bindingKey
}

// push opens a scope inside the current one.
func (a *analyzer) push() {
	a.sc = &scope{parent: a.sc, names: map[string]bindingKey{}}
}

// pop closes the current scope.
func (a *analyzer) pop() {
	a.sc = a.sc.parent
}

// declare declares the identifier in the current scope and returns its key.
func (a *analyzer) declare(id *ast.Identifier) bindingKey {
	k := bindingKey{decl: id.Idx, name: id.Name.String()}
	a.sc.names[k.name] = k
	return k
}

// lookup returns the key of the binding the name refers to.
func (a *analyzer) lookup(name string) bindingKey {
	for s := a.sc; s != nil; s = s.parent {
		if k, ok := s.names[name]; ok {
			return k
		}
	}
	return bindingKey{name: name}
}

// declareTarget declares every name a binding target (an identifier or a
// destructuring pattern) binds.
func (a *analyzer) declareTarget(t ast.Expression) {
	switch t := t.(type) {
	case *ast.Identifier:
		a.declare(t)
	case *ast.Binding:
		a.declareTarget(t.Target)
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				a.declare(&p.Name)
			case *ast.PropertyKeyed:
				a.declareTarget(p.Value)
			}
		}
		a.declareTarget(t.Rest)
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			a.declareTarget(e)
		}
		a.declareTarget(t.Rest)
	case *ast.AssignExpression:
		// A default value: name = init.
		a.declareTarget(t.Left)
	}
}

// hoist declares, at the start of a block or body, the names its
// statements declare with let, const, class and function.
func (a *analyzer) hoist(list []ast.Statement) {
	for _, s := range list {
		switch s := s.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range s.List {
				a.declareTarget(b.Target)
			}
		case *ast.ClassDeclaration:
			if s.Class.Name != nil {
				a.declare(s.Class.Name)
			}
		case *ast.FunctionDeclaration:
			if s.Function.Name != nil {
				k := a.declare(s.Function.Name)
				a.funcs[k] = s.Function
			}
		}
	}
}

// hoistVars declares a function's (or the program's) var declarations.
func (a *analyzer) hoistVars(decls []*ast.VariableDeclaration) {
	for _, d := range decls {
		for _, b := range d.List {
			a.declareTarget(b.Target)
		}
	}
}
