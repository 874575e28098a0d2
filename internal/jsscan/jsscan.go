// Package jsscan finds, in JavaScript source, the uses of the extension API
// namespaces (chrome.tabs.query, browser.runtime.id) and the scripts a
// worker loads with importScripts, without parsing the source.
package jsscan

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/webext-shim/webext-shim/internal/textpos"
)

// This file holds a JavaScript scanner that is just good enough to find the
// extension-API uses of a script (chrome.tabs.query, browser.runtime.id) and
// the scripts a worker loads with importScripts. It is a tokenizer, not a
// parser: it knows where strings, template literals, comments and regular
// expression literals begin and end, so that nothing inside them is taken
// for code, and it looks at a token or two on either side of an identifier.
// It never fails: on broken input (an unterminated string, comment, template
// or regular expression, invalid UTF-8) it recovers or stops, in time
// linear in the length of the source.
//
// Telling a regular expression from a division is the one hard part of
// tokenizing JavaScript. The scanner uses the usual heuristic: a '/' starts
// a regular expression when the previous token is nothing, a punctuator
// other than ')', ']' and '}', or one of the keywords that precede an
// expression (return, typeof, case, ...; but not after a dot, where they
// are property names); otherwise it is a division. After ')' and '}'
// JavaScript itself needs the parse tree to decide ("if (x) /re/.test(s)",
// "{} /re/"); the scanner takes both for a division, as simple scanners do.
// The mistakes this makes are rare in real code, and a '/' that would start
// a regular expression running into the end of its line is taken for a
// division after all.

// APIUse is one use of an extension API namespace in JavaScript source.
type APIUse struct {
	Namespace string // "chrome" or "browser"
	// Path is the member chain after the namespace, dotted:
	// "tabs.executeScript", "runtime.onMessage.addListener"; "" for a bare
	// namespace use.
	Path   string
	Offset int // byte offset of the namespace identifier
	// Line and Column are 1-based; Column counts bytes (as Go's go/token
	// does). Line breaks are \n, \r\n, a lone \r, U+2028 and U+2029.
	Line, Column int
}

// APIUses returns the uses of the extension API namespaces chrome and
// browser in the JavaScript source src, in source order.
//
// A use is the identifier chrome or browser as a free reference, directly
// or as a member of globalThis, window or self ("globalThis.chrome.tabs";
// the position is that of "chrome"), with the member chain that follows it:
// ".name" and "?.name" links, and ["name"] links whose string is a plain
// ASCII identifier. Whitespace and comments may separate the links; any
// other link (a call, a computed member) ends the chain. Not uses: members
// of other objects (foo.chrome), object keys ({chrome: 1}), the binding of
// a declaration (let chrome, function browser), longer identifiers
// (mychrome), private names (#chrome), anything inside strings, template
// text, comments and regular expression literals (code inside a
// template's ${...} is scanned), and the uses of a local binding of the
// name (a parameter, a variable, a function or class, a catch parameter,
// an import; see scope.go), which esbuild's define does not replace
// either (FuzzScanAPIUsesAgainstEsbuild checks that the two agree). The
// names of methods ({chrome() {}}) are taken for bare uses.
func APIUses(src []byte) []APIUse {
	a := apiScanner{js: newJSScanner(src), lines: textpos.NewCounter(src)}
	a.scope = newScopeTracker(&a.js, apiNamespaces)
	a.js.observe = a.scope.observe
	for {
		t := a.js.next()
		switch {
		case t.kind == tokEOF:
			return a.free()
		case t.kind != tokIdent:
			continue
		}
		id := src[t.start:t.end]
		switch {
		case isAPINamespace(id):
			if a.js.isFreeReference() && !a.js.isObjectKey() {
				a.scope.addUse(len(a.uses), a.scope.nameIndex(id))
				a.record(t)
			}
		case isGlobalObjectName(id) && a.js.isFreeReference():
			if ns, ok := a.js.member(isAPINamespace); ok {
				a.record(ns)
			}
		}
	}
}

// free returns the uses that do not refer to a local binding.
func (a *apiScanner) free() []APIUse {
	local := a.scope.finish(len(a.uses))
	uses := a.uses[:0]
	for i, u := range a.uses {
		if !local[i] {
			uses = append(uses, u)
		}
	}
	if len(uses) == 0 {
		return nil
	}
	return uses
}

// ScriptRef is a string-literal argument of importScripts(...).
type ScriptRef struct {
	// Path is the value of the string literal, escapes decoded.
	Path string
	// Offset is the byte offset of the literal's opening quote; Line and
	// Column are its 1-based position, as in APIUse.
	Offset, Line, Column int
}

// ImportScripts returns, in source order, the arguments of the
// importScripts(...) calls in the JavaScript source src that are a single
// plain string literal. A call is one of the free identifier importScripts
// or of self.importScripts or globalThis.importScripts; arguments that are
// anything but one string literal (a concatenation, a template literal, a
// variable) are skipped.
//
// The escapes of JavaScript are decoded: \n, \t and the other single
// character escapes, \xHH, \uHHHH (surrogate pairs combined), \u{H...} and
// line continuations. A literal with a legacy octal escape (\1, \07), a
// malformed hex or unicode escape or an unpaired surrogate is skipped as
// not plain.
func ImportScripts(src []byte) []ScriptRef {
	s := newJSScanner(src)
	lines := textpos.NewCounter(src)
	var refs []ScriptRef
	for {
		t := s.next()
		if t.kind == tokEOF {
			return refs
		}
		if !s.startsImportScriptsCall(t) {
			continue
		}
		for _, lit := range s.plainStringArgs() {
			path, ok := unquoteJS(src[lit.start:lit.end])
			if !ok {
				continue
			}
			pos := lines.Pos(lit.start)
			refs = append(refs, ScriptRef{Path: path, Offset: lit.start, Line: pos.Line, Column: pos.Column})
		}
	}
}

// startsImportScriptsCall reports whether t, which next returned last,
// starts a call "importScripts(", "self.importScripts(" or
// "globalThis.importScripts(", and if so consumes the call through its '('.
func (s *jsScanner) startsImportScriptsCall(t jsToken) bool {
	if t.kind != tokIdent || !s.isFreeReference() {
		return false
	}
	switch id := s.src[t.start:t.end]; {
	case string(id) == "self" || string(id) == "globalThis":
		if _, ok := s.member(isImportScriptsName); !ok {
			return false
		}
	case !isImportScriptsName(id):
		return false
	}
	if s.peek().kind != tokLParen {
		return false
	}
	s.next()
	return true
}

// apiNamespaces are the extension API namespaces, the names APIUses
// tracks the local bindings of.
var apiNamespaces = []string{"chrome", "browser"}

// isAPINamespace reports whether id names an extension API namespace.
func isAPINamespace(id []byte) bool {
	return string(id) == "chrome" || string(id) == "browser"
}

// isGlobalObjectName reports whether id names the global object.
func isGlobalObjectName(id []byte) bool {
	return string(id) == "globalThis" || string(id) == "window" || string(id) == "self"
}

// isImportScriptsName reports whether id is importScripts.
func isImportScriptsName(id []byte) bool { return string(id) == "importScripts" }

// apiScanner collects the results of APIUses.
type apiScanner struct {
	js    jsScanner
	scope *scopeTracker
	lines *textpos.Counter
	uses  []APIUse
	path  []byte            // the chain being read, reused
	paths map[string]string // the paths found so far, so that each is allocated once
}

// record appends the use of the namespace identifier ns, reading the member
// chain that follows it.
func (a *apiScanner) record(ns jsToken) {
	namespace := "chrome"
	if a.js.src[ns.start] == 'b' {
		namespace = "browser"
	}
	pos := a.lines.Pos(ns.start)
	a.uses = append(a.uses, APIUse{Namespace: namespace, Path: a.chain(), Offset: ns.start, Line: pos.Line, Column: pos.Column})
}

// chain consumes the member chain after a namespace and returns it dotted.
func (a *apiScanner) chain() string {
	a.path = a.path[:0]
	for {
		name, ok := a.link()
		if !ok {
			break
		}
		if len(a.path) > 0 {
			a.path = append(a.path, '.')
		}
		a.path = append(a.path, name...)
	}
	return a.intern(a.path)
}

// link consumes one link of a member chain, ".name", "?.name", `["name"]`
// or `?.["name"]`, and returns the name. When the tokens ahead are not a
// link it returns false; it may have consumed a '.' or '[' by then, which
// is harmless, as no use starts with either.
func (a *apiScanner) link() ([]byte, bool) {
	s := &a.js
	switch s.peek().kind {
	case tokDot:
		s.next()
		t := s.peek()
		if t.kind == tokLBrack { // ?.["name"]
			return a.bracketLink()
		}
		if t.kind == tokIdent {
			s.next()
			return s.src[t.start:t.end], true
		}
	case tokLBrack:
		return a.bracketLink()
	}
	return nil, false
}

// bracketLink consumes `["name"]` where name is a plain identifier.
func (a *apiScanner) bracketLink() ([]byte, bool) {
	s := &a.js
	s.next() // [
	t := s.peek()
	if t.kind != tokString {
		return nil, false
	}
	name := s.src[t.start+1 : t.end-1]
	if !isPlainIdent(name) {
		return nil, false
	}
	s.next()
	if s.peek().kind != tokRBrack {
		return nil, false
	}
	s.next()
	return name, true
}

// intern returns path as a string, allocating each distinct path once: a
// script names the same few APIs over and over.
func (a *apiScanner) intern(path []byte) string {
	if len(path) == 0 {
		return ""
	}
	if s, ok := a.paths[string(path)]; ok {
		return s
	}
	if a.paths == nil {
		a.paths = make(map[string]string)
	}
	s := string(path)
	a.paths[s] = s
	return s
}

// isPlainIdent reports whether name is an ASCII identifier, such as a
// bracketed string may continue a chain with.
func isPlainIdent(name []byte) bool {
	if len(name) == 0 || jsCharClass[name[0]]&classIdentStart == 0 {
		return false
	}
	for _, c := range name {
		if jsCharClass[c]&classIdentPart == 0 {
			return false
		}
	}
	return true
}

// plainStringArgs consumes the arguments of a call, just after its '(',
// through the closing ')' and returns those that are one complete string
// literal. Brackets and template substitutions nest; a mismatched closing
// bracket ends the scan.
func (s *jsScanner) plainStringArgs() []jsToken {
	var lits []jsToken
	depth := 0 // brackets open within the current argument
	var last jsToken
	n := 0 // tokens in the current argument
	for {
		t := s.next()
		switch t.kind {
		case tokEOF:
			return lits
		case tokLParen, tokLBrack, tokLBrace:
			depth++
		case tokTemplate, tokTemplateHead:
			// Template text starting with '}' closes a substitution, text
			// ending in "${" opens one.
			if s.src[t.start] == '}' {
				if depth == 0 {
					return lits
				}
				depth--
			}
			if t.kind == tokTemplateHead {
				depth++
			}
		case tokRParen, tokRBrack, tokRBrace:
			if depth > 0 {
				depth--
				break
			}
			if t.kind == tokRParen && n == 1 && last.kind == tokString {
				lits = append(lits, last)
			}
			return lits
		case tokComma:
			if depth == 0 {
				if n == 1 && last.kind == tokString {
					lits = append(lits, last)
				}
				n = 0
				continue
			}
		}
		last = t
		n++
	}
}

// unquoteJS decodes the complete JavaScript string literal lit, quotes
// included. It reports false for the escapes ImportScripts documents as
// not plain.
func unquoteJS(lit []byte) (string, bool) {
	body := lit[1 : len(lit)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body), true
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); {
		if body[i] != '\\' {
			b.WriteByte(body[i])
			i++
			continue
		}
		n, ok := decodeJSEscape(&b, body[i+1:]) // a complete literal never ends in a lone '\'
		if !ok {
			return "", false
		}
		i += 1 + n
	}
	return b.String(), true
}

// decodeJSEscape writes the value of the escape sequence at the start of
// esc, just after its backslash, and returns the number of bytes it spans.
func decodeJSEscape(b *strings.Builder, esc []byte) (int, bool) {
	switch c := esc[0]; c {
	case 'n':
		b.WriteByte('\n')
	case 't':
		b.WriteByte('\t')
	case 'r':
		b.WriteByte('\r')
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'v':
		b.WriteByte('\v')
	case '0':
		if len(esc) > 1 && esc[1] >= '0' && esc[1] <= '9' {
			return 0, false // legacy octal
		}
		b.WriteByte(0)
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return 0, false // legacy octal, or the non-octal \8 and \9
	case '\r':
		if len(esc) > 1 && esc[1] == '\n' {
			return 2, true // line continuation
		}
	case '\n':
		// line continuation
	case 'x':
		if len(esc) < 3 {
			return 0, false
		}
		r, ok := parseHexRune(esc[1:3])
		if !ok {
			return 0, false
		}
		b.WriteRune(r)
		return 3, true
	case 'u':
		return decodeJSUnicodeEscape(b, esc)
	default:
		if n := textpos.LineBreakLen(esc, 0); n > 0 {
			return n, true // line continuation by U+2028 or U+2029
		}
		b.WriteByte(c) // \\, \', \" and identity escapes (a multi-byte rune's other bytes follow)
	}
	return 1, true
}

// decodeJSUnicodeEscape decodes \uHHHH (combining a surrogate pair written
// as two escapes) or \u{H...}; esc starts at the 'u'.
func decodeJSUnicodeEscape(b *strings.Builder, esc []byte) (int, bool) {
	if len(esc) > 1 && esc[1] == '{' {
		end := bytes.IndexByte(esc, '}')
		if end < 0 {
			return 0, false
		}
		r, ok := parseHexRune(esc[2:end])
		if !ok || isSurrogateRune(r) {
			return 0, false
		}
		b.WriteRune(r)
		return end + 1, true
	}
	if len(esc) < 5 {
		return 0, false
	}
	r, ok := parseHexRune(esc[1:5])
	if !ok {
		return 0, false
	}
	if !isSurrogateRune(r) {
		b.WriteRune(r)
		return 5, true
	}
	// A high surrogate must be followed by \u and a low one.
	if r >= 0xDC00 || len(esc) < 11 || esc[5] != '\\' || esc[6] != 'u' {
		return 0, false
	}
	lo, ok := parseHexRune(esc[7:11])
	if !ok || lo < 0xDC00 || lo > 0xDFFF {
		return 0, false
	}
	b.WriteRune(0x10000 + (r-0xD800)<<10 + (lo - 0xDC00))
	return 11, true
}

// isSurrogateRune reports whether r is a UTF-16 surrogate.
func isSurrogateRune(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }

// parseHexRune parses digits, at least one, as a hexadecimal code point (at
// most unicode.MaxRune).
func parseHexRune(digits []byte) (rune, bool) {
	if len(digits) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		if r > unicode.MaxRune {
			return 0, false
		}
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, r <= unicode.MaxRune
}

// Character classes of ASCII bytes, for jsCharClass.
const (
	classIdentStart = 1 << iota // A-Z a-z _ $
	classIdentPart              // classIdentStart and 0-9
	classDigit                  // 0-9
	classSpace                  // ASCII whitespace and line breaks
)

// jsCharClass classifies the bytes below utf8.RuneSelf (bytes above are
// classified by decoding their rune).
var jsCharClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = classIdentStart | classIdentPart
		t[c-'a'+'A'] = classIdentStart | classIdentPart
	}
	t['_'] = classIdentStart | classIdentPart
	t['$'] = classIdentStart | classIdentPart
	for c := '0'; c <= '9'; c++ {
		t[c] = classIdentPart | classDigit
	}
	for _, c := range " \t\n\r\v\f" {
		t[c] = classSpace
	}
	return t
}()

// jsTokenKind is the kind of a jsToken.
type jsTokenKind uint8

// The kinds of tokens the scanner tells apart.
const (
	tokEOF          jsTokenKind = iota
	tokIdent                    // an identifier or a keyword
	tokPrivate                  // #name
	tokNumber                   // a numeric literal
	tokString                   // a complete '...' or "..." literal
	tokBadString                // a string literal cut by a line break or the end of the source
	tokTemplate                 // template text ending the literal: "`...`" or "}...`"
	tokTemplateHead             // template text ending in a substitution: "`...${" or "}...${"
	tokRegExp                   // a regular expression literal with its flags
	tokDot                      // . or ?.
	tokLParen
	tokRParen
	tokLBrack
	tokRBrack
	tokLBrace
	tokRBrace
	tokComma
	tokColon
	tokArrow // =>
	tokPunct // any other punctuator, or a byte that is none of the above
)

// jsToken is a token: its kind and its bytes, src[start:end].
type jsToken struct {
	kind       jsTokenKind
	start, end int
}

// jsScanner splits JavaScript source into tokens, skipping whitespace and
// comments. It keeps the previous token for its callers and one token of
// lookahead (peek).
type jsScanner struct {
	src []byte
	off int

	// regexOK reports whether a '/' at off would start a regular
	// expression, from the token before it.
	regexOK bool
	// lastKind is the kind of the token scanned last.
	lastKind jsTokenKind
	// noRegexBefore is the end of the line on which a regular expression
	// was last found unterminated: a '/' before it is a division, so that
	// no line is searched for the end of a regular expression twice.
	noRegexBefore int

	// depth counts the '{' not yet closed; subst holds, for each open
	// template substitution, the depth at its "${", at which a '}' closes
	// it.
	depth int
	subst []int

	prev, cur jsToken // the two tokens next returned last
	ahead     jsToken // the token peek read, when peeked
	peeked    bool

	// observe, when set, sees each token next returns, after prev and cur
	// are set and before next returns it.
	observe func(jsToken)
}

// newJSScanner returns a scanner at the start of src, past a hashbang line.
func newJSScanner(src []byte) jsScanner {
	s := jsScanner{src: src, regexOK: true}
	if bytes.HasPrefix(src, []byte("#!")) {
		s.off = s.lineEnd(2)
	}
	return s
}

// next consumes and returns the next token.
func (s *jsScanner) next() jsToken {
	t := s.ahead
	if s.peeked {
		s.peeked = false
	} else {
		t = s.scan()
	}
	s.prev, s.cur = s.cur, t
	if s.observe != nil {
		s.observe(t)
	}
	return t
}

// peek returns the next token without consuming it.
func (s *jsScanner) peek() jsToken {
	if !s.peeked {
		s.ahead = s.scan()
		s.peeked = true
	}
	return s.ahead
}

// isFreeReference reports whether the identifier next returned last is a
// reference to a variable: not a member (after '.' or '?.') and not the
// binding of a declaration.
func (s *jsScanner) isFreeReference() bool {
	switch p := s.prev; p.kind {
	case tokDot:
		return false
	case tokIdent:
		return !isDeclKeyword(s.src[p.start:p.end])
	}
	return true
}

// isDeclKeyword reports whether id is a keyword followed by the name it
// declares.
func isDeclKeyword(id []byte) bool {
	if len(id) < 3 || len(id) > len("function") {
		return false
	}
	switch string(id) {
	case "var", "let", "const", "function", "class":
		return true
	}
	return false
}

// isObjectKey reports whether the identifier next returned last is the key
// of an object literal member: after '{' or ',' and before ':'.
func (s *jsScanner) isObjectKey() bool {
	return (s.prev.kind == tokLBrace || s.prev.kind == tokComma) && s.peek().kind == tokColon
}

// member consumes ".name" or "?.name" and returns the name's token when the
// next tokens are that and want(name) holds; otherwise it returns false,
// having consumed at most the dot.
func (s *jsScanner) member(want func([]byte) bool) (jsToken, bool) {
	if s.peek().kind != tokDot {
		return jsToken{}, false
	}
	s.next()
	t := s.peek()
	if t.kind != tokIdent || !want(s.src[t.start:t.end]) {
		return jsToken{}, false
	}
	return s.next(), true
}

// emit ends the token of kind that started at start and ends at s.off;
// regexOK tells whether a '/' after it would start a regular expression.
func (s *jsScanner) emit(kind jsTokenKind, start int, regexOK bool) jsToken {
	s.regexOK = regexOK
	s.lastKind = kind
	return jsToken{kind: kind, start: start, end: s.off}
}

// punct emits the punctuator of n bytes at s.off.
func (s *jsScanner) punct(kind jsTokenKind, n int) jsToken {
	start := s.off
	s.off += n
	return s.emit(kind, start, kind != tokRParen && kind != tokRBrack && kind != tokRBrace)
}

// scan reads the next token.
func (s *jsScanner) scan() jsToken {
	for s.off < len(s.src) {
		c := s.src[s.off]
		switch {
		case jsCharClass[c]&classSpace != 0:
			s.off = s.spaceEnd(s.off + 1)
		case jsCharClass[c]&classIdentStart != 0:
			return s.ident(tokIdent, s.off, s.off+1)
		case jsCharClass[c]&classDigit != 0:
			return s.number()
		case c >= utf8.RuneSelf:
			if t, ok := s.nonASCII(); ok {
				return t
			}
		case c == '/':
			if t, ok := s.slash(); ok {
				return t
			}
		default:
			return s.punctuator(c)
		}
	}
	return jsToken{kind: tokEOF, start: len(s.src), end: len(s.src)}
}

// spaceEnd returns the end of the run of ASCII whitespace from i.
func (s *jsScanner) spaceEnd(i int) int {
	for i < len(s.src) && jsCharClass[s.src[i]]&classSpace != 0 {
		i++
	}
	return i
}

// punctuator reads the token starting with the ASCII byte c, which is
// neither space, nor an identifier, nor a number, nor '/'.
func (s *jsScanner) punctuator(c byte) jsToken {
	switch c {
	case '"', '\'':
		return s.stringLiteral()
	case '`':
		start := s.off
		s.off++
		return s.templateText(start)
	case '.':
		if s.at(1, '.') && s.at(2, '.') {
			return s.punct(tokPunct, 3) // spread
		}
		if s.off+1 < len(s.src) && jsCharClass[s.src[s.off+1]]&classDigit != 0 {
			return s.number() // .5
		}
		return s.punct(tokDot, 1)
	case '?':
		// "a?.5:b" is a conditional, not optional chaining.
		if s.at(1, '.') && (s.off+2 >= len(s.src) || jsCharClass[s.src[s.off+2]]&classDigit == 0) {
			return s.punct(tokDot, 2)
		}
	case '#':
		if s.off+1 < len(s.src) && s.isIdentStartAt(s.off+1) {
			return s.ident(tokPrivate, s.off, s.off+1)
		}
	case '(':
		return s.punct(tokLParen, 1)
	case ')':
		return s.punct(tokRParen, 1)
	case '[':
		return s.punct(tokLBrack, 1)
	case ']':
		return s.punct(tokRBrack, 1)
	case '{':
		s.depth++
		return s.punct(tokLBrace, 1)
	case '}':
		return s.closeBrace()
	case ',':
		return s.punct(tokComma, 1)
	case ':':
		return s.punct(tokColon, 1)
	case '=':
		if s.at(1, '>') {
			return s.punct(tokArrow, 2)
		}
	}
	// Other multi-byte operators (===, ??=) come out a byte at a time:
	// each is a punctuator, which is all the scanner needs to know.
	return s.punct(tokPunct, 1)
}

// at reports whether the byte i after s.off is c.
func (s *jsScanner) at(i int, c byte) bool {
	return s.off+i < len(s.src) && s.src[s.off+i] == c
}

// closeBrace reads a '}', which closes either a block or object or the
// innermost template substitution.
func (s *jsScanner) closeBrace() jsToken {
	if n := len(s.subst); n > 0 && s.subst[n-1] == s.depth {
		s.subst = s.subst[:n-1]
		start := s.off
		s.off++
		return s.templateText(start)
	}
	if s.depth > 0 {
		s.depth--
	}
	return s.punct(tokRBrace, 1)
}

// nonASCII reads the token at a non-ASCII rune or an invalid byte: it
// skips Unicode whitespace and line breaks (and reports false), reads an
// identifier, or makes any other rune or invalid byte a punctuator of its
// own.
func (s *jsScanner) nonASCII() (jsToken, bool) {
	r, size := utf8.DecodeRune(s.src[s.off:])
	switch {
	case isJSSpace(r):
		s.off += size
		return jsToken{}, false
	case isJSIdentRune(r):
		return s.ident(tokIdent, s.off, s.off+size), true
	}
	return s.punct(tokPunct, size), true
}

// isJSSpace reports whether the non-ASCII r is JavaScript whitespace or a
// line terminator.
func isJSSpace(r rune) bool {
	return r == 0xFEFF || r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Zs, r)
}

// isJSIdentRune reports whether the non-ASCII r may be part of an
// identifier: a letter, a combining mark, a digit, a connector, ZWNJ or
// ZWJ. Identifiers need telling apart, not validating, so the scanner does
// not tell the characters that may start one from those that may continue
// one.
func isJSIdentRune(r rune) bool {
	return unicode.In(r, unicode.L, unicode.Nl, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) ||
		r == 0x200C || r == 0x200D
}

// isIdentStartAt reports whether an identifier can start at src[i].
func (s *jsScanner) isIdentStartAt(i int) bool {
	c := s.src[i]
	if c < utf8.RuneSelf {
		return jsCharClass[c]&classIdentStart != 0
	}
	r, _ := utf8.DecodeRune(s.src[i:])
	return isJSIdentRune(r)
}

// identEnd returns the end of the identifier characters from i.
func (s *jsScanner) identEnd(i int) int {
	for i < len(s.src) {
		c := s.src[i]
		if c < utf8.RuneSelf {
			if jsCharClass[c]&classIdentPart == 0 {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s.src[i:])
		if !isJSIdentRune(r) {
			break
		}
		i += size
	}
	return i
}

// ident reads the identifier or keyword (kind tokIdent) or the #name
// (tokPrivate) that starts at start with a character that ends at i. After
// a dot a keyword is a property name ("a.return / 2").
func (s *jsScanner) ident(kind jsTokenKind, start, i int) jsToken {
	s.off = s.identEnd(i)
	return s.emit(kind, start, kind == tokIdent && s.lastKind != tokDot && isRegexKeyword(s.src[start:s.off]))
}

// isRegexKeyword reports whether id is a keyword after which a '/' starts
// a regular expression.
func isRegexKeyword(id []byte) bool {
	if len(id) < 2 || len(id) > len("instanceof") {
		return false
	}
	switch string(id) {
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void",
		"throw", "case", "do", "else", "yield", "await":
		return true
	}
	return false
}

// number reads a numeric literal: digits, letters (0x1F, 1e3, 10n, 1_000),
// dots, and a sign after the exponent's e of a decimal number.
func (s *jsScanner) number() jsToken {
	start := s.off
	hex := s.src[start] == '0' && (s.at(1, 'x') || s.at(1, 'X'))
	i := start + 1
	for i < len(s.src) {
		c := s.src[i]
		if jsCharClass[c]&classIdentPart != 0 || c == '.' ||
			(c == '+' || c == '-') && !hex && (s.src[i-1] == 'e' || s.src[i-1] == 'E') {
			i++
			continue
		}
		break
	}
	s.off = i
	return s.emit(tokNumber, start, false)
}

// stringLiteral reads a '...' or "..." literal. A line break ends an
// unterminated literal, so that the next line is scanned as code.
func (s *jsScanner) stringLiteral() jsToken {
	start := s.off
	quote := s.src[start]
	for i := start + 1; i < len(s.src); {
		switch s.src[i] {
		case quote:
			s.off = i + 1
			return s.emit(tokString, start, false)
		case '\\':
			i++
			if i < len(s.src) {
				i += max(1, textpos.LineBreakLen(s.src, i)) // \ and a line break are a continuation
			}
		case '\n', '\r':
			s.off = i
			return s.emit(tokBadString, start, false)
		default:
			i++
		}
	}
	s.off = len(s.src)
	return s.emit(tokBadString, start, false)
}

// templateText reads template text from s.off, just after the '`' or '}'
// at start, through the closing '`' or the "${" of a substitution.
func (s *jsScanner) templateText(start int) jsToken {
	for i := s.off; i < len(s.src); i++ {
		switch s.src[i] {
		case '`':
			s.off = i + 1
			return s.emit(tokTemplate, start, false)
		case '\\':
			i++
		case '$':
			if i+1 < len(s.src) && s.src[i+1] == '{' {
				s.off = i + 2
				s.subst = append(s.subst, s.depth)
				return s.emit(tokTemplateHead, start, true)
			}
		}
	}
	s.off = len(s.src)
	return s.emit(tokTemplate, start, false)
}

// slash reads what starts with '/' at s.off: it skips a comment (and
// reports false) or reads a regular expression or a division operator.
func (s *jsScanner) slash() (jsToken, bool) {
	start := s.off
	switch {
	case s.at(1, '/'):
		s.off = s.lineEnd(start + 2)
		return jsToken{}, false
	case s.at(1, '*'):
		end := bytes.Index(s.src[start+2:], []byte("*/"))
		if end < 0 {
			s.off = len(s.src)
		} else {
			s.off = start + 2 + end + 2
		}
		return jsToken{}, false
	case s.regexOK && start >= s.noRegexBefore:
		end, ok := s.regExpEnd(start + 1)
		if ok {
			s.off = end
			return s.emit(tokRegExp, start, false), true
		}
		s.noRegexBefore = end
	}
	return s.punct(tokPunct, 1), true
}

// regExpEnd returns the end of the regular expression literal whose body
// starts at i, flags included. If the literal is not closed on its line it
// returns false with the offset of the line's end.
func (s *jsScanner) regExpEnd(i int) (int, bool) {
	inClass := false
	for i < len(s.src) {
		if textpos.LineBreakLen(s.src, i) > 0 {
			return i, false
		}
		switch s.src[i] {
		case '\\':
			i++
			if i < len(s.src) && textpos.LineBreakLen(s.src, i) > 0 {
				return i, false
			}
		case '[':
			inClass = true
		case ']':
			inClass = false
		case '/':
			if !inClass {
				return s.identEnd(i + 1), true
			}
		}
		i++
	}
	return len(s.src), false
}

// lineEnd returns the offset of the first line break at or after i, or the
// end of the source.
func (s *jsScanner) lineEnd(i int) int {
	for ; i < len(s.src); i++ {
		if c := s.src[i]; (c == '\n' || c == '\r' || c == 0xE2) && textpos.LineBreakLen(s.src, i) > 0 {
			return i
		}
	}
	return len(s.src)
}
