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

// GlobalUses returns, in source order, the uses of the global names in
// the JavaScript source src, found as APIUses finds the API namespaces:
// free references (not members of other objects, object keys or declared
// bindings) and members of globalThis, window and self.
//
// A use that refers to a local binding of the name (a parameter, a
// variable, a function or class, a catch parameter, an import; see
// scope.go) does not touch the global and is left out, as is a member of
// globalThis, window or self when that name is itself a local binding
// (const window = self; window.document). When window is one of names,
// window.x is a use of window (with Member x), not of x.
//
// A name the source tests with typeof anywhere, outside the scope of a
// local binding of it, is feature-detected: its uses are taken to be
// guarded and left out.
func GlobalUses(src []byte, names []string) []GlobalUse {
	s := newJSScanner(src)
	tracked, nWanted := trackedGlobals(names)
	st := newScopeTracker(&s, tracked)
	s.observe = st.observe
	isWanted := func(id []byte) bool {
		n := st.nameIndex(id)
		return n >= 0 && n < nWanted
	}
	lines := textpos.NewCounter(src)
	// found holds the uses and the typeof probes, in source order; an
	// index into it is a use index of the scope tracker.
	var found []globalFound
	for {
		t := s.next()
		if t.kind == tokEOF {
			break
		}
		if t.kind != tokIdent || !s.isFreeReference() || s.isObjectKey() {
			continue
		}
		n := st.nameIndex(src[t.start:t.end])
		if n < 0 {
			continue
		}
		if s.afterTypeof() {
			if n < nWanted {
				st.addUse(len(found), n)
				found = append(found, globalFound{use: GlobalUse{Name: tracked[n]}, probe: true})
			}
			continue
		}
		name := t
		if n >= nWanted { // globalThis, window or self, not itself wanted
			var ok bool
			if name, ok = s.member(isWanted); !ok {
				continue
			}
		}
		st.addUse(len(found), n)
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
		found = append(found, globalFound{use: u})
	}
	return globalUsesOf(found, st.finish(len(found)))
}

// globalFound is a use GlobalUses found, or a typeof probe of a name.
type globalFound struct {
	use   GlobalUse
	probe bool // typeof name: feature detection, not a use
}

// globalUsesOf returns the uses in found that are not local (local[i]
// tells for found[i]) and whose name no global typeof probe tests.
func globalUsesOf(found []globalFound, local []bool) []GlobalUse {
	tested := map[string]bool{}
	for i, f := range found {
		if f.probe && !local[i] {
			tested[f.use.Name] = true
		}
	}
	var uses []GlobalUse
	for i, f := range found {
		if !f.probe && !local[i] && !tested[f.use.Name] {
			uses = append(uses, f.use)
		}
	}
	return uses
}

// trackedGlobals returns the names whose bindings GlobalUses tracks: names
// once each, the first nWanted, then those of globalThis, window and self
// that names lacks, whose members may be uses.
func trackedGlobals(names []string) (tracked []string, nWanted int) {
	for _, n := range names {
		if !slices.Contains(tracked, n) {
			tracked = append(tracked, n)
		}
	}
	nWanted = len(tracked)
	for _, n := range []string{"globalThis", "window", "self"} {
		if !slices.Contains(tracked, n) {
			tracked = append(tracked, n)
		}
	}
	return tracked, nWanted
}

// afterTypeof reports whether the token next returned last follows typeof.
func (s *jsScanner) afterTypeof() bool {
	return s.prev.kind == tokIdent && string(s.src[s.prev.start:s.prev.end]) == "typeof"
}
