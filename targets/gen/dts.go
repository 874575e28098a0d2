package main

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// chromeMember is one entry of the output's "chrome" table.
type chromeMember struct {
	Kind            string `json:"kind"`
	Since           string `json:"since,omitempty"`
	PromiseSince    string `json:"promiseSince,omitempty"`
	NoServiceWorker bool   `json:"noServiceWorker,omitempty"`
	MinManifest     int    `json:"minManifest,omitempty"`
	MaxManifest     int    `json:"maxManifest,omitempty"`
	DeprecatedSince string `json:"deprecatedSince,omitempty"`
	Deprecated      string `json:"deprecated,omitempty"`
	MinArgs         *int   `json:"minArgs,omitempty"`
	MaxArgs         *int   `json:"maxArgs,omitempty"`
	CallbackArgs    *int   `json:"callbackArgs,omitempty"`
}

// dtsResult is what the generator takes from index.d.ts.
type dtsResult struct {
	date    string // from the "// Generated on" line, YYYY-MM-DD
	members map[string]chromeMember
	// declared holds the path below chrome of every declaration, exported
	// under that name: namespaces, functions, constants, interfaces, type
	// aliases, enums and classes ("tabs.Tab" as well as "tabs.query").
	declared map[string]bool
	// namespaces holds the path of every namespace declared, the first
	// parts of dotted ones included ("devtools" for devtools.inspectedWindow).
	namespaces map[string]bool
	// permissions and manifestKeys map what @chrome-permission and
	// @chrome-manifest name to the path of the member that carries the tag
	// (the earliest, by since, when several do).
	permissions  map[string]string
	manifestKeys map[string]string
}

// tags are the JSDoc tags the generator reads.
type tags struct {
	since           string   // @since Chrome N ("preview" for Pending)
	promiseSince    string   // @chrome-returns-extra since Chrome N
	noServiceWorker bool     // @chrome-disallow-service-workers
	minManifest     int      // @chrome-min-manifest MV3
	maxManifest     int      // @chrome-max-manifest MV2
	deprecated      bool     // @deprecated
	deprecatedText  string   // its text
	deprecatedSince string   // @chrome-deprecated-since Chrome N
	permissions     []string // @chrome-permission NAME
	manifestKeys    []string // @chrome-manifest KEY
}

// param is one parameter of a function signature.
type param struct {
	name     string
	optional bool // name? or ...rest
	fnArgs   int  // parameters of its function type; -1 when not a function type
}

// overload is one signature of a function or method.
type overload struct {
	tags    tags
	params  []param
	promise bool // returns Promise<...>
	line    int
}

// objMember is a member of an interface or object type.
type objMember struct {
	name   string
	doc    tags
	method *overload
	typ    []token // a property's type
}

// iface is an interface declaration.
type iface struct {
	scope   string // namespace path it was declared in
	doc     tags
	extends [][]token
	members []objMember
}

// constDecl is an exported const or let, expanded once every interface is
// known.
type constDecl struct {
	path, scope string
	doc         tags
	typ         []token
}

// dtsParser parses the chrome namespace of a chrome-types index.d.ts.
type dtsParser struct {
	toks   []token
	pos    int
	ifaces map[string]*iface
	funcs  map[string][]overload
	fnTags map[string]tags // tags expanded functions inherit from their constant
	out    map[string]chromeMember
	consts []constDecl
	// declared and tagged are what dtsResult's declared, permissions and
	// manifestKeys are made of; tagged maps "permission NAME" and
	// "manifest KEY" to the paths that carry the tag.
	declared   map[string]bool
	namespaces map[string]bool
	tagged     map[string][]string
}

// generatedOn matches chrome-types' "// Generated on ..." line.
var generatedOn = regexp.MustCompile(`(?m)^// Generated on (.+?)(?: \(.*\))?\s*$`)

// parseDTS reads chrome-types' index.d.ts.
func parseDTS(src []byte) (*dtsResult, error) {
	m := generatedOn.FindSubmatch(src)
	if m == nil {
		return nil, fmt.Errorf("no %q line", "// Generated on")
	}
	when, err := time.Parse("Mon Jan 02 2006 15:04:05 GMT-0700", string(m[1]))
	if err != nil {
		return nil, fmt.Errorf("reading the generation date: %w", err)
	}
	p, err := parseChrome(src)
	if err != nil {
		return nil, err
	}
	res := &dtsResult{
		date:         when.UTC().Format(time.DateOnly),
		members:      p.out,
		declared:     p.declared,
		namespaces:   p.namespaces,
		permissions:  make(map[string]string),
		manifestKeys: make(map[string]string),
	}
	for _, k := range sortedKeys(p.tagged) {
		kind, name, _ := strings.Cut(k, " ")
		dst := res.permissions
		if kind == "manifest" {
			dst = res.manifestKeys
		}
		for _, path := range p.tagged[k] {
			cur, ok := dst[name]
			if !ok || compareSince(p.sinceOf(path), p.sinceOf(cur)) < 0 {
				dst[name] = path
			}
		}
	}
	return res, nil
}

// isNamespace reports whether path is a namespace of chrome: recorded as
// one, or declared only as the first part of a dotted namespace
// (`namespace devtools.inspectedWindow` declares devtools).
func (r *dtsResult) isNamespace(path string) bool {
	return r.namespaces[path]
}

// compareSince orders two since values, "" (no since: from before
// chrome-types records) first and "preview" last.
func compareSince(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "":
		return -1
	case b == "":
		return 1
	}
	return compareChromeVersions(a, b)
}

// scanDTS finds every `declare namespace chrome { ... }` at the top level
// and returns the members of the chrome namespace, keyed by their path below
// chrome.
func scanDTS(src []byte) (map[string]chromeMember, error) {
	p, err := parseChrome(src)
	if err != nil {
		return nil, err
	}
	return p.out, nil
}

// parseChrome parses every `declare namespace chrome { ... }` at the top
// level.
func parseChrome(src []byte) (*dtsParser, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &dtsParser{
		toks:       toks,
		ifaces:     make(map[string]*iface),
		funcs:      make(map[string][]overload),
		fnTags:     make(map[string]tags),
		out:        make(map[string]chromeMember),
		declared:   make(map[string]bool),
		namespaces: make(map[string]bool),
		tagged:     make(map[string][]string),
	}
	found := false
	depth := 0
	for p.pos < len(p.toks) {
		t := p.next()
		switch {
		case t.is("{"):
			depth++
		case t.is("}"):
			depth--
		case depth == 0 && t.isIdent("declare") && p.peek(0).isIdent("namespace") &&
			p.peek(1).isIdent("chrome") && p.peek(2).is("{"):
			p.pos += 3
			found = true
			if err := p.namespaceBody(""); err != nil {
				return nil, err
			}
		}
	}
	if !found {
		return nil, fmt.Errorf("no %q", "declare namespace chrome {")
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p, nil
}

// next returns the next token; past the end it returns an empty punct token.
func (p *dtsParser) next() token {
	if p.pos >= len(p.toks) {
		p.pos++
		return token{kind: tokPunct, line: p.lastLine()}
	}
	t := p.toks[p.pos]
	p.pos++
	return t
}

// peek returns the token i places ahead without consuming it.
func (p *dtsParser) peek(i int) token {
	if p.pos+i >= len(p.toks) {
		return token{kind: tokPunct, line: p.lastLine()}
	}
	return p.toks[p.pos+i]
}

func (p *dtsParser) lastLine() int {
	if len(p.toks) == 0 {
		return 1
	}
	return p.toks[len(p.toks)-1].line
}

// nextCode skips JSDoc comments and returns the next other token.
func (p *dtsParser) nextCode() token {
	for {
		t := p.next()
		if t.kind != tokDoc {
			return t
		}
	}
}

func (p *dtsParser) expect(punct string) error {
	t := p.nextCode()
	if !t.is(punct) {
		return fmt.Errorf("line %d: expected %q, found %q", t.line, punct, t.text)
	}
	return nil
}

func (p *dtsParser) ident() (token, error) {
	t := p.nextCode()
	if t.kind != tokIdent {
		return t, fmt.Errorf("line %d: expected a name, found %q", t.line, t.text)
	}
	return t, nil
}

// dottedName reads a.b.c.
func (p *dtsParser) dottedName() (string, error) {
	t, err := p.ident()
	if err != nil {
		return "", err
	}
	name := t.text
	for p.peek(0).is(".") {
		p.pos++
		t, err := p.ident()
		if err != nil {
			return "", err
		}
		name += "." + t.text
	}
	return name, nil
}

// declare records a declaration at full and the permissions and manifest
// keys its tags name.
func (p *dtsParser) declare(full string, tg tags) {
	p.declared[full] = true
	for _, perm := range tg.permissions {
		p.tagged["permission "+perm] = append(p.tagged["permission "+perm], full)
	}
	for _, key := range tg.manifestKeys {
		p.tagged["manifest "+key] = append(p.tagged["manifest "+key], full)
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// namespaceBody parses the declarations of the namespace at path up to its
// closing brace.
func (p *dtsParser) namespaceBody(path string) error {
	hidden := make(map[string]bool) // declared without export
	aliases := make(map[string]string)
	var doc *token
	for {
		t := p.next()
		if p.pos > len(p.toks) {
			return fmt.Errorf("line %d: namespace %q is not closed", t.line, path)
		}
		switch {
		case t.kind == tokDoc:
			doc = &t
			continue
		case t.is("}"):
			return p.closeScope(path, hidden, aliases)
		case t.is(";"):
			continue
		}
		exported := false
		if t.isIdent("export") {
			exported = true
			if p.peek(0).is("{") { // export {_eval as eval};
				p.pos++
				if err := p.exportList(aliases); err != nil {
					return err
				}
				doc = nil
				continue
			}
			t = p.nextCode()
		}
		if t.isIdent("declare") {
			t = p.nextCode()
		}
		tg, err := docTags(doc)
		if err != nil {
			return err
		}
		doc = nil
		if t.kind != tokIdent {
			return fmt.Errorf("line %d: unexpected %q in namespace %q", t.line, t.text, path)
		}
		switch t.text {
		case "namespace", "module":
			name, err := p.dottedName()
			if err != nil {
				return err
			}
			if err := p.expect("{"); err != nil {
				return err
			}
			full := join(path, name)
			if !exported {
				hidden[strings.SplitN(name, ".", 2)[0]] = true
			}
			// namespace a.b declares a as well as a.b.
			parts := strings.Split(name, ".")
			for i := range parts[:len(parts)-1] {
				p.declare(join(path, strings.Join(parts[:i+1], ".")), tags{})
				p.namespaces[join(path, strings.Join(parts[:i+1], "."))] = true
			}
			p.declare(full, tg)
			p.namespaces[full] = true
			m := p.out[full]
			m.Kind = "namespace"
			applyTags(&m, tg)
			p.out[full] = m
			if err := p.namespaceBody(full); err != nil {
				return err
			}
		case "function":
			name, err := p.ident()
			if err != nil {
				return err
			}
			if !exported {
				hidden[name.text] = true
			}
			ov, err := p.signature(tg, name.line)
			if err != nil {
				return fmt.Errorf("function %q: %w", join(path, name.text), err)
			}
			full := join(path, name.text)
			p.funcs[full] = append(p.funcs[full], ov)
			p.declare(full, tg)
		case "const", "let", "var":
			name, err := p.ident()
			if err != nil {
				return err
			}
			if !exported {
				hidden[name.text] = true
			}
			var typ []token
			if p.peek(0).is(":") {
				p.pos++
				typ = p.typeUntil(";", "=")
			}
			if p.peek(0).is("=") {
				p.pos++
				p.typeUntil(";")
			}
			p.consts = append(p.consts, constDecl{path: join(path, name.text), scope: path, doc: tg, typ: typ})
			p.declare(join(path, name.text), tg)
		case "interface":
			name, err := p.ident()
			if err != nil {
				return err
			}
			if err := p.interfaceDecl(join(path, name.text), path, tg); err != nil {
				return err
			}
			p.declare(join(path, name.text), tg)
		case "type", "import":
			if n := p.peek(0); n.kind == tokIdent {
				if !exported {
					hidden[n.text] = true
				}
				p.declare(join(path, n.text), tg)
			}
			p.typeUntil(";")
		case "class", "enum":
			if n := p.peek(0); n.kind == tokIdent {
				if !exported {
					hidden[n.text] = true
				}
				p.declare(join(path, n.text), tg)
			}
			for !p.peek(0).is("{") && p.pos < len(p.toks) {
				p.pos++
			}
			p.pos++
			p.skipBalanced("{", "}")
		default:
			return fmt.Errorf("line %d: unexpected %q in namespace %q", t.line, t.text, path)
		}
	}
}

// exportList reads `a as b, c }` after `export {`.
func (p *dtsParser) exportList(aliases map[string]string) error {
	for {
		t := p.nextCode()
		switch {
		case t.is("}"):
			if p.peek(0).is(";") {
				p.pos++
			}
			return nil
		case t.is(","):
			continue
		case t.kind == tokIdent:
			to := t.text
			if p.peek(0).isIdent("as") {
				p.pos++
				a := p.nextCode()
				if a.kind != tokIdent {
					return fmt.Errorf("line %d: expected a name after %q", a.line, "as")
				}
				to = a.text
			}
			aliases[t.text] = to
		default:
			return fmt.Errorf("line %d: unexpected %q in an export list", t.line, t.text)
		}
	}
}

// closeScope applies a namespace's export list: members declared without
// export are renamed to their exported alias (function _eval, export {_eval
// as eval}) or dropped when they have none. Interfaces stay resolvable
// under both names.
func (p *dtsParser) closeScope(path string, hidden map[string]bool, aliases map[string]string) error {
	names := make([]string, 0, len(hidden)+len(aliases))
	for n := range hidden {
		names = append(names, n)
	}
	for n := range aliases {
		if !hidden[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		from := join(path, n)
		to, exported := aliases[n]
		if exported && to == n {
			continue
		}
		rename := func(key string) (string, bool) {
			if key != from && !strings.HasPrefix(key, from+".") {
				return "", false
			}
			if !exported {
				return "", true
			}
			return join(path, to) + key[len(from):], true
		}
		for _, k := range sortedKeys(p.out) {
			if nk, ok := rename(k); ok {
				if nk != "" {
					p.out[nk] = p.out[k]
				}
				delete(p.out, k)
			}
		}
		for _, k := range sortedKeys(p.funcs) {
			if nk, ok := rename(k); ok {
				if nk != "" {
					p.funcs[nk] = p.funcs[k]
				}
				delete(p.funcs, k)
			}
		}
		for _, k := range sortedKeys(p.declared) {
			if nk, ok := rename(k); ok {
				if nk != "" {
					p.declared[nk] = true
				}
				delete(p.declared, k)
			}
		}
		for _, k := range sortedKeys(p.namespaces) {
			if nk, ok := rename(k); ok {
				if nk != "" {
					p.namespaces[nk] = true
				}
				delete(p.namespaces, k)
			}
		}
		for _, k := range sortedKeys(p.tagged) {
			paths := p.tagged[k][:0]
			for _, tp := range p.tagged[k] {
				if nk, ok := rename(tp); !ok {
					paths = append(paths, tp)
				} else if nk != "" {
					paths = append(paths, nk)
				}
			}
			if len(paths) == 0 {
				delete(p.tagged, k)
			} else {
				p.tagged[k] = paths
			}
		}
		for i := 0; i < len(p.consts); i++ {
			c := &p.consts[i]
			if nk, ok := rename(c.path); ok {
				if nk == "" {
					p.consts = append(p.consts[:i], p.consts[i+1:]...)
					i--
					continue
				}
				c.path = nk
			}
		}
		if exported {
			for _, k := range sortedKeys(p.ifaces) {
				if nk, ok := rename(k); ok && nk != "" {
					p.ifaces[nk] = p.ifaces[k]
				}
			}
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// skipBalanced skips to the close that balances an open already consumed.
func (p *dtsParser) skipBalanced(open, close string) {
	depth := 1
	for p.pos < len(p.toks) && depth > 0 {
		t := p.next()
		if t.is(open) {
			depth++
		} else if t.is(close) {
			depth--
		}
	}
}

func isOpen(t token) bool {
	return t.kind == tokPunct && (t.text == "(" || t.text == "[" || t.text == "{" || t.text == "<")
}

func isClose(t token) bool {
	return t.kind == tokPunct && (t.text == ")" || t.text == "]" || t.text == "}" || t.text == ">")
}

// typeUntil collects the tokens of a type (JSDoc comments included) up to,
// not including, one of stops at bracket depth 0, or a closing bracket that
// ends the enclosing construct.
func (p *dtsParser) typeUntil(stops ...string) []token {
	var out []token
	depth := 0
	for p.pos < len(p.toks) {
		t := p.peek(0)
		if depth == 0 {
			if isClose(t) {
				return out
			}
			for _, s := range stops {
				if t.is(s) {
					return out
				}
			}
		}
		if isOpen(t) {
			depth++
		} else if isClose(t) {
			depth--
		}
		out = append(out, t)
		p.pos++
	}
	return out
}

// signature reads `<T>(params): ReturnType` and the terminating ; or , of
// a function or method.
func (p *dtsParser) signature(tg tags, line int) (overload, error) {
	ov := overload{tags: tg, line: line}
	if p.peek(0).is("<") {
		p.pos++
		p.skipBalanced("<", ">")
	}
	if err := p.expect("("); err != nil {
		return ov, err
	}
	params, err := p.params()
	if err != nil {
		return ov, err
	}
	ov.params = params
	if p.peek(0).is(":") {
		p.pos++
		ret := codeTokens(p.typeUntil(";", ","))
		ov.promise = len(ret) > 1 && ret[0].isIdent("Promise") && ret[1].is("<")
	}
	if t := p.peek(0); t.is(";") || t.is(",") {
		p.pos++
	}
	return ov, nil
}

// params reads a parameter list after its opening parenthesis, through the
// closing one. JSDoc comments inside the list are skipped.
func (p *dtsParser) params() ([]param, error) {
	var out []param
	for {
		t := p.nextCode()
		switch {
		case t.is(")"):
			return out, nil
		case t.is(","):
			continue
		}
		var pr param
		if t.is("...") {
			pr.optional = true
			t = p.nextCode()
		}
		if t.kind != tokIdent {
			return nil, fmt.Errorf("line %d: expected a parameter name, found %q", t.line, t.text)
		}
		pr.name = t.text
		if p.peek(0).is("?") {
			p.pos++
			pr.optional = true
		}
		pr.fnArgs = -1
		if p.peek(0).is(":") {
			p.pos++
			pr.fnArgs = functionArity(codeTokens(p.typeUntil(",")))
		}
		out = append(out, pr)
		if p.pos >= len(p.toks) {
			return nil, fmt.Errorf("line %d: parameter list is not closed", t.line)
		}
	}
}

// codeTokens drops JSDoc comments.
func codeTokens(toks []token) []token {
	out := make([]token, 0, len(toks))
	for _, t := range toks {
		if t.kind != tokDoc {
			out = append(out, t)
		}
	}
	return out
}

// functionArity returns the number of parameters of a function type such as
// `(a: T, b?: U) => void`, or -1 when typ is not a function type.
func functionArity(typ []token) int {
	if len(typ) == 0 || !typ[0].is("(") {
		return -1
	}
	depth, n, inParam := 0, 0, false
	for i, t := range typ {
		switch {
		case isOpen(t):
			depth++
			if depth == 1 {
				continue
			}
		case isClose(t):
			depth--
			if depth == 0 {
				if i+1 < len(typ) && typ[i+1].is("=>") {
					if inParam {
						n++
					}
					return n
				}
				return -1
			}
		case depth == 1 && t.is(","):
			if inParam {
				n++
			}
			inParam = false
			continue
		}
		if depth >= 1 {
			inParam = true
		}
	}
	return -1
}

// interfaceDecl reads `I<T> extends A, B { members }` after `interface`.
func (p *dtsParser) interfaceDecl(full, scope string, tg tags) error {
	it := &iface{scope: scope, doc: tg}
	if p.peek(0).is("<") {
		p.pos++
		p.skipBalanced("<", ">")
	}
	if p.peek(0).isIdent("extends") {
		p.pos++
		for {
			base := codeTokens(p.typeUntil(",", "{"))
			if len(base) == 0 {
				return fmt.Errorf("line %d: interface %q: empty extends clause", p.peek(0).line, full)
			}
			it.extends = append(it.extends, base)
			if !p.peek(0).is(",") {
				break
			}
			p.pos++
		}
	}
	if err := p.expect("{"); err != nil {
		return fmt.Errorf("interface %q: %w", full, err)
	}
	members, err := p.objectMembers()
	if err != nil {
		return fmt.Errorf("interface %q: %w", full, err)
	}
	it.members = members
	p.ifaces[full] = it
	return nil
}

// objectMembers reads the members of an interface or object type after its
// opening brace, through the closing one (or the end of the tokens).
func (p *dtsParser) objectMembers() ([]objMember, error) {
	var out []objMember
	var doc *token
	for {
		if p.pos >= len(p.toks) {
			return out, nil
		}
		t := p.next()
		switch {
		case t.kind == tokDoc:
			doc = &t
			continue
		case t.is("}"):
			return out, nil
		case t.is(";"), t.is(","):
			continue
		case t.is("["), t.is("("), t.is("<"):
			// index, call or generic call signature: skip it
			p.pos--
			p.typeUntil(";", ",")
			doc = nil
			continue
		}
		if (t.isIdent("readonly") || t.isIdent("new")) && (p.peek(0).kind == tokIdent || p.peek(0).kind == tokString || p.peek(0).is("(")) {
			if t.isIdent("new") {
				p.typeUntil(";", ",")
				doc = nil
				continue
			}
			t = p.next()
		}
		if t.kind != tokIdent && t.kind != tokString && t.kind != tokNumber {
			return nil, fmt.Errorf("line %d: unexpected %q in an interface or object type", t.line, t.text)
		}
		tg, err := docTags(doc)
		if err != nil {
			return nil, err
		}
		doc = nil
		m := objMember{name: strings.Trim(t.text, `"'`), doc: tg}
		if p.peek(0).is("?") {
			p.pos++
		}
		switch next := p.peek(0); {
		case next.is("(") || next.is("<"):
			ov, err := p.signature(tg, t.line)
			if err != nil {
				return nil, fmt.Errorf("method %q: %w", m.name, err)
			}
			m.method = &ov
		case next.is(":"):
			p.pos++
			m.typ = p.typeUntil(";", ",")
		}
		out = append(out, m)
	}
}

// eventTypes are the types whose constants are events.
var eventTypes = map[string]bool{"events.Event": true, "CustomChromeEvent": true}

// finish expands constants through the interfaces they are typed with and
// merges function overloads into the output.
func (p *dtsParser) finish() error {
	for _, c := range p.consts {
		if err := p.expandConst(c.path, c.scope, c.typ, c.doc, tags{}, nil); err != nil {
			return err
		}
	}
	var untagged []string
	for _, path := range sortedKeys(p.funcs) {
		m, err := mergeOverloads(p.funcs[path])
		if err != nil {
			return fmt.Errorf("function %q: %w", path, err)
		}
		if inh, ok := p.fnTags[path]; ok {
			inherit(&m, inh)
		}
		if old, dup := p.out[path]; dup {
			return fmt.Errorf("%q is both a %s and a function", path, old.Kind)
		}
		p.out[path] = m
		if hasUntaggedPromise(p.funcs[path]) {
			untagged = append(untagged, path)
		}
	}
	// A promise overload without @chrome-returns-extra has returned a
	// promise ever since the function exists: from its own since, else its
	// namespace's, but not before Chrome 88, the first with Manifest V3 and
	// so with promise-returning chrome.* functions (the earliest
	// @chrome-returns-extra is 88 too).
	for _, path := range untagged {
		m := p.out[path]
		m.PromiseSince = latest(p.sinceOf(path), firstPromiseChrome)
		p.out[path] = m
	}
	return nil
}

// firstPromiseChrome is the first Chrome whose chrome.* functions return
// promises (Manifest V3).
const firstPromiseChrome = "88"

// hasUntaggedPromise reports whether a function has promise overloads and
// none of them says since when.
func hasUntaggedPromise(ovs []overload) bool {
	found := false
	for _, ov := range ovs {
		if ov.promise {
			if ov.tags.promiseSince != "" {
				return false
			}
			found = true
		}
	}
	return found
}

// sinceOf returns the since of the member at path, else of the nearest
// entry above it that has one.
func (p *dtsParser) sinceOf(path string) string {
	for {
		if m, ok := p.out[path]; ok && m.Since != "" {
			return m.Since
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return ""
		}
		path = path[:i]
	}
}

// expandConst records the constant or property at path, of type typ
// (declared in scope), and everything its type makes reachable below it:
// an event, or the members of an interface or object type. chain holds the
// interfaces being expanded, so that one that contains itself stops there.
func (p *dtsParser) expandConst(path, scope string, typ []token, own, parent tags, chain []string) error {
	code := codeTokens(typ)
	m := chromeMember{Kind: "property"}
	var parts [][]token
	if ref, ok := typeRef(code); ok && (eventTypes[ref] || eventTypes[p.resolveName(ref, scope)]) {
		m.Kind = "event"
	} else {
		parts = intersection(typ)
	}
	applyTags(&m, own)
	inh := mergeTags(own, parent)
	inherit(&m, parent)
	if old, dup := p.out[path]; dup && old.Kind != m.Kind {
		return fmt.Errorf("%q is both a %s and a %s", path, old.Kind, m.Kind)
	}
	p.out[path] = m
	for _, part := range parts {
		var members []objMember
		memberScope, memberChain := scope, chain
		if code := codeTokens(part); code[0].is("{") {
			sub := &dtsParser{toks: code[1:]}
			for i, t := range part { // keep the JSDoc comments of the members
				if t.is("{") {
					sub.toks = part[i+1:]
					break
				}
			}
			ms, err := sub.objectMembers()
			if err != nil {
				return fmt.Errorf("type of %q: %w", path, err)
			}
			members = ms
		} else {
			ref, _ := typeRef(code)
			full := p.resolveName(ref, scope)
			if slices.Contains(chain, full) {
				continue
			}
			it, itScope := p.lookupIface(ref, scope, nil)
			if it == nil {
				continue
			}
			members, memberScope = it, itScope
			memberChain = append(chain[:len(chain):len(chain)], full)
		}
		for _, om := range members {
			mp := join(path, om.name)
			if om.method != nil {
				p.funcs[mp] = append(p.funcs[mp], *om.method)
				p.fnTags[mp] = inh
				continue
			}
			if err := p.expandConst(mp, memberScope, om.typ, om.doc, inh, memberChain); err != nil {
				return err
			}
		}
	}
	return nil
}

// typeRef returns the name of a type reference such as `events.Event<...>`
// or `StorageArea`, without its type arguments.
func typeRef(code []token) (string, bool) {
	if len(code) == 0 || code[0].kind != tokIdent {
		return "", false
	}
	name := code[0].text
	i := 1
	for i+1 < len(code) && code[i].is(".") && code[i+1].kind == tokIdent {
		name += "." + code[i+1].text
		i += 2
	}
	if i < len(code) && code[i].is("<") && code[len(code)-1].is(">") {
		i = len(code)
	}
	if i != len(code) {
		return "", false
	}
	return strings.TrimPrefix(name, "chrome."), true
}

// intersection splits `A & {...}` into its parts; nil when the type is
// something else (a union, a literal, a function type).
func intersection(typ []token) [][]token {
	var parts [][]token
	var cur []token
	depth := 0
	for _, t := range typ {
		if depth == 0 && t.kind == tokPunct {
			switch t.text {
			case "&":
				parts = append(parts, cur)
				cur = nil
				continue
			case "|":
				return nil
			}
		}
		if isOpen(t) {
			depth++
		} else if isClose(t) {
			depth--
		}
		cur = append(cur, t)
	}
	parts = append(parts, cur)
	for _, part := range parts {
		code := codeTokens(part)
		if len(code) == 0 {
			return nil
		}
		if code[0].is("{") && code[len(code)-1].is("}") {
			continue
		}
		if _, ok := typeRef(code); !ok {
			return nil
		}
	}
	return parts
}

// resolveName resolves a type name used in scope the way TypeScript looks up
// namespaces: innermost first. It returns the path of the interface, or the
// name itself when no interface has it.
func (p *dtsParser) resolveName(name, scope string) string {
	for s := scope; ; {
		if _, ok := p.ifaces[join(s, name)]; ok {
			return join(s, name)
		}
		if s == "" {
			return name
		}
		if i := strings.LastIndexByte(s, '.'); i >= 0 {
			s = s[:i]
		} else {
			s = ""
		}
	}
}

// lookupIface returns the members of the interface name (as used in scope),
// those of the interfaces it extends included (each once), and the
// interface's scope.
func (p *dtsParser) lookupIface(name, scope string, seen map[string]bool) ([]objMember, string) {
	full := p.resolveName(name, scope)
	it, ok := p.ifaces[full]
	if !ok || seen[full] {
		return nil, ""
	}
	if seen == nil {
		seen = make(map[string]bool)
	}
	seen[full] = true
	var members []objMember
	for _, base := range it.extends {
		if ref, ok := typeRef(base); ok {
			bm, _ := p.lookupIface(ref, it.scope, seen)
			members = append(members, bm...)
		}
	}
	return append(members, it.members...), it.scope
}

// mergeOverloads merges the signatures of one function. Arguments are
// counted on the callback overloads (those whose last parameter is a
// function and which do not return a promise) when there are any, else on
// the promise overloads, else on all: minArgs is the fewest arguments a
// call needs, maxArgs the most it takes, the callback not counted;
// callbackArgs is the number of parameters of the callback.
func mergeOverloads(ovs []overload) (chromeMember, error) {
	m := chromeMember{Kind: "function"}
	var callback, promise []overload
	for _, ov := range ovs {
		switch {
		case ov.promise:
			promise = append(promise, ov)
		case len(ov.params) > 0 && ov.params[len(ov.params)-1].fnArgs >= 0 && isCallbackName(ov.params[len(ov.params)-1].name):
			callback = append(callback, ov)
		}
	}
	counted := ovs
	switch {
	case len(callback) > 0:
		counted = callback
	case len(promise) > 0:
		counted = promise
	}
	minArgs, maxArgs, cbArgs := -1, 0, -1
	for _, ov := range counted {
		params := ov.params
		if len(callback) > 0 {
			last := params[len(params)-1]
			cbArgs = max(cbArgs, last.fnArgs)
			params = params[:len(params)-1]
		}
		req := 0
		for i, pr := range params {
			if !pr.optional {
				req = i + 1
			}
		}
		if minArgs < 0 || req < minArgs {
			minArgs = req
		}
		maxArgs = max(maxArgs, len(params))
	}
	m.MinArgs, m.MaxArgs = &minArgs, &maxArgs
	if cbArgs >= 0 {
		m.CallbackArgs = &cbArgs
	}

	// Tags: a function is deprecated when every overload is; the other
	// tags hold when any overload has them.
	all := tags{deprecated: true}
	for i, ov := range ovs {
		t := ov.tags
		all.since = earliest(all.since, t.since, i == 0) // "" (always there) is the earliest
		all.noServiceWorker = all.noServiceWorker || t.noServiceWorker
		all.minManifest = max(all.minManifest, t.minManifest)
		all.maxManifest = mergeMax(all.maxManifest, t.maxManifest)
		if !t.deprecated {
			all.deprecated = false
		} else if all.deprecatedText == "" {
			all.deprecatedText, all.deprecatedSince = t.deprecatedText, t.deprecatedSince
		}
		if t.promiseSince != "" {
			if all.promiseSince == "" || compareChromeVersions(t.promiseSince, all.promiseSince) < 0 {
				all.promiseSince = t.promiseSince
			}
		}
	}
	if all.promiseSince != "" && len(promise) == 0 {
		return m, fmt.Errorf("line %d: @chrome-returns-extra on a function without a promise overload", ovs[0].line)
	}
	applyTags(&m, all)
	return m, nil
}

// isCallbackName reports whether a trailing function parameter is the
// completion callback of an asynchronous function (chrome-types names it
// callback), not a function the API takes as data.
func isCallbackName(name string) bool { return name == "callback" }

// earliest returns the earlier of two versions, where "" (no version: always
// there) is the earliest; first means cur holds nothing yet.
func earliest(cur, v string, first bool) string {
	switch {
	case first:
		return v
	case cur == "" || v == "":
		return ""
	case compareChromeVersions(v, cur) < 0:
		return v
	}
	return cur
}

// latest returns the later of two versions, "" counting as none.
func latest(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case compareChromeVersions(a, b) < 0:
		return b
	}
	return a
}

// compareChromeVersions compares numeric versions, "preview" last.
func compareChromeVersions(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "preview":
		return 1
	case b == "preview":
		return -1
	}
	return compareNumeric(a, b)
}

// mergeMax combines two maximum manifest versions: the lower one binds.
func mergeMax(a, b int) int {
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

// applyTags copies tags onto a member (promiseSince only for functions).
func applyTags(m *chromeMember, t tags) {
	m.Since = t.since
	if m.Kind == "function" {
		m.PromiseSince = t.promiseSince
	}
	m.NoServiceWorker = t.noServiceWorker
	m.MinManifest = t.minManifest
	m.MaxManifest = t.maxManifest
	if t.deprecated {
		m.Deprecated = t.deprecatedText
		m.DeprecatedSince = t.deprecatedSince
	}
}

// mergeTags combines a member's tags with those it inherits from the
// constant it is reached through.
func mergeTags(own, parent tags) tags {
	out := own
	out.promiseSince = own.promiseSince
	out.since = latest(own.since, parent.since)
	out.noServiceWorker = own.noServiceWorker || parent.noServiceWorker
	out.minManifest = max(own.minManifest, parent.minManifest)
	out.maxManifest = mergeMax(own.maxManifest, parent.maxManifest)
	if !own.deprecated && parent.deprecated {
		out.deprecated, out.deprecatedText, out.deprecatedSince = true, parent.deprecatedText, parent.deprecatedSince
	}
	return out
}

// inherit applies inherited tags to a member that is reached through a
// constant (storage.session.get inherits storage.session's since and
// minimum manifest version).
func inherit(m *chromeMember, parent tags) {
	own := tags{
		since: m.Since, promiseSince: m.PromiseSince, noServiceWorker: m.NoServiceWorker,
		minManifest: m.MinManifest, maxManifest: m.MaxManifest,
		deprecated: m.Deprecated != "", deprecatedText: m.Deprecated, deprecatedSince: m.DeprecatedSince,
	}
	applyTags(m, mergeTags(own, parent))
}

// Tag values.
var (
	chromeVersionTag = regexp.MustCompile(`^(?:since )?Chrome ([0-9]+(?:\.[0-9]+)*)$`)
	manifestTag      = regexp.MustCompile(`^MV([0-9]+)$`)
	linkTag          = regexp.MustCompile(`\{@link(?:code|plain)?\s+([^}|\s]+)(?:[\s|]+([^}]*))?\}`)
)

// docTags reads the tags of a JSDoc comment (nil: none).
func docTags(doc *token) (tags, error) {
	var t tags
	if doc == nil {
		return t, nil
	}
	body := strings.TrimSuffix(strings.TrimPrefix(doc.text, "/**"), "*/")
	type tagText struct {
		name, text string
		line       int
	}
	var list []tagText
	for i, l := range strings.Split(body, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimSpace(strings.TrimPrefix(l, "*"))
		if strings.HasPrefix(l, "@") {
			name, text, _ := strings.Cut(l, " ")
			list = append(list, tagText{name, text, doc.line + i})
		} else if len(list) > 0 {
			list[len(list)-1].text += "\n" + l
		}
	}
	chromeVersion := func(tt tagText) (string, error) {
		v := strings.Join(strings.Fields(tt.text), " ")
		if v == "Pending" || v == "since Pending" {
			return "preview", nil
		}
		m := chromeVersionTag.FindStringSubmatch(v)
		if m == nil {
			return "", fmt.Errorf("line %d: %s %q: expected %q", tt.line, tt.name, v, "Chrome N")
		}
		return m[1], nil
	}
	manifest := func(tt tagText) (int, error) {
		m := manifestTag.FindStringSubmatch(strings.TrimSpace(tt.text))
		if m == nil {
			return 0, fmt.Errorf("line %d: %s %q: expected %q", tt.line, tt.name, strings.TrimSpace(tt.text), "MVn")
		}
		return int(m[1][0] - '0'), nil
	}
	var err error
	for _, tt := range list {
		switch tt.name {
		case "@since":
			t.since, err = chromeVersion(tt)
		case "@chrome-returns-extra":
			t.promiseSince, err = chromeVersion(tt)
		case "@chrome-deprecated-since":
			t.deprecatedSince, err = chromeVersion(tt)
		case "@chrome-disallow-service-workers":
			t.noServiceWorker = true
		case "@chrome-permission":
			if name := strings.TrimSpace(tt.text); name != "" {
				t.permissions = append(t.permissions, name)
			}
		case "@chrome-manifest":
			if key := strings.TrimSpace(tt.text); key != "" {
				t.manifestKeys = append(t.manifestKeys, key)
			}
		case "@chrome-min-manifest":
			t.minManifest, err = manifest(tt)
		case "@chrome-max-manifest":
			t.maxManifest, err = manifest(tt)
		case "@deprecated":
			t.deprecated = true
			text := linkTag.ReplaceAllStringFunc(tt.text, func(s string) string {
				m := linkTag.FindStringSubmatch(s)
				if strings.TrimSpace(m[2]) != "" {
					return strings.TrimSpace(m[2])
				}
				return m[1]
			})
			t.deprecatedText = strings.Join(strings.Fields(text), " ")
			if t.deprecatedText == "" {
				t.deprecatedText = "Deprecated."
			}
		}
		if err != nil {
			return t, err
		}
	}
	return t, nil
}
