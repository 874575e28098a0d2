package jsscan

import (
	"bytes"
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// mdnBackground is an extension background script in the style of MDN's
// examples: API uses in calls, arguments and callbacks, and the names in
// template text, a regular expression and a comment, which are not uses.
const mdnBackground = `// background.js
function onExecuted(result) {
  console.log(` + "`We executed in tab ${result}`" + `);
}

function onError(error) {
  console.log(` + "`Error: ${error}`" + `);
}

browser.contextMenus.create({
  id: "log-selection",
  title: browser.i18n.getMessage("contextMenuItemSelectionLogger"),
  contexts: ["selection"],
});

browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === "log-selection") {
    const executing = browser.tabs.executeScript(tab.id, {
      code: ` + "`console.log(\"chrome.tabs is \" + ${JSON.stringify(info.selectionText)});`" + `,
    });
    executing.then(onExecuted, onError);
  }
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (/^chrome\./.test(message.url)) {
    sendResponse({ok: false}); // chrome.tabs.remove would be wrong here
  }
  return true;
});
`

// apiUseTests are the cases of TestScanAPIUses, and seeds of the fuzz tests.
var apiUseTests = []struct {
	name string
	src  string
	want []APIUse
}{
	{"empty", "", nil},
	{"call", "chrome.tabs.query({})", []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"deep chain", "browser.runtime.onMessage.addListener(f)", []APIUse{{"browser", "runtime.onMessage.addListener", 0, 1, 1}}},
	{"bare in typeof", `if (typeof chrome == "undefined") {}`, []APIUse{{"chrome", "", 11, 1, 12}}},
	{"typeof member", "typeof browser.x", []APIUse{{"browser", "x", 7, 1, 8}}},
	{"globalThis prefix", "globalThis.chrome.tabs", []APIUse{{"chrome", "tabs", 11, 1, 12}}},
	{"window prefix", "x = window.browser.runtime.id", []APIUse{{"browser", "runtime.id", 11, 1, 12}}},
	{"self prefix", "self.chrome.alarms.create()", []APIUse{{"chrome", "alarms.create", 5, 1, 6}}},
	{"optional prefix", "globalThis?.chrome?.tabs", []APIUse{{"chrome", "tabs", 12, 1, 13}}},
	{"prefix across lines", "window\n  .chrome\n  .tabs", []APIUse{{"chrome", "tabs", 10, 2, 4}}},
	{"prefix without namespace", "window.addEventListener(f); self.onmessage = chrome", []APIUse{{"chrome", "", 45, 1, 46}}},
	{"optional chaining", "chrome?.tabs?.query()", []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"optional call ends chain", "chrome.tabs.query?.(q)", []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"call ends chain", "chrome.tabs.query({}).then(f)", []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"bracket string", `chrome["tabs"].query()`, []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"bracket single quoted", `browser['storage'].local`, []APIUse{{"browser", "storage.local", 0, 1, 1}}},
	{"optional bracket", `chrome?.["tabs"]?.query`, []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"computed access ends chain", "chrome[name].query; chrome.tabs[k]", []APIUse{
		{"chrome", "", 0, 1, 1},
		{"chrome", "tabs", 20, 1, 21},
	}},
	{"bracket string not an identifier", `chrome["a b"].x; chrome["tabs" + x]; chrome["t\x61bs"]`, []APIUse{
		{"chrome", "", 0, 1, 1},
		{"chrome", "", 17, 1, 18},
		{"chrome", "", 37, 1, 38},
	}},
	{"comments and newlines in chain", "chrome /* c */ .\n  tabs // t\n  ?.query", []APIUse{{"chrome", "tabs.query", 0, 1, 1}}},
	{"dot at end", "chrome.", []APIUse{{"chrome", "", 0, 1, 1}}},
	{"member of another object", "foo.chrome.tabs; foo?.browser.x; this.chrome", nil},
	{"member named like the global object", "a.window.chrome.tabs; a.self.browser; a?.globalThis.chrome", nil},
	{"object keys", "({chrome: 1, browser: 2, x: chrome})", []APIUse{{"chrome", "", 28, 1, 29}}},
	{"conditional is not a key", "a ? chrome : browser", []APIUse{
		{"chrome", "", 4, 1, 5},
		{"browser", "", 13, 1, 14},
	}},
	{"shorthand property", "f({chrome})", []APIUse{{"chrome", "", 3, 1, 4}}},
	{"longer identifiers", "mychrome.x; chrome_x.y; $chrome.x; chrome$.y; chrome2.z; browsers.x; \u00e9chrome.x; chrome\u00e9.y", nil},
	// The declarations bind chrome and browser in the whole top level
	// (function chrome is hoisted), so only globalThis.browser is the
	// global.
	{"declarations", "let chrome = 1; const browser = globalThis.browser ?? chrome; function chrome() {} class browser {}", []APIUse{
		{"browser", "", 43, 1, 44},
	}},
	{"strings", `'chrome.tabs' + "browser.x" + 'it\'s chrome.x' + "a\"chrome.y" + '\\'`, nil},
	{"template text", "`chrome.tabs ${chrome.runtime.id} browser.x`", []APIUse{{"chrome", "runtime.id", 15, 1, 16}}},
	{"nested templates", "`a ${`b ${browser.tabs.x} chrome.y`} ${ {k: chrome.z}.k } $chrome.w`", []APIUse{
		{"browser", "tabs.x", 10, 1, 11},
		{"chrome", "z", 44, 1, 45},
	}},
	{"template syntax in a string", `'${chrome.x}'`, nil},
	{"line comment", "// chrome.tabs\nbrowser.x // chrome.y", []APIUse{{"browser", "x", 15, 2, 1}}},
	{"block comment", "/* chrome.tabs\n */ browser.x /* chrome.y */", []APIUse{{"browser", "x", 19, 2, 5}}},
	{"hashbang", "#!/usr/bin/env chrome.tabs\nchrome.x", []APIUse{{"chrome", "x", 27, 2, 1}}},
	{"hashbang only at the start", "x\n#!chrome.y", []APIUse{{"chrome", "y", 4, 2, 3}}},
	{"regex at start", "/chrome.tabs/g.test(s); browser.x", []APIUse{{"browser", "x", 24, 1, 25}}},
	{"regex flags", "/x/gi.test(chrome.y)", []APIUse{{"chrome", "y", 11, 1, 12}}},
	{"regex with class and escape", `x = /chrome\/tabs[/]browser.x/; chrome.y`, []APIUse{{"chrome", "y", 32, 1, 33}}},
	{"regex after keywords", "return /chrome.a/; typeof /chrome.b/; case /chrome.c/: do /chrome.d/; yield /chrome.e/", nil},
	{"regex after punctuators", "s.replace(/chrome.x/, ''); a = b || /browser.y/; [/chrome.z/]", nil},
	{"division after identifier", "a / chrome.tabs.length / 2", []APIUse{{"chrome", "tabs.length", 4, 1, 5}}},
	{"division after parenthesis", "(a) / chrome.x / 2", []APIUse{{"chrome", "x", 6, 1, 7}}},
	{"division after a property named like a keyword", "a.return / chrome.x / b.in / chrome.y", []APIUse{
		{"chrome", "x", 11, 1, 12},
		{"chrome", "y", 29, 1, 30},
	}},
	{"division after bracket", "a[0] / chrome.x / 2", []APIUse{{"chrome", "x", 7, 1, 8}}},
	// After '}' JavaScript needs the parse tree; the scanner takes a
	// division, so this regular expression is scanned as code.
	{"division after brace", "if (x) {} /chrome.tabs/.test(s)", []APIUse{{"chrome", "tabs", 11, 1, 12}}},
	{"division across lines", "a\n/chrome.x/g", []APIUse{{"chrome", "x", 3, 2, 2}}},
	{"unterminated regex is a division", "i++ / chrome.tabs.length", []APIUse{{"chrome", "tabs.length", 6, 1, 7}}},
	{"CRLF", "a();\r\n\r\n  chrome.tabs.query();\r\nbrowser.x", []APIUse{
		{"chrome", "tabs.query", 10, 3, 3},
		{"browser", "x", 32, 4, 1},
	}},
	{"lone CR", "a\rchrome.x\r\rbrowser.y", []APIUse{
		{"chrome", "x", 2, 2, 1},
		{"browser", "y", 12, 4, 1},
	}},
	{"U+2028 and U+2029", "a\u2028chrome.x\u2029 browser.y", []APIUse{
		{"chrome", "x", 4, 2, 1},
		{"browser", "y", 16, 3, 2},
	}},
	// A byte-order mark at the start is not counted in columns (textpos).
	{"BOM and no-break space", "\ufeffchrome.x;\u00a0browser.y", []APIUse{
		{"chrome", "x", 3, 1, 1},
		{"browser", "y", 14, 1, 12},
	}},
	{"unterminated string ends at line break", "'chrome.x\nbrowser.y", []APIUse{{"browser", "y", 10, 2, 1}}},
	{"unterminated string at end", "chrome.a; 'chrome.x", []APIUse{{"chrome", "a", 0, 1, 1}}},
	{"unterminated comment", "chrome.a /* chrome.x", []APIUse{{"chrome", "a", 0, 1, 1}}},
	{"unterminated template text", "`chrome.x", nil},
	{"unterminated template substitution", "`${chrome.x", []APIUse{{"chrome", "x", 3, 1, 4}}},
	{"private names", "this.#chrome.x; #browser in o", nil},
	{"spread", "f(...chrome.tabs)", []APIUse{{"chrome", "tabs", 5, 1, 6}}},
	{"conditional with a decimal", "a?.5:chrome.x", []APIUse{{"chrome", "x", 5, 1, 6}}},
	{"numbers", "1..chrome; 0x1e+chrome.y", []APIUse{{"chrome", "y", 16, 1, 17}}},
	{"invalid UTF-8 and NUL", "\xffchrome.x\x00browser.y\xc3", []APIUse{
		{"chrome", "x", 1, 1, 2},
		{"browser", "y", 10, 1, 11},
	}},
	{"statements on separate lines", "chrome\nchrome.tabs", []APIUse{
		{"chrome", "", 0, 1, 1},
		{"chrome", "tabs", 7, 2, 1},
	}},
	{"MDN background script", mdnBackground, []APIUse{
		{"browser", "contextMenus.create", 160, 10, 1},
		{"browser", "i18n.getMessage", 222, 12, 10},
		{"browser", "contextMenus.onClicked.addListener", 313, 16, 1},
		{"browser", "tabs.executeScript", 440, 18, 23},
		{"chrome", "runtime.onMessage.addListener", 622, 25, 1},
	}},
	{"MDN background script with CRLF", strings.ReplaceAll(mdnBackground, "\n", "\r\n"), []APIUse{
		{"browser", "contextMenus.create", 169, 10, 1},
		{"browser", "i18n.getMessage", 233, 12, 10},
		{"browser", "contextMenus.onClicked.addListener", 328, 16, 1},
		{"browser", "tabs.executeScript", 457, 18, 23},
		{"chrome", "runtime.onMessage.addListener", 646, 25, 1},
	}},
}

// localBindingTests are uses of chrome and browser that refer to a local
// binding, which esbuild's define does not replace, and the global uses
// next to them.
var localBindingTests = []struct {
	name string
	src  string
	want []APIUse
}{
	{"parameter", "function f(chrome) { chrome.tabs.executeScript(); }\nchrome.tabs.query();", []APIUse{{"chrome", "tabs.query", 52, 2, 1}}},
	{"parameter of a function expression", "x = function (a, browser) { return browser.x; }; browser.y", []APIUse{{"browser", "y", 49, 1, 50}}},
	{"name of a function expression", "x = function chrome() { chrome.x(); }; chrome.y", []APIUse{{"chrome", "y", 39, 1, 40}}},
	{"function declaration is hoisted", "chrome.x(); function chrome() {}", nil},
	{"arrow parameter", "f(chrome => chrome.x, chrome.y)", []APIUse{{"chrome", "y", 22, 1, 23}}},
	{"arrow parameters", "const g = (a, chrome) => { chrome.x(); }; chrome.y", []APIUse{{"chrome", "y", 42, 1, 43}}},
	{"async arrow", "h(async (chrome) => await chrome.x); chrome.y", []APIUse{{"chrome", "y", 37, 1, 38}}},
	{"destructured parameters", "function f({chrome}, [browser], {a: {b: x}}) { chrome.x; browser.y; } browser.z", []APIUse{{"browser", "z", 70, 1, 71}}},
	{"renamed in a pattern", "function f({chrome: c}) { chrome.x; }", []APIUse{{"chrome", "x", 26, 1, 27}}},
	{"default parameter", "function f(chrome = globalThis.chrome) { chrome.x; }", []APIUse{{"chrome", "", 31, 1, 32}}},
	{"rest parameter", "function f(...chrome) { chrome.x; }", nil},
	{"method", "({ m(chrome) { chrome.x; } }); class C { n(browser) { browser.y; } }", nil},
	{"let in a block", "{ let chrome = 1; chrome.x; } chrome.y", []APIUse{{"chrome", "y", 30, 1, 31}}},
	{"let after use (dead zone)", "{ chrome.x; const chrome = 1; }", nil},
	{"var is hoisted to the function", "function f() { if (a) { var chrome = 1; } chrome.x; } chrome.y", []APIUse{{"chrome", "y", 54, 1, 55}}},
	{"destructuring declarations", "const {chrome, x: [browser]} = o, y = chrome.z; browser.w", nil},
	{"second declarator", "let a = f(b, c), chrome = 1; chrome.x", nil},
	{"initializer is a use", "let a = chrome.x, b = {chrome: 1}", []APIUse{{"chrome", "x", 8, 1, 9}}},
	{"catch parameter", "try {} catch (chrome) { chrome.x; } chrome.y", []APIUse{{"chrome", "y", 36, 1, 37}}},
	{"for of", "for (const browser of list) { browser.x; } browser.y", []APIUse{{"browser", "y", 43, 1, 44}}},
	{"class declaration", "class chrome {} chrome.x", nil},
	{"import", "import chrome from 'x'; import {browser as b} from 'y'; chrome.x; browser.y", []APIUse{{"browser", "y", 66, 1, 67}}},
	{"call is not a parameter list", "f(chrome); if (chrome) { chrome.x; }", []APIUse{
		{"chrome", "", 2, 1, 3},
		{"chrome", "", 15, 1, 16},
		{"chrome", "x", 25, 1, 26},
	}},
	{"shadowed in a sibling only", "function f(chrome) {} function g() { chrome.x; }", []APIUse{{"chrome", "x", 37, 1, 38}}},
	{"globalThis is not shadowed", "function f(chrome) { globalThis.chrome.x; }", []APIUse{{"chrome", "x", 32, 1, 33}}},
	{"arrow body ends at a line break", "const f = chrome => chrome.x\nchrome.tabs.query()", []APIUse{{"chrome", "tabs.query", 29, 2, 1}}},
	{"arrow body goes on after a line break", "const f = chrome => chrome\n  .x\nchrome.y", []APIUse{{"chrome", "y", 32, 3, 1}}},
	{"for head", "for (let i = 0, chrome = 1; i < 1; i++) { chrome.x } chrome.y", []APIUse{{"chrome", "y", 53, 1, 54}}},
}

func TestScanAPIUsesLocalBindings(t *testing.T) {
	for _, tt := range localBindingTests {
		t.Run(tt.name, func(t *testing.T) {
			got := APIUses([]byte(tt.src))
			if !slices.Equal(got, tt.want) {
				t.Errorf("APIUses(%q) =\n%s\nwant\n%s", tt.src, formatUses(got), formatUses(tt.want))
			}
		})
	}
}

func TestScanAPIUses(t *testing.T) {
	for _, tt := range apiUseTests {
		t.Run(tt.name, func(t *testing.T) {
			got := APIUses([]byte(tt.src))
			if !slices.Equal(got, tt.want) {
				t.Errorf("APIUses(%q) =\n%s\nwant\n%s", tt.src, formatUses(got), formatUses(tt.want))
			}
		})
	}
}

func formatUses(uses []APIUse) string {
	var b strings.Builder
	for _, u := range uses {
		fmt.Fprintf(&b, "\t%s %q at %d (%d:%d)\n", u.Namespace, u.Path, u.Offset, u.Line, u.Column)
	}
	if len(uses) == 0 {
		b.WriteString("\tnothing\n")
	}
	return b.String()
}

// importScriptsTests are the cases of TestScanImportScripts, and seeds of
// the fuzz tests.
var importScriptsTests = []struct {
	name string
	src  string
	want []ScriptRef
}{
	{"empty", "", nil},
	{"single", `importScripts("a.js")`, []ScriptRef{{"a.js", 14, 1, 15}}},
	{"several", `importScripts('a.js', "lib/b.js");`, []ScriptRef{{"a.js", 14, 1, 15}, {"lib/b.js", 22, 1, 23}}},
	{"space and comment before the parenthesis", `importScripts /* x */ ("a.js")`, []ScriptRef{{"a.js", 23, 1, 24}}},
	{"prefixes", `self.importScripts("a.js"); globalThis?.importScripts("b.js")`, []ScriptRef{{"a.js", 19, 1, 20}, {"b.js", 54, 1, 55}}},
	{"not plain arguments", `importScripts(base + "a.js", "b.js", f("c.js"), ` + "`t.js`" + `, ["d.js"], "e" + "f", x, "g".js)`, []ScriptRef{{"b.js", 29, 1, 30}}},
	{"escapes", `importScripts("a\\b.js", 'it\'s.js', "\u0061.js", "\u{62}.js", "\x63.js", "d\"q.js", "\uD83D\uDE00.js", "\t\n")`, []ScriptRef{
		{`a\b.js`, 14, 1, 15},
		{"it's.js", 25, 1, 26},
		{"a.js", 37, 1, 38},
		{"b.js", 50, 1, 51},
		{"c.js", 63, 1, 64},
		{`d"q.js`, 74, 1, 75},
		{"\U0001F600.js", 85, 1, 86},
		{"\t\n", 104, 1, 105},
	}},
	{"line continuation", "importScripts('a\\\nb.js', 'c\\\r\nd.js')", []ScriptRef{{"ab.js", 14, 1, 15}, {"cd.js", 25, 2, 8}}},
	{"rejected escapes", `importScripts("\1.js", "\08.js", "\x6.js", "\u{110000}.js", "\uD800.js", "\uDC00.js", "\u12", "ok.js")`, []ScriptRef{{"ok.js", 94, 1, 95}}},
	{"not calls", `foo.importScripts("a.js"); window.importScripts("b.js"); importScripts; g("c.js"); function importScripts(x = "d.js") {}`, nil},
	{"comments strings templates regexes", "// importScripts(\"a.js\")\n/* importScripts(\"b.js\") */ 'importScripts(\"c.js\")'; `importScripts(\"d.js\")`; /importScripts(\"e.js\")/", nil},
	{"in a template substitution", "`${importScripts(\"a.js\")}`", []ScriptRef{{"a.js", 17, 1, 18}}},
	{"nested commas", "importScripts(f(a, \"x.js\"), [1, \"y\"], `${a, \"t.js\"}`, {a: \"o\", b: 1}, \"z.js\")", []ScriptRef{{"z.js", 70, 1, 71}}},
	{"trailing comma and comments", "importScripts(\n  \"a.js\", // first\n  /* second */ \"b.js\",\n)", []ScriptRef{{"a.js", 17, 2, 3}, {"b.js", 49, 3, 16}}},
	{"CRLF", "// sw\r\nimportScripts(\r\n  'a.js',\r\n  'b.js')", []ScriptRef{{"a.js", 25, 3, 3}, {"b.js", 36, 4, 3}}},
	{"unterminated string", `importScripts("a.js", "b.js`, []ScriptRef{{"a.js", 14, 1, 15}}},
	{"unterminated call", `importScripts("a.js", "b.js"`, []ScriptRef{{"a.js", 14, 1, 15}}},
	{"mismatched bracket", `importScripts("a.js"]; importScripts("b.js")`, []ScriptRef{{"b.js", 37, 1, 38}}},
	{"service worker", "// The Chromium service worker.\nimportScripts(\"webext-shim.js\", \"background.js\");\n", []ScriptRef{
		{"webext-shim.js", 46, 2, 15},
		{"background.js", 64, 2, 33},
	}},
}

func TestScanImportScripts(t *testing.T) {
	for _, tt := range importScriptsTests {
		t.Run(tt.name, func(t *testing.T) {
			got := ImportScripts([]byte(tt.src))
			if !slices.Equal(got, tt.want) {
				t.Errorf("ImportScripts(%q) =\n%s\nwant\n%s", tt.src, formatRefs(got), formatRefs(tt.want))
			}
		})
	}
}

func formatRefs(refs []ScriptRef) string {
	var b strings.Builder
	for _, r := range refs {
		fmt.Fprintf(&b, "\t%q at %d (%d:%d)\n", r.Path, r.Offset, r.Line, r.Column)
	}
	if len(refs) == 0 {
		b.WriteString("\tnothing\n")
	}
	return b.String()
}

// linearTimeUnits are the inputs of TestScanLinearTime, each repeated to
// the size wanted: made to send a careless scanner back over the same bytes.
var linearTimeUnits = []string{
	"x++/[(", "`${", "{`${`", "a?.[\"", "chrome.x.", "/*", "'\\", "window.", "importScripts((",
	"chrome.x\r", "chrome\u2028", "a\n",
	"function f(chrome){", "(chrome)=>", "{let chrome;", "chrome=>", "[{(", "x=>y\n", "var {browser,",
	"function f(document){", "(alert)=>", "{let window;window.x;", "var {URL,", "self.document.",
}

// TestScanLinearTime checks that the scanners take time linear in the
// length of their input: for each unit, the time on 8n bytes must be less
// than 20 times the time on n bytes (a linear scanner gives about 8, a
// quadratic one about 64). Each time is the best of several runs, and a
// ratio too high is measured again, so that a busy machine does not make
// the test fail.
func TestScanLinearTime(t *testing.T) {
	const n, runs, maxRatio = 16 << 10, 5, 20
	scanners := []struct {
		name string
		scan func([]byte)
	}{
		{"APIUses", func(src []byte) { APIUses(src) }},
		{"ImportScripts", func(src []byte) { ImportScripts(src) }},
		{"GlobalUses", func(src []byte) { GlobalUses(src, globalNames) }},
	}
	for _, unit := range linearTimeUnits {
		small := []byte(strings.Repeat(unit, n/len(unit)))
		large := []byte(strings.Repeat(unit, 8*n/len(unit)))
		for _, sc := range scanners {
			t.Run(sc.name+"/"+unit, func(t *testing.T) {
				// A busy machine can slow down any one measurement; a
				// scanner that is not linear fails all of them.
				var report string
				for range 3 {
					tSmall, tLarge := bestTime(runs, sc.scan, small), bestTime(runs, sc.scan, large)
					ratio := float64(tLarge) / float64(max(tSmall, time.Microsecond))
					report = fmt.Sprintf("%s on %d bytes took %v, on %d bytes %v: %.1f times as long", sc.name, len(large), tLarge, len(small), tSmall, ratio)
					if ratio < maxRatio {
						t.Log(report)
						return
					}
				}
				t.Errorf("%s, want less than %d", report, maxRatio)
			})
		}
	}
}

// bestTime returns the shortest time of runs runs of scan on src. The
// garbage collector is off while scan runs: how often it runs depends on
// the heap, not on the scanner, and it would make a larger input look
// slower than it is.
func bestTime(runs int, scan func([]byte), src []byte) time.Duration {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := time.Duration(math.MaxInt64)
	for range runs {
		runtime.GC()
		start := time.Now()
		scan(src)
		best = min(best, time.Since(start))
	}
	return best
}

// lineColumn computes the position of off the slow way, as the scanners
// document it: \r\n, \n, \r, U+2028 and U+2029 break lines, columns
// count bytes, and a leading byte-order mark does not count.
func lineColumn(src []byte, off int) (line, col int) {
	s := string(src[:off])
	if strings.HasPrefix(s, "\ufeff") {
		s = s[len("\ufeff"):] // not counted, as textpos documents
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.NewReplacer("\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	line = 1 + strings.Count(s, "\n")
	return line, len(s) - strings.LastIndexByte(s, '\n')
}

// isIdentChar reports whether r is an identifier character as the
// scanners document it: an ASCII letter, digit, '_' or '$', or a Unicode
// letter, mark, digit or connector, or ZWNJ or ZWJ.
func isIdentChar(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '_' || r == '$' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r) ||
		unicode.Is(unicode.Pc, r) || r == '\u200c' || r == '\u200d'
}

// checkPath checks that path is identifiers joined by dots.
func checkPath(path string) error {
	if path == "" {
		return nil
	}
	for _, seg := range strings.Split(path, ".") {
		if seg == "" {
			return fmt.Errorf("empty segment")
		}
		if seg[0] >= '0' && seg[0] <= '9' {
			return fmt.Errorf("segment %q starts with a digit", seg)
		}
		for _, r := range seg {
			if !isIdentChar(r) {
				return fmt.Errorf("segment %q has %q", seg, r)
			}
		}
	}
	return nil
}

// addSeeds adds the sources of the table tests (of APIUses, ImportScripts
// and GlobalUses) and fuzzSeeds to the seed corpus of f.
func addSeeds(f *testing.F) {
	for _, tt := range apiUseTests {
		f.Add([]byte(tt.src))
	}
	for _, tt := range importScriptsTests {
		f.Add([]byte(tt.src))
	}
	for _, tt := range localBindingTests {
		f.Add([]byte(tt.src))
	}
	for _, tt := range globalUseTests {
		f.Add([]byte(tt.src))
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
}

// fuzzSeeds are seeds of the fuzz tests besides the table tests: broken
// and tricky input.
var fuzzSeeds = []string{
	mdnBackground,
	"chrome.tabs.query({}, tabs => browser.tabs.sendMessage(tabs[0].id, {}))",
	"`${`${chrome.a}`}` / chrome.b / `${{}}`",
	"x = a / b / c; y = /re[/]x/g; z = `${/}/.source}`; chrome.c",
	"if (typeof browser == 'undefined') globalThis.browser = chrome;",
	"#!node\nself.importScripts('a.js', \"b\\u{63}.js\", `x`, y)",
	"importScripts('\\uD83D\\uDE00', '\\x41', '\\0', '\\\r\n')",
	"chrome['tabs'][\"query\"]?.['x']?.(y)",
	"chrome\r\n.tabs\u2028.query\u2029/**/",
	"\xef\xbb\xbfchrome.\xff\xfe\x00",
	"'unterminated\n\"also\r`template ${ chrome",
	"/unterminated regex\n/* comment",
	"a?.5:b?.c",
	"window.browser[\"a\"]; {chrome: 1}; mychrome.x; #chrome; this.chrome",
	`globalThis.importScripts('a', "b", c); importScripts(f("a"), ["b"], "c"`,
	"importScripts(`${'a'}`, 'b'); importScripts(\"\\u{1F600}\\uD83D\\uDE00\")",
	"\u00e9chrome.x \u2003chrome.y chrome.\u0661 \U0001F600chrome.z",
}

func FuzzScanAPIUses(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		last := -1
		for _, u := range APIUses(src) {
			if u.Offset <= last || u.Offset+len(u.Namespace) > len(src) {
				t.Fatalf("offset %d after %d in %d bytes: %q", u.Offset, last, len(src), src)
			}
			last = u.Offset
			if u.Namespace != "chrome" && u.Namespace != "browser" || !bytes.HasPrefix(src[u.Offset:], []byte(u.Namespace)) {
				t.Fatalf("%q at %d is not at its namespace: %q", u.Namespace, u.Offset, src)
			}
			if r, _ := utf8.DecodeLastRune(src[:u.Offset]); u.Offset > 0 && isIdentChar(r) {
				t.Fatalf("%s at %d continues an identifier: %q", u.Namespace, u.Offset, src)
			}
			if r, size := utf8.DecodeRune(src[u.Offset+len(u.Namespace):]); size > 0 && isIdentChar(r) {
				t.Fatalf("%s at %d is followed by an identifier character: %q", u.Namespace, u.Offset, src)
			}
			if line, col := lineColumn(src, u.Offset); u.Line != line || u.Column != col {
				t.Fatalf("%s at %d is at %d:%d, want %d:%d: %q", u.Namespace, u.Offset, u.Line, u.Column, line, col, src)
			}
			if err := checkPath(u.Path); err != nil {
				t.Fatalf("path %q: %v: %q", u.Path, err, src)
			}
		}
	})
}

func FuzzScanImportScripts(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		last := -1
		for _, r := range ImportScripts(src) {
			if r.Offset <= last || r.Offset+2 > len(src) {
				t.Fatalf("offset %d after %d in %d bytes: %q", r.Offset, last, len(src), src)
			}
			last = r.Offset
			quote := src[r.Offset]
			if quote != '"' && quote != '\'' {
				t.Fatalf("%q at %d is not at a quote: %q", r.Path, r.Offset, src)
			}
			if line, col := lineColumn(src, r.Offset); r.Line != line || r.Column != col {
				t.Fatalf("%q at %d is at %d:%d, want %d:%d: %q", r.Path, r.Offset, r.Line, r.Column, line, col, src)
			}
			end := bytes.IndexByte(src[r.Offset+1:], quote)
			if end < 0 {
				t.Fatalf("%q at %d is not closed: %q", r.Path, r.Offset, src)
			}
			if raw := src[r.Offset+1 : r.Offset+1+end]; bytes.IndexByte(raw, '\\') < 0 && string(raw) != r.Path {
				t.Fatalf("literal %q decoded as %q: %q", raw, r.Path, src)
			}
		}
	})
}

// generatedScript returns about n bytes of JavaScript: extension code with
// API uses among strings, templates, comments and regular expressions.
func generatedScript(n int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `// handler %d: chrome.tabs in a comment
async function handle%d(message, sender) {
  const tabs = await browser.tabs.query({active: true, currentWindow: true});
  if (/^https?:\/\/[^/]+\/page%d/.test(tabs[0].url) && message.n / 2 > %d) {
    chrome.tabs.executeScript(tabs[0].id, {code: "document.title = 'chrome.x';"});
  }
  /* browser.runtime.sendMessage is not used here */
  const label = `+"`handler ${%d} for ${sender.id}: ${chrome.i18n.getMessage(\"name\")}`"+`;
  globalThis.browser?.storage.local.set({[label]: Date.now()});
  return chrome["runtime"].getURL("icons/" + %d + ".png");
}
browser.runtime.onMessage.addListener(handle%d);

`, i, i, i, i, i, i, i)
	}
	return b.Bytes()
}

func BenchmarkScanAPIUses(b *testing.B) {
	src := generatedScript(100 << 10)
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		APIUses(src)
	}
}
