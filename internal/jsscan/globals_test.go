package jsscan

import (
	"slices"
	"strconv"
	"testing"
)

// globalNames are the names the GlobalUses tests ask for: Window-only
// globals, window among them.
var globalNames = []string{"document", "localStorage", "URL", "window", "Audio", "alert", "DOMParser"}

// globalUseTests are the cases of TestScanGlobalUses, and seeds of the fuzz
// tests. A use is written name.member@line:col.
var globalUseTests = []struct {
	name string
	src  string
	uses []string
}{
	{"member", "document.title", []string{"document.title@1:1"}},
	{"bare", "x = localStorage;", []string{"localStorage@1:5"}},
	{"member of globalThis", "globalThis.localStorage.getItem('a')", []string{"localStorage.getItem@1:12"}},
	{"static method", "URL.createObjectURL(b)", []string{"URL.createObjectURL@1:1"}},
	{"new", "new URL('x')", []string{"URL@1:5"}},
	{"not uses", "foo.document; ({document: 1}); let document2;", nil},
	{"comments strings templates regexes", "// document\n'document'; `document`; /document/", nil},
	{"typeof tests a name", "if (typeof document !== 'undefined') document.title = 1;", nil},
	{"window is a use", "const w = window;\n  w.x = 1;", []string{"window@1:11"}},
	{"window member is a use of window", "window.localStorage.x", []string{"window.localStorage@1:1"}},

	// Local bindings of the names: not the global.
	{"parameter", "function isSupported(document) { return document.x }\ndocument.y", []string{"document.y@2:1"}},
	{"parameter of a function expression", "f = function (a, alert) { alert(a) };\nalert(1)", []string{"alert@2:1"}},
	{"name of a function expression", "f = function alert() { alert() };\nalert()", []string{"alert@2:1"}},
	{"method parameter", "({ m(alert) { alert(1) } });\nclass C { n(document) { document.x } }", nil},
	{"arrow parameters", "const play = (audio, Audio) => new Audio(audio);\nnew Audio('b')", []string{"Audio@2:5"}},
	{"arrow parameter", "f(alert => alert(1), alert)", []string{"alert@1:22"}},
	{"async arrow with a block body", "g(async (document) => { await document.x });\ndocument.y", []string{"document.y@2:1"}},
	{"destructured parameters", "function f({document}, [localStorage], {a: {URL}}, ...Audio) {\n  document.x; localStorage.y; URL.z; new Audio();\n}\nURL.createObjectURL(b)", []string{"URL.createObjectURL@4:1"}},
	{"renamed in a parameter pattern", "function f({document: d}) { document.x }", []string{"document.x@1:29"}},
	{"default parameter value is a use", "function f(d = document) { return d }", []string{"document@1:16"}},
	{"let", "let localStorage = new Map(); localStorage.get(k)", nil},
	{"const window", "const window = self;\nwindow.document.title;\nself.alert(2)", []string{"alert@3:6"}},
	{"var", "var URL = require('url').URL;\nnew URL(s)", nil},
	{"destructuring declaration", "const {document, a: [Audio]} = o, b = {alert: 1};\ndocument.x; new Audio(); alert(1)", []string{"alert@2:26"}},
	{"object key of a pattern is not a binding", "const {document: d} = o;\ndocument.x", []string{"document.x@2:1"}},
	{"initializer is a use", "let d = document.body, e = {document};", []string{"document.body@1:9", "document@1:29"}},
	{"catch parameter", "try { f() } catch (alert) { alert.x }\nalert(1)", []string{"alert@2:1"}},
	{"function declaration", "function alert(m) { console.log(m) }\nalert(1)", nil},
	{"function declaration is hoisted", "alert(1);\nfunction alert(m) {}", nil},
	{"var is hoisted to the function", "function f() {\n  document.x;\n  if (a) { var document = d; }\n}\ndocument.y", []string{"document.y@5:1"}},
	{"var is hoisted at the top level", "document.x;\nvar document = {};", nil},
	{"class declaration", "class Audio { play() {} }\nnew Audio().play()", nil},
	{"class in a block", "{ class Audio {} new Audio() }\nnew Audio()", []string{"Audio@2:5"}},
	{"let in a block", "{ let document = d; document.x }\ndocument.y", []string{"document.y@2:1"}},
	{"let after use in its block (dead zone)", "{ document.x; const document = d; }", nil},
	{"for of", "for (const document of docs) { document.x }\ndocument.y", []string{"document.y@2:1"}},
	{"import", "import { DOMParser } from 'linkedom';\nimport * as document from './doc.js';\nnew DOMParser(); document.x", nil},
	{"import renamed", "import { parse as DOMParser, URL as U } from 'x';\nnew DOMParser(); new URL(u)", []string{"URL@2:22"}},
	{"nested: outer global, inner local", "document.a;\nfunction f(document) {\n  document.b;\n  function g() { document.c }\n}\ndocument.d", []string{"document.a@1:1", "document.d@6:1"}},
	{"nested: inner local only", "function f() {\n  document.x;\n  { let document = 1; document.y }\n}", []string{"document.x@2:3"}},
	{"a binding of one name leaves the others", "function f(document, localStorage) { URL.x; alert(document) }", []string{"URL.x@1:38", "alert@1:45"}},
	{"shadowed in a sibling only", "function f(alert) {}\nfunction g() { alert(1) }", []string{"alert@2:16"}},

	// Members of the global object: uses unless the object's name is local.
	{"member of self with a local of the name", "function f(document) { return self.document.title }", []string{"document.title@1:36"}},
	{"member of a local self", "function f(self) { self.document.x; globalThis.alert(1) }", []string{"alert@1:48"}},
	{"member of a local window", "function f(window) { window.localStorage.x }\nwindow.alert(1)", []string{"window.alert@2:1"}},
	{"typeof of a local does not test the global", "function f(document) { return typeof document }\ndocument.title", []string{"document.title@2:1"}},
}

// TestScanGlobalUsesNameList: a name given twice is tracked once, and a
// global object asked for is a name like the others.
func TestScanGlobalUsesNameList(t *testing.T) {
	src := []byte("function f(alert) { alert(1) }\nalert(2); self.alert(3); function g(self) { self.x }")
	got := GlobalUses(src, []string{"alert", "self", "alert"})
	want := []GlobalUse{
		{Name: "alert", Offset: 31, Line: 2, Column: 1},
		{Name: "self", Member: "alert", Offset: 41, Line: 2, Column: 11},
	}
	if !slices.Equal(got, want) {
		t.Errorf("GlobalUses(%q) = %+v, want %+v", src, got, want)
	}
}

func TestScanGlobalUses(t *testing.T) {
	for _, c := range globalUseTests {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, u := range GlobalUses([]byte(c.src), globalNames) {
				s := u.Name
				if u.Member != "" {
					s += "." + u.Member
				}
				got = append(got, s+"@"+strconv.Itoa(u.Line)+":"+strconv.Itoa(u.Column))
			}
			if !slices.Equal(got, c.uses) {
				t.Errorf("GlobalUses(%q) = %q, want %q", c.src, got, c.uses)
			}
		})
	}
}
