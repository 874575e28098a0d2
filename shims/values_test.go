package shims

// Tests of the encoding of values the getBackgroundPage fallback carries
// (js/bgpage/values.js): round trips of every kind through the handle, in
// goja worlds whose bus carries JSON as Chromium does; the exact nodes; what
// decoding refuses.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// jsonText is JSON.stringify of the strings, one alone or an array of
// several.
func jsonText(s ...string) string {
	var v any = s
	if len(s) == 1 {
		v = s[0]
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func showJS(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "show.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// valueCases are values of each kind the fallback carries, as JavaScript
// expressions, and how testdata/show.js shows them after the trip.
var valueCases = []struct{ name, expr, want string }{
	{"undefined", `undefined`, `undefined`},
	{"special numbers", `[NaN, Infinity, -Infinity, -0, 0, 1.5, -2]`, `[NaN,Infinity,-Infinity,-0,0,1.5,-2]`},
	{"BigInt", `[1n, -12345678901234567890n, 0n]`, `[1n,-12345678901234567890n,0n]`},
	{"undefined in arrays and objects", `[undefined, {u: undefined, d: 1}]`, `[undefined,{"u":undefined,"d":1}]`},
	{"a hole is undefined", `[, 1]`, `[undefined,1]`},
	{"strings and keys", `{"": "", "a b": "\t\"", "0": null, "__proto__x": true}`, `{"0":null,"":"","a b":"\t\"","__proto__x":true}`},
	{"own __proto__ key", `JSON.parse('{"__proto__": {"x": 1}, "y": 2}')`, `{"__proto__":{"x":1},"y":2}`},
	{"null-prototype object", `Object.assign(Object.create(null), {k: [1]})`, `{"k":[1]}`},
	{"Dates", `[new Date(0), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), new Date(NaN)]`, `[Date(0),Date(1704164645006),Date(NaN)]`},
	{"a log of Dates", `{log: [{at: new Date(1), msg: "a"}, {at: new Date(2), msg: "b"}]}`, `{"log":[{"at":Date(1),"msg":"a"},{"at":Date(2),"msg":"b"}]}`},
	{"RegExp", `[/a+b/giu, new RegExp("[x-y]", "")]`, `[RegExp(a+b,giu),RegExp([x-y],)]`},
	{"Map", `new Map([["a", 1], [{k: 1}, new Date(5)], [2n, undefined]])`, `Map{"a"=>1,{"k":1}=>Date(5),2n=>undefined}`},
	{"Set", `new Set([1, "1", {x: 1}, -0])`, `Set{1,"1",{"x":1},0}`},
	{"ArrayBuffer", `new Uint8Array([0, 1, 255]).buffer`, `ArrayBuffer(0 1 255)`},
	{"typed arrays", `[new Int8Array([-1]), new Uint8ClampedArray([300]), new Int16Array([-2]), new Uint16Array([2]), new Int32Array([-3]),
		new Uint32Array([3]), new Float32Array([0.5]), new Float64Array([-0.25]), new BigInt64Array([-1n]), new BigUint64Array([1n])]`,
		`[Int8Array(ArrayBuffer(255),0,1),Uint8ClampedArray(ArrayBuffer(255),0,1),Int16Array(ArrayBuffer(254 255),0,1),Uint16Array(ArrayBuffer(2 0),0,1),` +
			`Int32Array(ArrayBuffer(253 255 255 255),0,1),Uint32Array(ArrayBuffer(3 0 0 0),0,1),Float32Array(ArrayBuffer(0 0 0 63),0,1),` +
			`Float64Array(ArrayBuffer(0 0 0 0 0 0 208 191),0,1),BigInt64Array(ArrayBuffer(255 255 255 255 255 255 255 255),0,1),BigUint64Array(ArrayBuffer(1 0 0 0 0 0 0 0),0,1)]`},
	{"a view of part of a buffer", `new Uint16Array(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer, 2, 2)`, `Uint16Array(ArrayBuffer(1 2 3 4 5 6 7 8),2,2)`},
	{"DataView", `new DataView(new Uint8Array([9, 8, 7]).buffer, 1)`, `DataView(ArrayBuffer(9 8 7),1,2)`},
	{"views sharing a buffer", `(() => { const b = new ArrayBuffer(4); return [new Uint8Array(b), new Uint16Array(b, 2)] })()`,
		`[Uint8Array(ArrayBuffer(0 0 0 0),0,4),Uint16Array(#2,2,1)]`},
	{"errors as values", `[new RangeError("r"), Object.assign(new Error("m"), {name: "Custom"}), new Error("")]`, `[Error(RangeError:r),Error(Custom:m),Error(Error:)]`},
	{"a cycle", `(() => { const o = {name: "o"}; o.self = o; o.list = [o]; return o })()`, `{"name":"o","self":#0,"list":[#0]}`},
	{"a cycle through a Map and a Set", `(() => { const m = new Map(); m.set("me", m); const s = new Set(); s.add(s); return [m, s] })()`,
		`[Map{"me"=>#1},Set{#2}]`},
	{"a cycle through arrays", `(() => { const a = []; a.push([a]); return a })()`, `[[#0]]`},
	{"shared objects stay shared", `(() => { const x = {v: 1}; return [x, x, {y: x}] })()`, `[{"v":1},#1,{"y":#1}]`},
	{"nested kinds", `{tabs: new Map([[7, {opened: new Date(0), urls: new Set(["u"]), re: [/x/]}]])}`,
		`{"tabs":Map{7=>{"opened":Date(0),"urls":Set{"u"},"re":[RegExp(x,)]}}}`},
}

// TestStandaloneValues: each kind from the popup to the background (as the
// background's function receives it) and back (as the popup receives its
// result), in every build and in Chromium's and Firefox's flavour.
func TestStandaloneValues(t *testing.T) {
	for _, b := range builds {
		for _, f := range []flavour{chromiumMV3, firefoxPrivate} {
			if !b.runs(f) {
				continue
			}
			t.Run(b.name+"/"+f.name, func(t *testing.T) {
				_, _, popup, _ := standardWorld(t, f, b, showJS(t))
				popup.load("show.js", showJS(t))
				for _, c := range valueCases {
					t.Run(c.name, func(t *testing.T) {
						got := popup.eval("const page = chrome.extension.getBackgroundPage();\nconst x = (" + c.expr + ");\n" +
							"return [await page.received(x), show(await page.echo(x))]")
						if want := jsonText(c.want, c.want); got != want {
							t.Errorf("got  %s\nwant %s (in the background, back in the popup)", got, want)
						}
					})
				}
				// Reads of the background's own values.
				for _, c := range []struct{ name, body, want string }{
					{"per-tab state in a Map", `return show(await page.tabState)`, jsonText(`Map{7=>{"opened":Date(0),"urls":Set{"https://example.com/"},"hits":2n}}`)},
					{"a value in a Map, read through it", `return show((await page.tabState).get(7).opened)`, jsonText(`Date(0)`)},
					{"the background's log of Dates", `return show(await page.log)`, jsonText(`[{"at":Date(1),"msg":"a"},{"at":Date(2),"msg":"b"}]`)},
					{"a cyclic result", `const r = await page.makeCycle(); return [show(r), r.self === r, r.children[0].parent === r]`,
						`["{\"name\":\"root\",\"children\":[{\"parent\":#0}],\"self\":#0}",true,true]`},
					{"the background's value is a copy", `return [show(await page.echo(bg => 1).catch((e) => e.message))]`,
						`["\"cannot send arguments[0] of page.echo(): a function\""]`},
				} {
					t.Run(c.name, func(t *testing.T) {
						if got := popup.eval("const page = chrome.extension.getBackgroundPage();\n" + c.body); got != c.want {
							t.Errorf("got  %s\nwant %s", got, c.want)
						}
					})
				}
			})
		}
	}
}

// TestJSValues: values.js directly: the exact nodes encode makes (what
// travels), what it refuses and how it names the place, and what decode
// refuses to make.
func TestJSValues(t *testing.T) {
	w := newWorld(t, chromiumMV3)
	c := w.page("/popup.html")
	c.load("values.js", jsBuild(t, "", `import { encode, decode, errorNode } from "../js/bgpage/values.js";
		globalThis.encode = encode; globalThis.decode = decode; globalThis.errorNode = errorNode;`, "testdata", false))
	c.load("show.js", showJS(t))
	cases := []struct{ name, body, want string }{
		{"JSON's own values are themselves", `return encode({s: "x", n: 1.5, t: true, z: null, a: [0]}, "v")`,
			`["Object","s","x","n",1.5,"t",true,"z",null,"a",["Array",0]]`},
		{"numbers JSON lacks, BigInt, undefined", `return encode([NaN, -Infinity, -0, 10n, undefined], "v")`,
			`["Array",["n","NaN"],["n","-Infinity"],["n","-0"],["b","10"],["u","undefined"]]`},
		{"a cycle is a back-reference", `const o = {}; o.me = [o]; return encode(o, "v")`, `["Object","me",["Array",["r",0]]]`},
		{"a shared object too", `const x = {}; return encode([x, new Map([[x, x]])], "v")`, `["Array",["Object"],["Map",["r",1],["r",1]]]`},
		{"Date, RegExp, ArrayBuffer", `return encode([new Date(3), /a/g, new Uint8Array([7]).buffer], "v")`,
			`["Array",["Date",3],["RegExp","a","g"],["ArrayBuffer",7]]`},
		{"an invalid Date", `return encode(new Date(NaN), "v")`, `["Date",["n","NaN"]]`},
		{"a typed array and its buffer", `return encode(new Int16Array(new ArrayBuffer(4), 2), "v")`, `["Int16Array",["ArrayBuffer",0,0,0,0],2,1]`},
		{"an error", `const e = new TypeError("m"); e.stack = "at bg.js:1"; return encode(e, "v")`, `["Error","TypeError","m","at bg.js:1"]`},
		{"a thrown value that is not an Error", `return [errorNode("s"), errorNode({message: "o"}), errorNode(null)]`,
			`[["Error","Error","s",""],["Error","Error","o",""],["Error","Error","null",""]]`},
		{"a function names its place", `encode({a: [1, {f() {}}]}, "page.x")`, `throws TypeError: cannot send page.x.a[1].f: a function`},
		{"a Map's key and value by position", `encode(new Map([[1, 2], [Symbol(), 3]]), "page.m")`, `throws TypeError: cannot send page.m[2]: a symbol`},
		{"root and suffix", `encode([1, [Math.max]], "arguments", " of page.save()")`, `throws TypeError: cannot send arguments[1][0] of page.save(): a function`},
		{"a class instance names its class", `class Tab { close() {} }; encode({t: new Tab()}, "v")`, `throws TypeError: cannot send v.t: a Tab`},
		{"a Map subclass is a class instance", `class Tabs extends Map { open() {} }; encode(new Tabs(), "v")`, `throws TypeError: cannot send v: a Tabs`},
		{"a boxed string", `encode(new String("s"), "v")`, `throws TypeError: cannot send v: a String`},
		{"a WeakSet", `encode(new WeakSet(), "v")`, `throws TypeError: cannot send v: a WeakSet`},
		{"decode: a plain object's __proto__ key is its own", `const o = decode(["Object", "__proto__", ["Object", "x", 1]]);
			return [Object.getPrototypeOf(o) === Object.prototype, Object.keys(o), o.x === undefined]`, `[true,["__proto__"],true]`},
		{"decode: an error", `const e = decode(["Error", "RangeError", "m", "at bg.js:1"]); return [e instanceof Error, e.name, e.message, e.stack]`,
			`[true,"RangeError","m","at bg.js:1"]`},
		// A finding of FuzzDecodeValues: a node without a name made an error
		// named undefined.
		{"decode: an error node without name, message or stack", `const e = decode(["Error"]); return [e.name, e.message, typeof e.stack]`,
			`["Error","","string"]`},
		{"decode: a back-reference to an ancestor", `const a = decode(["Array", ["Map", "k", ["r", 0]]]); return a[0].get("k") === a`, `true`},
		{"decode: a JSON object is data", `return show(decode({a: 1}))`, `"{\"a\":1}"`},
		{"decode: no constructor but the built-in views", `decode(["Function", "return 1"])`, `throws TypeError: `},
		{"decode: not a global's constructor", `decode(["constructor", 1])`, `throws TypeError: `},
		{"decode: not a subclass of a view", `globalThis.Sub = class extends Uint8Array {}; decode(["Sub", ["ArrayBuffer", 1], 0, 1])`, `throws TypeError: `},
		{"decode: an unknown tag", `decode(["Z"])`, `throws TypeError: `},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A refusal of decode is a TypeError, whatever its message (the
			// browser's, for a class it will not construct).
			got := c.eval(tc.body)
			if tc.want == "throws TypeError: " && strings.HasPrefix(got, tc.want) {
				return
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// FuzzDecodeValues feeds decode (js/bgpage/values.js) any JSON, as a
// forged message could: it either refuses with a TypeError, a RangeError
// or a SyntaxError (a BigInt or RegExp it cannot read), or makes a value
// that encode turns into a node that decodes to the same value (shown
// alike by testdata/show.js), and it never makes an object of a class but
// the built-in ones of the encoding.
func FuzzDecodeValues(f *testing.F) {
	for _, seed := range []string{
		`["Array",1,["u","undefined"],["n","-0"],["b","7"]]`,
		`["Object","a",["Map","k",["r",0]],"__proto__",["Object"]]`,
		`["Set",["Date",5],["RegExp","a+","g"],["ArrayBuffer",1,2]]`,
		`["Uint16Array",["ArrayBuffer",1,2,3,4],2,1]`,
		`["DataView",["ArrayBuffer",1],0,1]`,
		`["Error","TypeError","m","at x"]`,
		`["Function","return 1"]`,
		`["r",9]`,
		`{"a":[1]}`,
	} {
		f.Add(seed)
	}
	w := newWorld(f, chromiumMV3)
	c := w.page("/popup.html")
	c.load("values.js", jsBuild(f, "", `import { encode, decode } from "../js/bgpage/values.js";
		globalThis.encode = encode; globalThis.decode = decode;`, "testdata", false))
	c.load("show.js", showJS(f))
	check, err := c.vm.RunString(`(text) => {
		let value;
		try {
			value = decode(JSON.parse(text));
		} catch (e) {
			if (e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError) return "refused";
			return "threw " + e;
		}
		const built = ["Object", "Array", "Map", "Set", "Date", "RegExp", "ArrayBuffer", "Error", "DataView", "Int8Array", "Uint8Array",
			"Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
		const seen = new Set();
		const classes = (v) => {
			if (!v || typeof v != "object" || seen.has(v)) return "";
			seen.add(v);
			const proto = Object.getPrototypeOf(v);
			const name = proto === null ? "Object" : proto.constructor.name;
			if (!built.includes(name)) return "made a " + name;
			const parts = v instanceof Map ? [...v].flat() : v instanceof Set ? [...v] : ArrayBuffer.isView(v) ? [v.buffer] : Object.values(v);
			return parts.map(classes).join("");
		};
		const made = classes(value);
		if (made) return made;
		const again = decode(JSON.parse(JSON.stringify(encode(value, "v"))));
		return show(again) == show(value) ? "ok" : "differs: " + show(value) + " then " + show(again);
	}`)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !json.Valid([]byte(text)) {
			return
		}
		fn, _ := goja.AssertFunction(check)
		got, err := fn(goja.Undefined(), c.vm.ToValue(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if s := got.String(); s != "ok" && s != "refused" {
			t.Errorf("%s: %s", text, s)
		}
	})
}
