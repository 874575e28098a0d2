package shims

// In-process tests of the getBackgroundPage JavaScript (js/bgpage/*.js,
// js/standalone.js) in goja against the fake extension API of
// testdata/fakeext.js; the harness is in jsharness_test.go.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/webext-shim/webext-shim/targets"
)

const fooResult = `"I'm defined in background.js"`

func backgroundJS(t testing.TB) string {
	b, err := os.ReadFile(filepath.Join("testdata", "background.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// standardWorld is an extension with the standalone shim in a background
// running testdata/background.js (plus extra), a popup and a content script.
func standardWorld(t *testing.T, f flavour, b build, extra string) (w *world, bg, popup, cs *jsContext) {
	t.Helper()
	w = newWorld(t, f)
	bg = w.background().loadShim(b)
	bg.load("background.js", backgroundJS(t)+extra)
	popup = w.page("/popup.html").loadShim(b)
	cs = w.contentScript("https://example.com/some/page").loadShim(b)
	return
}

// withKey replaces KEY in s with the shim's message key, as a JS string literal.
func withKey(t testing.TB, s string) string {
	k, _ := json.Marshal(messageKey(t))
	return strings.ReplaceAll(s, "KEY", string(k))
}

func TestJSStandaloneSize(t *testing.T) {
	// The whole file RenderStandalone writes (banner included), per target:
	// the getBackgroundPage shim alone is at most 3,260 bytes minified and
	// 1,730 gzipped (at the best compression, as gzip -9), the encoding of
	// values (js/bgpage/values.js) included. (Issue 17 asked for 3,200 and
	// 1,600; the encoding of every kind, with the names of the places that
	// cannot be sent and the checks of what decoding makes, took the script
	// from 2,359/1,284 to 3,395/1,778 for chrome, since reduced to
	// 3,300/1,742 and then 3,244/1,719: see BENCHMARKS.md. The limits hold
	// the script to those last figures, with a few bytes of room.)
	const limit, gzipLimit = 3260, 1730
	gzipped := func(code []byte) int {
		var gz bytes.Buffer
		zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		zw.Write(code)
		zw.Close()
		return gz.Len()
	}
	render := func(target string, apis []string) []byte {
		t.Helper()
		ts, err := targets.ResolveAll(target, nil)
		if err != nil {
			t.Fatal(err)
		}
		s, err := RenderStandalone(ts, StandaloneOptions{APIs: apis, Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("standalone script for %s %v, minified: %d bytes, %d gzipped", target, s.Included, len(s.Code), gzipped(s.Code))
		return s.Code
	}
	for _, target := range []string{"firefox", "chrome", "safari", "edge"} {
		code := render(target, GetBackgroundPage.Provides)
		if len(code) > limit || gzipped(code) > gzipLimit {
			t.Errorf("the getBackgroundPage script for %s is %d bytes, %d gzipped, want at most %d and %d", target, len(code), gzipped(code), limit, gzipLimit)
		}
		// The target facts drop what the target's browsers never run: the
		// callback transport and the native runtime.getBackgroundPage path
		// everywhere, the service-worker check on Firefox, the background
		// page's path on both; the browser namespace, not asked for.
		for _, dropped := range []string{"lastError", "_generated_background_page", "WEBEXT_SHIM_", "__mozWebExtensionPolyfillReject__"} {
			if bytes.Contains(code, []byte(dropped)) {
				t.Errorf("the getBackgroundPage script for %s still has %q", target, dropped)
			}
		}
		if sw := bytes.Contains(code, []byte("ServiceWorkerGlobalScope")); sw != (target != "firefox") {
			t.Errorf("the getBackgroundPage script for %s has the service-worker check: %v", target, sw)
		}
	}
	// Every shim a Chrome range with the native browser namespace needs: the
	// getBackgroundPage shim only.
	if code := render("chrome>=148", nil); len(code) > limit || gzipped(code) > gzipLimit {
		t.Errorf("the standalone script for chrome>=148 is %d bytes, %d gzipped, want at most %d and %d", len(code), gzipped(code), limit, gzipLimit)
	}
	// The browser namespace alone, complete for chrome>=120: the goal is under
	// 3,000 bytes (mozilla/webextension-polyfill, which wraps everything for
	// every browser, is 10,113 minified).
	const nsLimit = 3000
	if code := render("chrome>=120", []string{"browser"}); len(code) >= nsLimit || bytes.Contains(code, []byte("WEBEXT_SHIM_")) {
		t.Errorf("the browser namespace script for chrome>=120 is %d bytes (want < %d), or has WEBEXT_SHIM_:\n%s", len(code), nsLimit, code)
	}
	// Every shim, for the record.
	for _, target := range []string{"chrome>=120", "chrome>=88", "chrome"} {
		if code := render(target, nil); bytes.Contains(code, []byte("WEBEXT_SHIM_")) {
			t.Errorf("the standalone script for %s still has WEBEXT_SHIM_", target)
		}
	}
	// The shims must reach the natives through globalThis: a free chrome or
	// browser would be replaced by esbuild's inject in bundles. (esbuild's
	// comments naming the modules are left out.)
	free := regexp.MustCompile(`(^|[^.\w$"'])(chrome|browser)\s*(\?\.|\.|\[)`)
	pathComment := regexp.MustCompile(`(?m)^\s*// [\w/.-]+\.js$`)
	for _, name := range []string{"bgpage/protocol.js", "bgpage/client.js", "bgpage/handler.js", "bgpage/standalone.js", "namespace/browser.js", "namespace/standalone.js"} {
		code := pathComment.ReplaceAllString(jsBuild(t, filepath.Join("js", name), "", "", false), "") // comments dropped
		for _, m := range free.FindAllStringIndex(code, -1) {
			t.Errorf("%s: free chrome/browser at %q", name, code[max(0, m[0]-20):min(len(code), m[1]+30)])
		}
	}
}

// TestStandaloneReadableFolded: the readable standalone scripts (those of
// standalone/ among them) hold no code for target facts the range rules out:
// no fact's define or constant left, no condition on a literal (esbuild
// prints `false ? a : b` for a defined fact unless it minifies the syntax).
// (The browser namespace's table stays, as esbuild's
// define_globalThis_WEBEXT_SHIM_NS_default.)
func TestStandaloneReadableFolded(t *testing.T) {
	facts := regexp.MustCompile(`WEBEXT_SHIM_(SW|PAGE|RT|CB|BROWSER|EV)\b|WORKER_FALLBACK|PAGE_FALLBACK|MAY_LACK_EXTENSION_GBP|CALLBACK_TRANSPORT|NAMESPACE_MISSING`)
	literalCondition := regexp.MustCompile(`(^|[(,;{?:]|&&|\|\||return|=>)\s*(false|true|!0|!1)\s*(\?|&&|\|\|)|if \((false|true|!0|!1)\)`)
	for _, target := range []string{"chrome", "edge", "opera", "firefox", "firefox-android", "safari", "safari-ios", "firefox,chrome", "chrome>=88", "chrome>=148"} {
		for _, apis := range [][]string{nil, GetBackgroundPage.Provides} {
			t.Run(fmt.Sprint(target, apis), func(t *testing.T) {
				ts, err := targets.ResolveAll(target, nil)
				if err != nil {
					t.Fatal(err)
				}
				s, err := RenderStandalone(ts, StandaloneOptions{APIs: apis})
				if err != nil {
					t.Fatal(err)
				}
				code := string(s.Code)
				for _, re := range []*regexp.Regexp{facts, literalCondition} {
					for _, m := range re.FindAllStringIndex(code, -1) {
						t.Errorf("%q at %q", code[m[0]:m[1]], code[max(0, m[0]-60):min(len(code), m[1]+60)])
					}
				}
			})
		}
	}
}

// TestTargetFacts: the esbuild Defines RenderStandalone derives from the
// targets tables.
func TestTargetFacts(t *testing.T) {
	cases := []struct{ targets, want string }{
		// Firefox: background pages (private windows), no service workers,
		// extension.getBackgroundPage everywhere, promise-returning browser.*.
		{"firefox", "BROWSER=false CB=false PAGE=true RT=false SW=false"},
		// Chrome: service workers only need the fallback; chrome.* returns
		// promises since 99 (Manifest V3) where there is no browser.*, which
		// the default range lacks before 148.
		{"chrome", "BROWSER=true CB=false PAGE=false RT=false SW=true"},
		{"firefox,chrome", "BROWSER=true CB=false PAGE=true RT=false SW=true"},
		// Before Chrome 99 chrome.runtime.sendMessage needs a callback.
		{"chrome>=88", "BROWSER=true CB=true PAGE=false RT=false SW=true"},
		// The native browser namespace everywhere.
		{"chrome>=148", "BROWSER=false CB=false PAGE=false RT=false SW=true"},
		// Edge and Opera are not known to have it.
		{"edge", "BROWSER=true CB=false PAGE=false RT=false SW=true"},
		// Safari: service-worker backgrounds lack a page; browser.* promises.
		{"safari", "BROWSER=false CB=false PAGE=false RT=false SW=true"},
	}
	for _, c := range cases {
		ts, err := targets.ResolveAll(c.targets, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := backgroundPageDefines(ts, nil)
		if err != nil {
			t.Fatal(err)
		}
		d["globalThis.WEBEXT_SHIM_BROWSER"] = testDefines(t, ts, nil)["globalThis.WEBEXT_SHIM_BROWSER"]
		var got []string
		for _, k := range slices.Sorted(maps.Keys(d)) {
			got = append(got, strings.TrimPrefix(k, "globalThis.WEBEXT_SHIM_")+"="+d[k])
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: got %s, want %s", c.targets, g, c.want)
		}
	}
}

// TestStandaloneGetBackgroundPage: what extension.getBackgroundPage and
// runtime.getBackgroundPage return in each context and browser.
func TestStandaloneGetBackgroundPage(t *testing.T) {
	// allNS checks every spelling in the context: extension.getBackgroundPage,
	// runtime.getBackgroundPage as a promise and with a callback, on chrome
	// and (where it exists) browser; want(x) says whether x is right.
	const allNS = `
		const out = [];
		for (const ns of [chrome, globalThis.browser].filter(Boolean)) {
			out.push(want(ns.extension.getBackgroundPage()));
			out.push(await ns.runtime.getBackgroundPage().then(want, (e) => "rejected: " + e.message));
			out.push(want(await new Promise((ok) => ns.runtime.getBackgroundPage(ok))));
		}
		return out.every((x) => x === true) || out;`
	isHandle := `const h = chrome.extension.getBackgroundPage();
		const want = (x) => x === h && typeof x == "object" && x.then === undefined;` + allNS
	isSelf := `const want = (x) => x === globalThis;` + allNS
	cases := []struct {
		name string
		f    flavour
		in   string // "popup", "background" or "content"
		body string
		want string
	}{
		{"firefox normal window: the native Window, no message", firefoxMV2, "popup", `
			const w = chrome.extension.getBackgroundPage();
			return [w === __fakeBackgroundWindow, browser.extension.getBackgroundPage() === w,
				(await browser.runtime.getBackgroundPage()) === w,
				(await new Promise((ok) => chrome.runtime.getBackgroundPage(ok))) === w,
				w.foo(), __sentCount()]`, `[true,true,true,true,"native foo",0]`},
		{"chromium MV3 page: native undefined, the handle", chromiumMV3, "popup", isHandle, `true`},
		{"chromium before the browser namespace: the handle", chromiumOld, "popup", isHandle, `true`},
		{"firefox private window: native null, the handle", firefoxPrivate, "popup", isHandle, `true`},
		{"firefox MV3 private window: the handle", firefoxMV3Private, "popup", isHandle, `true`},
		{"only chrome.runtime.getBackgroundPage with lastError: the handle", runtimeOnly, "popup", isHandle, `true`},
		{"only a rejecting runtime.getBackgroundPage: the handle", browserRuntimeOnly, "popup", isHandle, `true`},
		{"runtime.getBackgroundPage never rejects (chromium)", chromiumMV3, "popup", `
			const h = chrome.extension.getBackgroundPage();
			return [await chrome.runtime.getBackgroundPage().then((p) => p === h, (e) => e.message),
				await browser.runtime.getBackgroundPage().then((p) => p === h, (e) => e.message),
				await (await chrome.runtime.getBackgroundPage()).foo()]`, `[true,true,` + fooResult + `]`},
		{"runtime.getBackgroundPage callback gets the handle (chromium lastError path)", runtimeOnly, "popup", `
			const p = await new Promise((ok) => chrome.runtime.getBackgroundPage(ok));
			const q = await chrome.runtime.getBackgroundPage();
			return [chrome.runtime.lastError === undefined, p === q, __uncheckedLastError, await p.foo()]`, `[true,true,[],` + fooResult + `]`},
		{"runtime.getBackgroundPage returns a promise also with a callback", chromiumMV3, "popup", `
			let got; const p = chrome.runtime.getBackgroundPage((x) => { got = x; });
			return [p instanceof Promise, (await p) === got, typeof got]`, `[true,true,"object"]`},
		{"chromium service worker: its own global", chromiumMV3, "background", isSelf, `true`},
		{"chromium service worker without browser: its own global", chromiumOld, "background", isSelf, `true`},
		{"firefox background page: its own global", firefoxMV2, "background", isSelf, `true`},
		{"firefox MV3 background page: its own global", firefoxMV3Private, "background", isSelf, `true`},
		{"background page named by the manifest: its own global", runtimeOnly, "background", isSelf, `true`},
		{"content script: nothing changes (chromium)", chromiumMV3, "content", `
			return [chrome.extension.getBackgroundPage === __native.chromeExt, typeof chrome.extension.getBackgroundPage,
				chrome.runtime.getBackgroundPage === __native.chromeRt, typeof browser.runtime.getBackgroundPage,
				chrome.runtime.onMessage.addListener === __native.chromeAdd, __sentCount()]`,
			`[true,"undefined",true,"undefined",true,0]`},
		{"content script: nothing changes (firefox)", firefoxPrivate, "content", `
			return [chrome.extension.getBackgroundPage === __native.chromeExt, typeof browser.extension.getBackgroundPage,
				chrome.runtime.onMessage.addListener === __native.chromeAdd]`, `[true,"undefined",true]`},
	}
	for _, b := range builds {
		for _, c := range cases {
			if !b.runs(c.f) {
				continue
			}
			t.Run(b.name+"/"+c.f.name+"/"+c.name, func(t *testing.T) {
				_, bg, popup, cs := standardWorld(t, c.f, b, "")
				ctx := map[string]*jsContext{"background": bg, "popup": popup, "content": cs}[c.in]
				if got := ctx.eval(c.body); got != c.want {
					t.Errorf("got  %s\nwant %s", got, c.want)
				}
			})
		}
	}
}

// TestStandaloneHandle: the background handle, from a popup, in every browser
// that needs it.
func TestStandaloneHandle(t *testing.T) {
	const argErr = `throws TypeError: cannot send arguments%s of page.%s(): a %s`
	cases := []struct{ name, body, want string }{
		{"seed example", `return await page.foo()`, fooResult},
		{"numbers", `return await page.add(1, 2.5)`, `3.5`},
		{"strings", `return await page.add("a", "b")`, `"ab"`},
		{"objects", `return await page.getObj()`, `{"a":[1,{"b":null}],"s":"x","t":true,"n":-2.5}`},
		{"objects as arguments", `return await page.echo({k: [1, "2", null, {x: false}]})`, `{"k":[1,"2",null,{"x":false}]}`},
		{"null-prototype object", `return await page.echo(Object.assign(Object.create(null), {k: 1}))`, `{"k":1}`},
		{"undefined property is dropped", `return await page.echo({u: undefined, b: 1})`, `{"b":1}`},
		{"undefined arguments stay undefined", `return await page.argsInfo(1, undefined, null, undefined)`,
			`{"n":4,"types":["number","undefined","object","undefined"]}`},
		{"no arguments", `return await page.argsInfo()`, `{"n":0,"types":[]}`},
		{"undefined result", `return [await page.getUndefined() === undefined]`, `[true]`},
		{"promise-returning function", `return await page.later(21)`, `42`},
		{"async function", `return await page.asyncFn(1)`, `"async 1"`},
		// An Error with the name and message (natively, too, the error is no
		// instance of the caller's TypeError, which is of another realm).
		{"TypeError", `try { await page.throwsType() } catch (e) { return [e instanceof Error, e.name, e.message, String(e)] }`,
			`[true,"TypeError","bad type","TypeError: bad type"]`},
		{"RangeError", `try { await page.throwsRange() } catch (e) { return [e instanceof Error, e.name, e.message] }`,
			`[true,"RangeError","out of range"]`},
		{"custom-named error", `try { await page.throwsCustom() } catch (e) { return [e instanceof Error, e.name, e.message, String(e)] }`,
			`[true,"QuotaError","over quota","QuotaError: over quota"]`},
		{"async rejection", `try { await page.rejectsAsync() } catch (e) { return [e.name, e.message] }`,
			`["SyntaxError","async bad"]`},
		{"thrown string", `await page.throwsString()`, `throws Error: plain string`},
		// The background's stack, not the caller's.
		{"error stack", `try { await page.throwsType() } catch (e) { return [/throwsType/.test(e.stack), /test\.js/.test(e.stack)] }`, `[true,false]`},
		{"read a value", `return await page.settings`, `{"theme":"dark","size":3}`},
		{"read a nested value", `return await page.settings.theme`, `"dark"`},
		{"read an assigned global", `return await page.assigned`, `"assigned global"`},
		{"read a promise awaits it", `return await page.pending`, `"resolved later"`},
		{"state changes", `await page.inc(); await page.inc(5); return await page.counter`, `6`},
		{"nested call with this", `return await page.a.b.fn(1)`, `"a.b:1:true"`},
		{"missing name reads undefined", `return [await page.nothing]`, `[null]`},
		{"missing function", `await page.nothing()`, `throws TypeError: page.nothing is not a function`},
		{"not a function", `await page.settings()`, `throws TypeError: page.settings is not a function`},
		{"through undefined", `try { await page.obj.missing.deeper } catch (e) { return e.name }`, `"TypeError"`},
		{"function argument", `await page.save(() => 1)`, fmt.Sprintf(argErr, "[0]", "save", "function")},
		{"nested function argument", `await page.save(1, {state: {onTick() {}}})`, fmt.Sprintf(argErr, "[1].state.onTick", "save", "function")},
		{"function in an array in a Map", `await page.save(new Map([["k", [0, () => 1]]]))`, fmt.Sprintf(argErr, "[0][1][1]", "save", "function")},
		{"function in a Set", `await page.save([new Set([1, Math.max])])`, fmt.Sprintf(argErr, "[0][0][1]", "save", "function")},
		{"symbol argument", `await page.save(Symbol("s"))`, fmt.Sprintf(argErr, "[0]", "save", "symbol")},
		{"class instance argument", `class Point { norm() { return 0 } }; await page.save({p: new Point()})`, fmt.Sprintf(argErr, "[0].p", "save", "Point")},
		{"class instance without methods", `class Empty {}; await page.save(new Empty())`, fmt.Sprintf(argErr, "[0]", "save", "Empty")},
		{"WeakMap argument in nested call", `await page.a.b.fn(new WeakMap())`, `throws TypeError: cannot send arguments[0] of page.a.b.fn(): a WeakMap`},
		{"promise inside an argument", `await page.save({p: Promise.resolve(1)})`, fmt.Sprintf(argErr, "[0].p", "save", "Promise")},
		{"bad argument is not sent", `const n = __sentCount(); try { await page.save({f() {}}) } catch (e) { return [e instanceof TypeError, __sentCount() - n] }`,
			`[true,0]`},
		{"function result", `await page.getFn()`, `throws TypeError: cannot send page.getFn(): a function`},
		{"function inside a read value", `await page.withFn`, `throws TypeError: cannot send page.withFn.state.onTick: a function`},
		{"reading a function", `await page.foo`, `throws TypeError: cannot send page.foo: a function`},
		{"result error keeps the background's stack", `try { await page.getFn() } catch (e) { return /resolve|handler|standalone/.test(e.stack) }`, `true`},
		{"handle is not thenable", `return [page.then === undefined, typeof page, (await Promise.resolve(page)) === page,
			(await chrome.runtime.getBackgroundPage()) === page, chrome.extension.getBackgroundPage() === page]`, `[true,"object",true,true,true]`},
		{"symbols are undefined", `return [page[Symbol.toPrimitive], page[Symbol.toStringTag], page[Symbol.iterator], page.foo[Symbol.toPrimitive]].map((x) => x === undefined)`,
			`[true,true,true,true]`},
		{"a call returns a promise", `const p = page.foo(); const q = page.save(() => 1); q.catch(() => {});
			return [p instanceof Promise, q instanceof Promise, typeof page.foo.then, await p]`, `[true,true,"function",` + fooResult + `]`},
	}
	for _, b := range builds {
		for _, f := range []flavour{chromiumMV3, chromiumOld, firefoxPrivate, firefoxMV3Private, runtimeOnly, browserRuntimeOnly} {
			if !b.runs(f) {
				continue
			}
			for _, c := range cases {
				t.Run(b.name+"/"+f.name+"/"+c.name, func(t *testing.T) {
					_, _, popup, _ := standardWorld(t, f, b, "")
					if got := popup.eval("const page = chrome.extension.getBackgroundPage();\n" + c.body); got != c.want {
						t.Errorf("got  %s\nwant %s", got, c.want)
					}
				})
			}
		}
	}
}

// TestStandaloneRefusedNames: the handle reaches only what the extension's
// background code defined.
func TestStandaloneRefusedNames(t *testing.T) {
	const refused = `throws ReferenceError: %s is not exposed`
	cases := []struct {
		name, body, want string
		flavours         []flavour
	}{
		{"eval", `await page.eval("1")`, "page.eval", nil},
		{"Function", `await page.Function("return 1")`, "page.Function", nil},
		{"fetch", `await page.fetch("https://example.com/")`, "page.fetch", nil},
		{"chrome", `await page.chrome.runtime.id`, "page.chrome", nil},
		{"browser", `await page.browser.runtime.id`, "page.browser", []flavour{chromiumMV3, firefoxPrivate}},
		{"browser defined by the extension", `await page.browser.polyfill`, "page.browser", []flavour{chromiumOld}},
		{"globalThis", `await page.globalThis.foo()`, "page.globalThis", nil},
		{"self", `await page.self.foo()`, "page.self", nil},
		{"window", `await page.window.foo()`, "page.window", nil},
		{"importScripts in a service worker", `await page.importScripts("x.js")`, "page.importScripts", []flavour{chromiumMV3}},
		{"XMLHttpRequest in a page", `await page.XMLHttpRequest()`, "page.XMLHttpRequest", []flavour{firefoxPrivate}},
		{"inherited global", `await page.skipWaiting()`, "page.skipWaiting", []flavour{chromiumMV3}},
		{"constructor", `await page.constructor`, "page.constructor", nil},
		{"__proto__", `await page.__proto__`, "page.__proto__", nil},
		{"prototype", `await page.foo.prototype`, "page.foo.prototype", nil},
		{"obj.constructor.constructor", `await page.obj.constructor.constructor("return this")`, "page.obj.constructor", nil},
		{"__defineGetter__", `await page.obj.__defineGetter__("x", 1)`, "page.obj.__defineGetter__", nil},
		{"a builtin present at baseline: JSON", `await page.JSON.stringify({})`, "page.JSON", nil},
		{"a builtin present at baseline: Object", `await page.Object.keys({})`, "page.Object", nil},
		{"a global of the fake API at baseline", `await page.setTimeout(1)`, "page.setTimeout", nil},
		{"alias of chrome", `await page.api.runtime.id`, "page.api", nil},
		{"alias of eval", `await page.evalAlias("1")`, "page.evalAlias", nil},
		{"global inside an object", `await page.holder.g.foo()`, "page.holder.g", nil},
		{"Function inside an object", `await page.holder.fn("return 1")`, "page.holder.fn", nil},
		{"sibling of a refused value is fine", `return await page.holder.n`, "", nil},
	}
	for _, c := range cases {
		fl := c.flavours
		if fl == nil {
			fl = []flavour{chromiumMV3, firefoxPrivate}
		}
		want := fmt.Sprintf(refused, c.want)
		if c.want == "" {
			want = "1"
		}
		for _, f := range fl {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				// The extension defines names absent from the baseline whose
				// values are refused: a browser polyfill where there is no
				// native browser, window as the global in a service worker.
				_, _, popup, _ := standardWorld(t, f, plain, `
					if (!globalThis.browser) globalThis.browser = { polyfill: true };
					globalThis.window ||= globalThis;`)
				if got := popup.eval("const page = chrome.extension.getBackgroundPage();\n" + c.body); got != want {
					t.Errorf("got  %s\nwant %s", got, want)
				}
			})
		}
	}
}

// TestStandaloneRefusedSenders: the handler answers only the extension's own
// pages; anything else (content scripts of the extension, other extensions,
// web pages) gets no answer from it at all.
func TestStandaloneRefusedSenders(t *testing.T) {
	ok := withKey(t, `{KEY:[`+fooResult+`]}`)
	for _, f := range []flavour{chromiumMV3, firefoxPrivate} {
		origin := f.origin()
		cases := []struct {
			name   string
			sender map[string]any
			want   string
		}{
			{"own page (control)", map[string]any{"id": testExtID, "url": origin + "/popup.html", "origin": origin}, ok},
			{"own page without sender.origin", map[string]any{"id": testExtID, "url": origin + "/options.html"}, ok},
			{"own page in a tab", map[string]any{"id": testExtID, "url": origin + "/tab.html", "origin": origin, "tab": map[string]any{"id": 3}}, ok},
			// What Chromium 156 and Firefox ESR 153 give for a page opened
			// with tabs.create and a frame of an extension page
			// (cmd/webext-shim/values_browser_test.go logs them).
			{"own page opened at run time", map[string]any{"id": testExtID, "url": origin + "/opened.html", "origin": origin, "tab": map[string]any{"id": 4}, "frameId": 0}, ok},
			{"own page in a frame of an extension page", map[string]any{"id": testExtID, "url": origin + "/frame.html", "origin": origin, "tab": map[string]any{"id": 4}, "frameId": 7}, ok},
			{"content script", map[string]any{"id": testExtID, "url": "https://example.com/", "origin": "https://example.com", "tab": map[string]any{"id": 1}}, "none"},
			{"content script in a frame", map[string]any{"id": testExtID, "url": "https://example.com/frame", "origin": "https://example.com", "tab": map[string]any{"id": 1}, "frameId": 5}, "none"},
			{"content script in an about:blank frame", map[string]any{"id": testExtID, "url": "about:blank", "tab": map[string]any{"id": 1}, "frameId": 5}, "none"},
			{"content script without origin", map[string]any{"id": testExtID, "url": "https://example.com/", "tab": map[string]any{"id": 1}}, "none"},
			{"content script in a frame of the extension's origin's look-alike", map[string]any{"id": testExtID, "url": f.scheme + "://" + testExtID + ".evil.example/", "tab": map[string]any{"id": 1}}, "none"},
			{"look-alike URL", map[string]any{"id": testExtID, "url": origin + "evil/popup.html"}, "none"},
			{"no URL", map[string]any{"id": testExtID}, "none"},
			{"other extension", map[string]any{"id": otherExtID, "url": f.scheme + "://" + otherExtID + "/popup.html", "origin": f.scheme + "://" + otherExtID}, "none"},
			{"other extension claiming our URL", map[string]any{"id": otherExtID, "url": origin + "/popup.html", "origin": origin}, "none"},
			{"web page", map[string]any{"url": "https://evil.example/", "origin": "https://evil.example", "tab": map[string]any{"id": 2}}, "none"},
		}
		for _, c := range cases {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				_, bg, _, _ := standardWorld(t, f, plain, "")
				if got := bg.inject(fallbackMsg(t, "call", []string{"foo"}), c.sender); got != c.want {
					t.Errorf("got  %s\nwant %s", got, c.want)
				}
			})
		}
		t.Run(f.name+"/content script through the bus", func(t *testing.T) {
			_, bg, _, cs := standardWorld(t, f, plain, `var calls = 0; var foo0 = foo; foo = () => (calls++, foo0());`)
			got := cs.eval(withKey(t, `return [await (globalThis.browser || chrome).runtime.sendMessage({[KEY]: [["foo"], ["Array"]]})]`))
			if want := `[null]`; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if got := bg.eval(`return calls`); got != `0` {
				t.Errorf("foo was called %s times", got)
			}
		})
	}
}

// TestStandaloneOnMessage: the extension's own runtime.onMessage listeners, in
// the background and in other pages, never see the fallback's messages and
// still work; the handler never answers what is not its own.
func TestStandaloneOnMessage(t *testing.T) {
	const bgListeners = `
		var seen = [];
		chrome.runtime.onMessage.addListener((m, s, reply) => {
			seen.push("chrome:" + JSON.stringify(m));
			if (m.type == "ping") reply("pong");
			if (m.type == "late") { setTimeout(() => reply("late reply"), 20); return true; }
		});
		(globalThis.browser || chrome).runtime.onMessage.addListener((m) => {
			seen.push("second:" + m.type);
			if (m.type == "double") return Promise.resolve(m.n * 2);
		});`
	const optionsListener = `
		var seen = [];
		chrome.runtime.onMessage.addListener((m, s, reply) => {
			seen.push(JSON.stringify(m));
			if (m.type == "options") { setTimeout(() => reply("from options"), 30); return true; }
		});`
	for _, b := range builds {
		for _, f := range []flavour{chromiumMV3, chromiumOld, firefoxPrivate, firefoxMV3Private} {
			if !b.runs(f) {
				continue
			}
			t.Run(b.name+"/"+f.name+"/listeners never see fallback messages", func(t *testing.T) {
				_, bg, popup, _ := standardWorld(t, f, b, bgListeners)
				options := bg.w.page("/options.html").loadShim(b)
				options.load("options.js", optionsListener)
				got := popup.eval(`
					const page = chrome.extension.getBackgroundPage();
					const send = (m) => (globalThis.browser || chrome).runtime.sendMessage(m);
					const out = [await page.foo(), await page.settings];
					out.push(await send({type: "ping"}), await send({type: "double", n: 21}), await send({type: "late"}),
						await send({type: "options"}), await send({type: "nobody"}));
					out.push(await page.add(1, 1));
					return out`)
				want := `[` + fooResult + `,{"theme":"dark","size":3},"pong",42,"late reply","from options",null,2]`
				if got != want {
					t.Errorf("popup got  %s\nwant %s", got, want)
				}
				wantBg := `["chrome:{\"type\":\"ping\"}","second:ping","chrome:{\"type\":\"double\",\"n\":21}","second:double",` +
					`"chrome:{\"type\":\"late\"}","second:late","chrome:{\"type\":\"options\"}","second:options","chrome:{\"type\":\"nobody\"}","second:nobody"]`
				if got := bg.eval(`return seen`); got != wantBg {
					t.Errorf("background listeners saw %s\nwant %s", got, wantBg)
				}
				wantOpt := `["{\"type\":\"ping\"}","{\"type\":\"double\",\"n\":21}","{\"type\":\"late\"}","{\"type\":\"options\"}","{\"type\":\"nobody\"}"]`
				if got := options.eval(`return seen`); got != wantOpt {
					t.Errorf("options listener saw %s\nwant %s", got, wantOpt)
				}
			})
		}
	}

	// removeListener, hasListener, hasListeners with the original listener,
	// in the background (where hasListeners, the native one, counts the
	// handler's own listener too) and in a page.
	const listenerAPI = `
		const out = [];
		for (const ns of [chrome, globalThis.browser].filter(Boolean)) {
			const ev = ns.runtime.onMessage;
			let calls = 0;
			const f = () => { calls++; };
			const before = [ev.hasListener(f), ev.hasListeners(), __listenerCount()];
			ev.addListener(f); ev.addListener(f);
			const mid = [ev.hasListener(f), ev.hasListeners(), __listenerCount()];
			ev.removeListener(f);
			const after = [ev.hasListener(f), ev.hasListeners(), __listenerCount()];
			ev.removeListener(f);
			out.push([before, mid, after, calls]);
		}
		return out;`
	for _, f := range []flavour{chromiumMV3, firefoxPrivate} {
		t.Run(f.name+"/removeListener and hasListener in the background", func(t *testing.T) {
			_, bg, _, _ := standardWorld(t, f, plain, "")
			// The handler listens on browser.*'s event, which the fake keeps
			// apart from chrome.*'s.
			want := `[[[false,false,1],[true,true,2],[false,false,1],0],[[false,true,1],[true,true,2],[false,true,1],0]]`
			if got := bg.eval(listenerAPI); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
		t.Run(f.name+"/removeListener and hasListener in a page", func(t *testing.T) {
			_, _, popup, _ := standardWorld(t, f, plain, "")
			want := `[[[false,false,0],[true,true,1],[false,false,0],0],[[false,false,0],[true,true,1],[false,false,0],0]]`
			if got := popup.eval(listenerAPI); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
		t.Run(f.name+"/a removed listener is no longer called", func(t *testing.T) {
			_, bg, popup, _ := standardWorld(t, f, plain, `
				var calls = [];
				function l1(m) { calls.push("l1:" + m.type); }
				function l2(m) { calls.push("l2:" + m.type); }
				chrome.runtime.onMessage.addListener(l1);
				chrome.runtime.onMessage.addListener(l2);`)
			popup.eval(`const s = (m) => (globalThis.browser || chrome).runtime.sendMessage(m); await s({type: "a"});`)
			bg.eval(`chrome.runtime.onMessage.removeListener(l1)`)
			popup.eval(`const s = (m) => (globalThis.browser || chrome).runtime.sendMessage(m); await s({type: "b"});
				await chrome.extension.getBackgroundPage().foo();`)
			want := `["l1:a","l2:a","l2:b"]`
			if got := bg.eval(`return calls`); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
		t.Run(f.name+"/the handler does not answer messages without its key", func(t *testing.T) {
			w, bg, popup, _ := standardWorld(t, f, plain, "")
			options := w.page("/options.html").loadShim(plain)
			options.load("options.js", optionsListener)
			got := popup.eval(`const s = (m) => (globalThis.browser || chrome).runtime.sendMessage(m);
				return [await s({type: "options"}), await s({type: "nobody"}), await s("a string"), await s(null)]`)
			if want := `["from options",null,null,null]`; got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			for _, msg := range []any{map[string]any{"type": "x"}, "x", nil, map[string]any{"__webext-shim": 1}} {
				if got := bg.inject(msg, popup.sender); got != "none" {
					t.Errorf("handler answered %v with %s", msg, got)
				}
			}
		})
	}
}

// TestStandaloneLoadedTwice: a second load works as one: the handle, the
// Window or the global, the extension's listeners (which still never see the
// fallback's messages, and are removed) and one background handler.
func TestStandaloneLoadedTwice(t *testing.T) {
	for _, f := range []flavour{chromiumMV3, chromiumOld, firefoxPrivate, firefoxMV3Private} {
		pairs := [][2]build{{plain, minified}}
		for _, b := range builds {
			if b.target != "" && b.runs(f) {
				pairs = append(pairs, [2]build{b, b})
			}
		}
		for _, p := range pairs {
			t.Run(f.name+"/"+p[0].name+"+"+p[1].name, func(t *testing.T) { loadedTwice(t, f, p[0], p[1]) })
		}
	}
}

// loadedTwice loads build first, then second, in the background and a popup.
func loadedTwice(t *testing.T, f flavour, first, second build) {
	w := newWorld(t, f)
	bg := w.background().loadShim(first).loadShim(second)
	bg.load("background.js", backgroundJS(t)+`
		var seen = [];
		const l = (m) => { seen.push(m.type); };
		chrome.runtime.onMessage.addListener(l);`)
	popup := w.page("/popup.html").loadShim(first).loadShim(second)
	got := popup.eval(`
		const page = chrome.extension.getBackgroundPage();
		const send = (m) => (globalThis.browser || chrome).runtime.sendMessage(m);
		const r = [page === chrome.extension.getBackgroundPage(), page === await chrome.runtime.getBackgroundPage(),
			!globalThis.browser || page === await browser.runtime.getBackgroundPage()];
		r.push(await page.foo(), await page.add(2, 3));
		await send({type: "x"});
		return r`)
	if want := `[true,true,true,` + fooResult + `,5]`; got != want {
		t.Errorf("popup got  %s\nwant %s", got, want)
	}
	// One native listener for the handler, one for the extension's, which saw
	// only the extension's own message and is then removed.
	if got, want := bg.eval(`
		const r = [__listenerCount(), seen, chrome.extension.getBackgroundPage() === globalThis, chrome.runtime.onMessage.hasListener(l)];
		chrome.runtime.onMessage.removeListener(l);
		return [...r, chrome.runtime.onMessage.hasListener(l), __listenerCount()]`), `[2,["x"],true,true,false,1]`; got != want {
		t.Errorf("background got  %s\nwant %s", got, want)
	}
}

// TestJSBundleInject: the client's exports injected by esbuild with dotted
// names, as the bundler does, and the handler imported before the
// background's code.
func TestJSBundleInject(t *testing.T) {
	inject := filepath.Join("testdata", "bgpage_inject.js")
	bgBundle := jsBuild(t, "", `import "../js/bgpage/handler.js"; import "./bundle_background.js";`, "testdata", true, inject)
	popupBundle := jsBuild(t, filepath.Join("testdata", "bundle_popup.js"), "", "", true, inject)
	for _, f := range []flavour{chromiumMV3, chromiumOld, firefoxPrivate, firefoxMV2} {
		t.Run(f.name, func(t *testing.T) {
			w := newWorld(t, f)
			bg := w.background()
			bg.load("background.bundle.js", bgBundle)
			popup := w.page("/popup.html")
			popup.load("popup.bundle.js", popupBundle)
			cs := w.contentScript("https://example.com/")
			cs.load("popup.bundle.js", popupBundle)
			want := `["object",` + fooResult + `,"pong",[false,true,false]]`
			if f.name == "firefox-mv2" {
				want = `["object","native foo","pong",[false,true,false]]`
			}
			if got := popup.eval(`return await run()`); got != want {
				t.Errorf("popup got  %s\nwant %s", got, want)
			}
			if got, want := bg.eval(`return [seen, self_check()]`), `[["ping"],[true,true]]`; got != want {
				t.Errorf("background got  %s\nwant %s", got, want)
			}
			if got, want := cs.eval(`return [typeof getPage(), await getPageAsync()]`), `["undefined",null]`; got != want {
				t.Errorf("content script got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestStandaloneNoHandler: without the background handler the handle rejects
// with a clear error instead of hanging.
func TestStandaloneNoHandler(t *testing.T) {
	const want = `throws Error: no answer from the background`
	for _, f := range []flavour{chromiumMV3, chromiumOld, firefoxPrivate} {
		for _, bgCode := range []struct{ name, src string }{
			{"no listener at all", ``},
			{"a listener that answers everything", `chrome.runtime.onMessage.addListener((m, s, reply) => { reply("pong"); });`},
			{"a listener that never answers", `chrome.runtime.onMessage.addListener(() => {});`},
		} {
			t.Run(f.name+"/"+bgCode.name, func(t *testing.T) {
				w := newWorld(t, f)
				bg := w.background() // without the shim
				bg.load("background.js", backgroundJS(t)+bgCode.src)
				popup := w.page("/popup.html").loadShim(plain)
				if got := popup.eval(`await chrome.extension.getBackgroundPage().foo()`); got != want {
					t.Errorf("got  %s\nwant %s", got, want)
				}
				if got := popup.eval(`return __uncheckedLastError`); got != `[]` {
					t.Errorf("unchecked runtime.lastError: %s", got)
				}
			})
		}
	}
}

// TestStandalonePathElements: a path element that is not a string (an array
// names the property of its string form) is taken as that string, so the
// checks of the names see what the property access uses: built-ins stay
// refused, what the background defined stays reachable.
func TestStandalonePathElements(t *testing.T) {
	// refused is the start of the reply for a name the handler refuses: an
	// error (then its stack, and the flag that it was thrown).
	refused := func(name string) string { return `[["Error","ReferenceError","` + name + ` is not exposed",` }
	for _, f := range []flavour{chromiumMV3, firefoxPrivate} {
		for _, c := range []struct {
			name   string
			path   []any
			want   string
			prefix bool // want is the start of the reply
		}{
			{name: "an own built-in", path: []any{[]any{"JSON"}, "stringify"}, want: refused("page.JSON"), prefix: true},
			{name: "an inherited built-in", path: []any{[]any{"fetch"}}, want: refused("page.fetch"), prefix: true},
			{name: "a later element", path: []any{"obj", []any{"constructor"}}, want: refused("page.obj.constructor"), prefix: true},
			{name: "__proto__ in an array", path: []any{"obj", []any{"__proto__"}}, want: refused("page.obj.__proto__"), prefix: true},
			{name: "what the background defined", path: []any{[]any{"foo"}}, want: `[` + fooResult + `]`},
			{name: "a number", path: []any{1}, want: `[["Error","TypeError","page.1 is not a function",`, prefix: true},
			// A TypeError (goja's message names the object).
			{name: "an object", path: []any{map[string]any{"toString": 0}}, want: `[["Error","TypeError",`, prefix: true},
		} {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				_, bg, popup, _ := standardWorld(t, f, plain, "var obj = {};")
				msg := map[string]any{messageKey(t): []any{c.path, []any{"Array"}}}
				got, want := bg.inject(msg, popup.sender), withKey(t, `{KEY:`+c.want+`}`)
				if c.prefix {
					want = strings.TrimSuffix(want, "}")
					got = got[:min(len(got), len(want))]
				}
				if got != want {
					t.Errorf("got  %s\nwant %s", got, want)
				}
			})
		}
	}
}

// TestStandaloneThrownValues: whatever the background throws, the caller's call
// rejects and the handler leaves no unhandled rejection behind, also when the
// thrown value does not convert to a string (a null-prototype object, a
// symbol, a JSON object whose toString is not callable, which a page can pass
// to a background function that throws what it is given) and fromError
// throws.
func TestStandaloneThrownValues(t *testing.T) {
	const bgCode = `
		function throwsBare() { throw Object.create(null); }
		async function rejectsSymbol() { throw Symbol("s"); }
		function fail(reason) { throw reason; }`
	cases := []struct{ name, body string }{
		{"an Error (control)", `await page.throwsType()`},
		{"null-prototype object", `await page.throwsBare()`},
		{"symbol", `await page.rejectsSymbol()`},
		{"the caller's value, rethrown", `await page.fail({toString: 0})`},
	}
	for _, f := range []flavour{chromiumMV3, firefoxPrivate} {
		for _, c := range cases {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				_, bg, popup, _ := standardWorld(t, f, plain, bgCode)
				unhandled := map[*goja.Promise]bool{}
				bg.vm.SetPromiseRejectionTracker(func(p *goja.Promise, op goja.PromiseRejectionOperation) {
					if op == goja.PromiseRejectionReject {
						unhandled[p] = true
					} else {
						delete(unhandled, p)
					}
				})
				if got := popup.eval("const page = chrome.extension.getBackgroundPage();\n" + c.body); !strings.HasPrefix(got, "throws ") {
					t.Errorf("the call does not reject: %s", got)
				}
				for p := range unhandled {
					t.Errorf("unhandled rejection in the background: %v", p.Result())
				}
			})
		}
	}
}
