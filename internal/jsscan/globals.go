package jsscan

import (
	"slices"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// GlobalUse is one use of a global name in JavaScript source: a free
// reference to it, or a member of the global object (window.localStorage).
type GlobalUse struct {
	// Name is the global's name; Member the first member read from it
	// ("createObjectURL" in URL.createObjectURL), "" for none.
	Name, Member string
	// Offset, Line and Column are the name's position, as in APIUse.
	Offset, Line, Column int
}

// GlobalUses returns, in source order, the uses of the global names
// want accepts in the JavaScript source src, found as APIUses finds the
// API namespaces: free references (not members of other objects, object
// keys or declared bindings) and members of globalThis, window and self.
// A name the source tests with typeof anywhere is feature-detected: its
// uses are taken to be guarded and left out.
func GlobalUses(src []byte, want func(name []byte) bool) []GlobalUse {
	s := newJSScanner(src)
	lines := textpos.NewCounter(src)
	var uses []GlobalUse
	tested := map[string]bool{}
	for {
		t := s.next()
		if t.kind == tokEOF {
			return slices.DeleteFunc(uses, func(u GlobalUse) bool { return tested[u.Name] })
		}
		if t.kind == tokIdent && s.afterTypeof() && want(src[t.start:t.end]) {
			tested[string(src[t.start:t.end])] = true
		}
		if t.kind != tokIdent || !s.isFreeReference() || s.isObjectKey() || s.afterTypeof() {
			continue
		}
		id := src[t.start:t.end]
		name := t
		if !want(id) {
			if !isGlobalObjectName(id) {
				continue
			}
			var ok bool
			if name, ok = s.member(want); !ok {
				continue
			}
		}
		u := GlobalUse{Name: string(src[name.start:name.end]), Offset: name.start}
		if s.peek().kind == tokDot {
			s.next()
			if m := s.peek(); m.kind == tokIdent {
				s.next()
				u.Member = string(src[m.start:m.end])
			}
		}
		pos := lines.Pos(name.start)
		u.Line, u.Column = pos.Line, pos.Column
		uses = append(uses, u)
	}
}

// afterTypeof reports whether the token next returned last follows typeof.
func (s *jsScanner) afterTypeof() bool {
	return s.prev.kind == tokIdent && string(s.src[s.prev.start:s.prev.end]) == "typeof"
}
