package shims

// In-process tests of the browser namespace's JavaScript
// (js/namespace/*.js) in goja, against the fake callback-only chrome of
// testdata/fakechrome.js: every chrome.* member chrome-types records, as a
// given Chrome version has it, with Chromium's messaging before 148. The
// harness is in jsharness_test.go.

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

var (
	// Chromium 120 without a browser namespace: chrome.* methods return
	// promises where chrome-types says so, messaging as before 148.
	chromium120 = flavour{name: "chromium-120", browser: "chrome", scheme: "chrome-extension", chromePromises: true, senderOrigin: true,
		bgKind: "sw", bgPath: "/sw.js", manifestBg: map[string]any{"service_worker": "sw.js"},
		pageExt: "undefined", pageRt: "reject", bgExt: "absent", bgRt: "absent", oldMessaging: true, chromeVersion: 120}
	// Chromium 80: callback-only chrome.*.
	chromium80 = flavour{name: "chromium-80", browser: "chrome", scheme: "chrome-extension", senderOrigin: true,
		bgKind: "bgpage", bgPath: "/_generated_background_page.html", manifestBg: map[string]any{"scripts": []string{"background.js"}},
		pageExt: "window", pageRt: "window", bgExt: "self", bgRt: "self", oldMessaging: true, chromeVersion: 80}
)

var (
	nsScriptsMu sync.Mutex
	nsScripts   = map[string]string{}
)

// nsScript returns the minified standalone script for the target list,
// restricted to apis (nil: every shim).
func nsScript(t testing.TB, list string, apis ...string) string {
	t.Helper()
	nsScriptsMu.Lock()
	defer nsScriptsMu.Unlock()
	key := list + "|" + strings.Join(apis, ",")
	if s, ok := nsScripts[key]; ok {
		return s
	}
	ts, err := targets.ResolveAll(list, nil)
	if err != nil {
		t.Fatal(err)
	}
	s, err := RenderStandalone(ts, StandaloneOptions{APIs: apis, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	nsScripts[key] = string(s.Code)
	return string(s.Code)
}

// nsWorld is an extension whose background and popup load script, the
// background then running bgCode.
func nsWorld(t *testing.T, f flavour, script, bgCode string) (w *world, bg, popup *jsContext) {
	t.Helper()
	w = newWorld(t, f)
	bg = w.background()
	bg.load("webext-shim.js", script)
	bg.load("background.js", bgCode)
	popup = w.page("/popup.html")
	popup.load("webext-shim.js", script)
	return w, bg, popup
}

// TestJSNamespaceMethods: the callback -> promise wrappers, and what passes
// through.
func TestJSNamespaceMethods(t *testing.T) {
	const (
		cbOnly = "chrome>=80"  // on chromium80: every callback method wrapped
		since  = "chrome>=120" // on chromium120: only what lacks promises in 120-147
	)
	cases := []struct {
		name   string
		f      flavour
		target string
		body   string
		want   string
	}{
		{"one callback value resolves as itself", chromium80, cbOnly,
			`return await browser.tabs.query({active: true})`, `{"path":"tabs.query","args":[{"active":true}]}`},
		{"a callback without values resolves undefined", chromium80, cbOnly,
			`return [await browser.storage.local.set({a: 1}), __chromeCalls.at(-1).callback]`, `[null,true]`},
		{"several callback values (per the data) resolve as an array", chromium80, cbOnly,
			`return await browser.platformKeys.getKeyPair("cert", {})`, `["platformKeys.getKeyPair#0","platformKeys.getKeyPair#1"]`},
		{"several values given to a one-value callback resolve as an array", chromium80, cbOnly,
			`__chromeImpl["tabs.query"] = () => ({values: [1, "two"]}); return await browser.tabs.query({})`, `[1,"two"]`},
		{"runtime.lastError rejects with its message", chromium80, cbOnly,
			`__chromeImpl["tabs.get"] = () => ({error: "No tab with id: 7."});
			try { await browser.tabs.get(7) } catch (e) { return [e instanceof Error, e.message, chrome.runtime.lastError, __uncheckedLastError] }`,
			`[true,"No tab with id: 7.",null,[]]`},
		{"a call returns a promise", chromium80, cbOnly,
			`const p = browser.tabs.query({}); return [p instanceof Promise, typeof (await p)]`, `[true,"object"]`},
		{"too few arguments", chromium80, cbOnly,
			`try { browser.tabs.query() } catch (e) { return [e instanceof TypeError, e.message, __chromeCalls.length] }`,
			`[true,"Expected at least 1 argument for tabs.query(), got 0",0]`},
		{"too many arguments", chromium80, cbOnly,
			`try { browser.tabs.query({}, {}) } catch (e) { return [e instanceof TypeError, e.message] }`,
			`[true,"Expected at most 1 argument for tabs.query(), got 2"]`},
		{"plural bounds", chromium80, cbOnly,
			`const m = (f) => { try { f() } catch (e) { return e.message } };
			return [m(() => browser.tabs.sendMessage(1)), m(() => browser.runtime.getPlatformInfo(1)), m(() => browser.devtools.panels.create("a", "b"))]`,
			`["Expected at least 2 arguments for tabs.sendMessage(), got 1","Expected at most 0 arguments for runtime.getPlatformInfo(), got 1",` +
				`"Expected at least 3 arguments for devtools.panels.create(), got 2"]`},
		{"optional arguments", chromium80, cbOnly,
			`return [(await browser.storage.local.get()).args, (await browser.storage.local.get("k")).args]`, `[[],["k"]]`},
		{"a call with its own callback goes to chrome unchanged", chromium80, cbOnly,
			`let ret = 1; const v = await new Promise((ok) => { ret = browser.tabs.query({}, ok) });
			return [ret, v.path, __chromeCalls.at(-1).callback]`, `[null,"tabs.query",true]`},
		{"handler setters get their handler", chromium80, since,
			`const h = () => {}; const r = browser.devtools.panels.setOpenResourceHandler(h);
			return [r, __chromeCalls.at(-1).path, __chromeCalls.at(-1).callback]`, `[null,"devtools.panels.setOpenResourceHandler",true]`},
		{"methods of a storage area run on their object", chromium80, cbOnly,
			`chrome.storage.local.custom = function () { if (this !== chrome.storage.local) throw new TypeError("Illegal invocation"); return "ok" };
			chrome.storage.local.custom.mark = 5;
			const f = browser.storage.local.custom;
			return [(await browser.storage.local.get("x")).path, f(), f.mark, f === browser.storage.local.custom]`,
			`["storage.local.get","ok",5,true]`},
		{"events pass through and keep their receiver", chromium120, since,
			`const f = () => {}; browser.tabs.onUpdated.addListener(f);
			return [browser.tabs.onUpdated === chrome.tabs.onUpdated, chrome.tabs.onUpdated.hasListener(f), browser.storage.onChanged.hasListeners()]`,
			`[true,true,false]`},
		{"unknown namespaces and members pass through", chromium120, since,
			`chrome.myExtension = {v: 1};
			return [browser.myExtension === chrome.myExtension, browser.nothing, browser.tabs.nothing, browser.tabs.TAB_ID_NONE === chrome.tabs.TAB_ID_NONE,
				browser.runtime.id, browser.runtime.getURL("x.html"), browser.i18n.getMessage("m")]`,
			`[true,null,null,true,"` + testExtID + `","chrome-extension://` + testExtID + `/x.html","i18n.getMessage([\"m\"])"]`},
		{"namespaces without wrapped members are chrome's own", chromium120, since,
			`return [browser.bookmarks === chrome.bookmarks, browser.storage === chrome.storage, browser.tabs === chrome.tabs, browser.devtools === chrome.devtools]`,
			`[true,true,false,false]`},
		{"methods with promises on the whole range pass through", chromium120, since,
			`const p = browser.tabs.query({}); let err;
			try { browser.tabs.query() } catch (e) { err = e.message }
			return [p instanceof Promise, (await p).path, err, (await browser.storage.local.get("k")).args]`,
			`[true,"tabs.query","Error in invocation of tabs.query: No matching signature.",["k"]]`},
		{"a method that gains promises after 147 is wrapped", chromium120, since,
			`return [(await browser.devtools.inspectedWindow.eval("1 + 1")).path, __chromeCalls.at(-1).callback]`,
			`["devtools.inspectedWindow.eval",true]`},
		{"reads keep their identity", chromium80, cbOnly,
			`return [browser.tabs === browser.tabs, browser.tabs.query === browser.tabs.query, browser.runtime.onMessage === browser.runtime.onMessage,
				browser.runtime.getURL === browser.runtime.getURL]`, `[true,true,true,true]`},
		{"a replaced chrome member is read again", chromium80, cbOnly,
			`const before = browser.tabs.query; chrome.tabs.query = (q, cb) => cb("replaced");
			return [before === browser.tabs.query, await browser.tabs.query({})]`, `[false,"replaced"]`},
		{"a member the version lacks is undefined", chromium80, cbOnly,
			`return [typeof chrome.sidePanel, typeof browser.sidePanel, typeof browser.storage.session]`, `["undefined","undefined","undefined"]`},
		{"symbols read through", chromium80, cbOnly,
			`chrome.tabs[Symbol.for("x")] = 3; return [browser.tabs[Symbol.for("x")], Object.keys(browser.storage).includes("local")]`, `[3,true]`},
	}
	for _, c := range cases {
		t.Run(c.f.name+"/"+c.name, func(t *testing.T) {
			w := newWorld(t, c.f)
			p := w.page("/popup.html")
			p.load("webext-shim.js", nsScript(t, c.target, "browser"))
			if got := p.eval(c.body); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestJSNamespaceTable: every member of the complete table is wrapped with
// the data's bounds (the table's encoding read back by the JavaScript).
func TestJSNamespaceTable(t *testing.T) {
	for _, c := range []struct {
		f      flavour
		target string
	}{{chromium80, "chrome>=80"}, {chromium120, "chrome>=120"}} {
		t.Run(c.target, func(t *testing.T) {
			ts, err := targets.ResolveAll(c.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			ms, err := namespaceMembers(ts, allMembers)
			if err != nil {
				t.Fatal(err)
			}
			list, _ := json.Marshal(ms)
			w := newWorld(t, c.f)
			p := w.page("/popup.html")
			p.load("webext-shim.js", nsScript(t, c.target, "browser"))
			got := p.eval(`const out = []; let wrapped = 0;
				for (const m of ` + string(list) + `) {
					const get = (o) => m.Path.split(".").reduce((o, k) => o?.[k], o);
					if (get(chrome) === undefined) { if (get(browser) !== undefined) out.push(m.Path + " exists"); continue; }
					const args = Array(m.MaxArgs + 1).fill(0);
					const s = (n) => n == 1 ? "" : "s";
					const want = ["Expected at most " + m.MaxArgs + " argument" + s(m.MaxArgs) + " for " + m.Path + "(), got " + (m.MaxArgs + 1)];
					if (m.MinArgs > 0) want.push("Expected at least " + m.MinArgs + " argument" + s(m.MinArgs) + " for " + m.Path + "(), got 0");
					const got = [];
					for (const a of m.MinArgs > 0 ? [args, []] : [args]) try { get(browser)(...a); got.push("no error") } catch (e) { got.push(e.message) }
					if (JSON.stringify(got) != JSON.stringify(want)) out.push(m.Path + ": " + JSON.stringify(got));
					wrapped++;
				}
				return [wrapped > 0, out]`)
			if got != `[true,[]]` {
				t.Errorf("got %s", got)
			}
		})
	}
}

// TestJSNamespaceMessaging: runtime.sendMessage and runtime.onMessage between
// a popup and the background, with Chromium's messaging before 148.
func TestJSNamespaceMessaging(t *testing.T) {
	const bgCode = `
		var seen = [];
		var removed = (m) => { seen.push("removed:" + m.type); return Promise.resolve("from the removed listener"); };
		browser.runtime.onMessage.addListener(removed);
		browser.runtime.onMessage.removeListener(removed);
		browser.runtime.onMessage.addListener((m, sender, reply) => {
			seen.push(m.type);
			switch (m.type) {
				case "value": return Promise.resolve(m.n * 2);
				case "async": return (async () => { await null; return "async " + m.n; })();
				case "object": return Promise.resolve({a: [1, {b: "c"}]});
				case "reject": return Promise.reject(new RangeError("no way"));
				case "reject string": return Promise.reject("plain");
				case "throw": throw new Error("thrown");
				case "sync": reply("sync reply"); return;
				case "later": setTimeout(() => reply("later reply"), 10); return true;
				case "truthy": return "not a promise";
			}
		});`
	const send = `const s = (m) => browser.runtime.sendMessage(m).then((v) => ["ok", v], (e) => ["err", e.message]);`
	cases := []struct{ name, body, want string }{
		{"a listener's promise is the reply", send + `return [await s({type: "value", n: 21}), await s({type: "async", n: 1}), await s({type: "object"})]`,
			`[["ok",42],["ok","async 1"],["ok",{"a":[1,{"b":"c"}]}]]`},
		{"a listener's rejection is an error at the sender", send + `return [await s({type: "reject"}), await s({type: "reject string"}), await s({type: "throw"})]`,
			`[["err","no way"],["err","plain"],["err","thrown"]]`},
		{"sendResponse keeps working", send + `return [await s({type: "sync"}), await s({type: "later"})]`,
			`[["ok","sync reply"],["ok","later reply"]]`},
		{"a message nobody answers resolves undefined", send + `return [await s({type: "nobody"}), await s({type: "truthy"}), await s("a string")]`,
			`[["ok",null],["ok",null],["ok",null]]`},
		{"chrome.runtime.sendMessage itself rejects there (the fake's Chromium before 148)",
			`return await chrome.runtime.sendMessage({type: "nobody"}).then(() => "resolved", (e) => e.message)`,
			`"The message port closed before a response was received."`},
		{"argument count", `try { browser.runtime.sendMessage() } catch (e) { return e.message }`,
			`"Expected at least 1 argument for runtime.sendMessage(), got 0"`},
		{"a callback sends as chrome does", `let ret = 1; const v = await new Promise((ok) => { ret = browser.runtime.sendMessage({type: "sync"}, ok) });
			return [ret, v]`, `[null,"sync reply"]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, bg, popup := nsWorld(t, chromium120, nsScript(t, "chrome>=120", "browser"), bgCode)
			if got := popup.eval(c.body); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if got := bg.eval(`return seen.filter((x) => String(x).startsWith("removed"))`); got != `[]` {
				t.Errorf("a removed listener was called: %s", got)
			}
		})
	}
	t.Run("no listener at all rejects", func(t *testing.T) {
		w := newWorld(t, chromium120)
		popup := w.page("/popup.html")
		popup.load("webext-shim.js", nsScript(t, "chrome>=120", "browser"))
		if got, want := popup.eval(`return await browser.runtime.sendMessage("x").then(() => "resolved", (e) => e.message)`),
			`"Could not establish connection. Receiving end does not exist."`; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("removeListener and hasListener take the original listener", func(t *testing.T) {
		w := newWorld(t, chromium120)
		popup := w.page("/popup.html")
		popup.load("webext-shim.js", nsScript(t, "chrome>=120", "browser"))
		got := popup.eval(`const ev = browser.runtime.onMessage, f = () => {};
			const r = [ev.hasListener(f), ev.hasListeners()];
			ev.addListener(f); ev.addListener(f);
			r.push(ev.hasListener(f), chrome.runtime.onMessage.hasListener(f), ev.hasListeners(), __listenerCount());
			ev.removeListener(f);
			r.push(ev.hasListener(f), ev.hasListeners(), __listenerCount());
			ev.removeListener(f);
			return r`)
		if want := `[false,false,true,false,true,1,false,false,0]`; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("onMessageExternal", func(t *testing.T) {
		w := newWorld(t, chromium120)
		bg := w.background()
		bg.load("webext-shim.js", nsScript(t, "chrome>=120", "browser"))
		got := bg.eval(`const ev = browser.runtime.onMessageExternal, f = async (m) => { if (m.fail) throw new TypeError("refused"); return m.x + 1 };
			ev.addListener(f);
			const out = [ev.hasListener(f), chrome.runtime.onMessageExternal.hasListener(f)];
			out.push(await __dispatch("runtime.onMessageExternal", {x: 1}, {id: "other"}), await __dispatch("runtime.onMessageExternal", {fail: 1}, {id: "other"}));
			ev.removeListener(f);
			out.push(ev.hasListeners(), await __dispatch("runtime.onMessageExternal", {x: 1}, {id: "other"}));
			return out`)
		// A rejection travels in the polyfill's wire format.
		want := `[true,false,{"reply":2},{"reply":{"__mozWebExtensionPolyfillReject__":true,"message":"refused"}},false,{"none":true}]`
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("tabs.sendMessage", func(t *testing.T) {
		w := newWorld(t, chromium120)
		popup := w.page("/popup.html")
		popup.load("webext-shim.js", nsScript(t, "chrome>=120", "browser"))
		got := popup.eval(`const s = (impl) => { __chromeImpl["tabs.sendMessage"] = impl; return browser.tabs.sendMessage(3, "m").then((v) => ["ok", v], (e) => ["err", e.message]) };
			return [await s(() => ({values: ["pong"]})), await s(() => ({error: "The message port closed before a response was received."})),
				await s(() => ({values: [{__mozWebExtensionPolyfillReject__: true, message: "bad"}]})),
				await s(() => ({error: "Could not establish connection. Receiving end does not exist."})), __chromeCalls.at(-1).args]`)
		want := `[["ok","pong"],["ok",null],["err","bad"],["err","Could not establish connection. Receiving end does not exist."],[3,"m"]]`
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

// TestJSNamespaceNative: a native browser namespace is used as it is.
func TestJSNamespaceNative(t *testing.T) {
	for _, f := range []flavour{chromiumMV3, firefoxMV2} {
		t.Run(f.name, func(t *testing.T) {
			w := newWorld(t, f)
			p := w.page("/popup.html")
			p.load("webext-shim.js", nsScript(t, "chrome>=120", "browser"))
			if got := p.eval(`return [globalThis.browser === __native.browser, typeof browser]`); got != `[true,"object"]` {
				t.Errorf("got %s", got)
			}
			code := nsBundle(t, `globalThis.ns = browser;`, "chrome>=120", Page, false, allMembers)
			p.load("bundle.js", code)
			if got := p.eval(`return ns === __native.browser`); got != `true` {
				t.Errorf("bundle: got %s", got)
			}
		})
	}
	t.Run("loaded twice", func(t *testing.T) {
		w := newWorld(t, chromium120)
		p := w.page("/popup.html")
		p.load("webext-shim.js", nsScript(t, "chrome>=120"))
		p.eval(`globalThis.first = [browser, browser.runtime.onMessage]`)
		p.load("webext-shim.js", nsScript(t, "chrome>=120"))
		// The same namespace, whose listeners are added and removed (the
		// getBackgroundPage part wraps the events again; their messages:
		// TestStandaloneLoadedTwice).
		if got := p.eval(`return [browser, browser.runtime.onMessage].map((x, i) => x === first[i])`); got != `[true,true]` {
			t.Errorf("got %s", got)
		}
		if got := p.eval(`const l = () => {}, ev = browser.runtime.onMessage, r = [ev.hasListener(l)];
			ev.addListener(l); r.push(ev.hasListener(l), chrome.runtime.onMessage.hasListener(l)); ev.removeListener(l);
			return [...r, ev.hasListener(l)]`); got != `[false,true,false,false]` {
			t.Errorf("listeners: got %s", got)
		}
	})
}

// nsBundle bundles src as the bundler does an ES module entry running in
// ctx on the target list: the shims' replacements injected with their
// dotted names through the Plugin's glue (with the getBackgroundPage
// handler when handler is set and ctx is the background), the defines of
// the targets and of the namespace's table for uses. The output is an IIFE.
func nsBundle(t testing.TB, src, list string, ctx Context, handler bool, uses []string) string {
	t.Helper()
	ts, err := targets.ResolveAll(list, nil)
	if err != nil {
		t.Fatal(err)
	}
	needs := needsOf(t, ts[0], DefaultBackground(ts[0], BackgroundServiceWorker))
	var handlers []string
	if handler && ctx == Background {
		handlers = handlersOf(needs)
	}
	define := testDefines(t, ts, uses)
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: src, Sourcefile: "entry.js", Loader: api.LoaderJS},
		Bundle:   true,
		Format:   api.FormatIIFE,
		Engines:  shimjs.Engines(ts),
		Write:    false,
		LogLevel: api.LogLevelSilent,
		Inject:   []string{shimjs.Spec("inject.js")},
		Define:   define,
		Plugins:  []api.Plugin{shimPlugin(shimjs.InjectSource(handlers, exportsOf(replacementsIn(needs, ctx, handler))))},
	})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %s", strings.Join(api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}), "\n"))
	}
	return string(res.OutputFiles[0].Contents)
}

// TestJSNamespaceWithGetBackgroundPage: the browser namespace and the
// getBackgroundPage shim together, on a target that needs both: the
// onMessage filter that hides the fallback's messages applies on top of the
// namespace's onMessage, in the standalone script and in bundles.
func TestJSNamespaceWithGetBackgroundPage(t *testing.T) {
	const bgListener = `
		browser.runtime.onMessage.addListener(async (m) => { seen.push(m.type); await null; return m.n * 2; });
		globalThis.listening = () => [browser.runtime.onMessage.hasListeners(), chrome.runtime.onMessage.hasListeners()];`
	const popupCode = `
		const page = browser.extension.getBackgroundPage();
		return [await page.foo(), await (await browser.runtime.getBackgroundPage()).add(1, 2),
			await browser.runtime.sendMessage({type: "double", n: 21}), await browser.runtime.sendMessage({type: "nobody"}).then(() => "undefined", (e) => e.message),
			typeof page]`
	want := `[` + fooResult + `,3,42,"undefined","object"]`
	t.Run("standalone", func(t *testing.T) {
		script := nsScript(t, "chrome>=120")
		w := newWorld(t, chromium120)
		bg := w.background()
		bg.load("webext-shim.js", script)
		bg.load("background.js", backgroundJS(t)+"var seen = [];"+bgListener)
		popup := w.page("/popup.html")
		popup.load("webext-shim.js", script)
		if got := popup.eval(popupCode); got != want {
			t.Errorf("popup got  %s\nwant %s", got, want)
		}
		if got, want := bg.eval(`return [seen, listening(), browser.extension.getBackgroundPage() === globalThis]`), `[["double","nobody"],[true,true],true]`; got != want {
			t.Errorf("background got  %s\nwant %s", got, want)
		}
	})
	t.Run("bundles", func(t *testing.T) {
		bgCode := nsBundle(t, `globalThis.foo = () => "I'm defined in background.js";
			globalThis.add = (a, b) => a + b;
			globalThis.seen = [];`+bgListener, "chrome>=120", Background, true, []string{"runtime.onMessage.addListener"})
		popupBundle := nsBundle(t, `globalThis.run = async () => {`+popupCode+`}`, "chrome>=120", Page, true,
			[]string{"extension.getBackgroundPage", "runtime.getBackgroundPage", "runtime.sendMessage"})
		for _, code := range []string{bgCode, popupBundle} {
			if !strings.Contains(code, "__mozWebExtensionPolyfillReject__") || !strings.Contains(code, messageKey(t)) {
				t.Fatalf("a bundle lacks one of the shims:\n%s", code)
			}
		}
		w := newWorld(t, chromium120)
		bg := w.background()
		bg.load("background.js", bgCode)
		popup := w.page("/popup.html")
		popup.load("popup.js", popupBundle)
		if got := popup.eval(`return await run()`); got != want {
			t.Errorf("popup got  %s\nwant %s", got, want)
		}
		// hasListeners counts the listeners added through each spelling's
		// filter; the handler's stays hidden.
		if got, want := bg.eval(`return [seen, listening()]`), `[["double","nobody"],[true,false]]`; got != want {
			t.Errorf("background got  %s\nwant %s", got, want)
		}
	})
	t.Run("the filter hides the handler's listener", func(t *testing.T) {
		bgCode := nsBundle(t, `globalThis.has = () => browser.runtime.onMessage.hasListeners();`, "chrome>=120", Background, true, []string{"runtime.onMessage"})
		w := newWorld(t, chromium120)
		bg := w.background()
		bg.load("background.js", bgCode)
		if got := bg.eval(`return [has(), __listenerCount()]`); got != `[false,1]` {
			t.Errorf("got %s, want [false,1]", got)
		}
	})
}

// TestJSNamespaceContentScript: content scripts get the namespace too, and
// their messages reach the background's promise-returning listeners.
func TestJSNamespaceContentScript(t *testing.T) {
	w := newWorld(t, chromium120)
	bg := w.background()
	bg.load("background.js", nsBundle(t, `browser.runtime.onMessage.addListener((m, s) => Promise.resolve([m, s.tab.id]));`, "chrome>=120", Background, false, []string{"runtime.onMessage"}))
	cs := w.contentScript("https://example.com/")
	cs.load("content.js", nsBundle(t, `globalThis.ask = () => browser.runtime.sendMessage("hello");`, "chrome>=120", ContentScript, false, []string{"runtime.sendMessage"}))
	if got := cs.eval(`return await ask()`); got != `["hello",7]` {
		t.Errorf("got %s", got)
	}
}

// TestJSNamespaceDecode: the table's encoding read back, names with digits
// and a group of namespaces included (encodeMembers writes what this
// decodes).
func TestJSNamespaceDecode(t *testing.T) {
	table, err := encodeMembers([]member{
		{Path: "a.sha256", MinArgs: 1, MaxArgs: 1},
		{Path: "a.b2c", Several: true},
		{Path: "a.x.y9", MinArgs: 2, MaxArgs: 3},
		{Path: "oauth2.get", MaxArgs: 2, Message: true},
		{Path: "c.d.get", MaxArgs: 1},
		{Path: "c.e.get", MaxArgs: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: `import { namespace } from "./js/namespace/browser.js"; globalThis.ns = namespace;`, ResolveDir: ".", Loader: api.LoaderJS},
		Bundle:   true,
		Format:   api.FormatIIFE,
		Write:    false,
		LogLevel: api.LogLevelSilent,
		Define:   map[string]string{"globalThis.WEBEXT_SHIM_NS": table, "globalThis.WEBEXT_SHIM_EV": "false", "globalThis.WEBEXT_SHIM_BROWSER": "true"},
	})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	w := newWorld(t, chromiumOld)
	p := w.page("/popup.html")
	if !strings.Contains(table, `"c.d c.e":{"get":[0,1]}`) {
		t.Fatalf("table %q does not share a group", table)
	}
	p.eval(`const f = (...a) => a.at(-1)(...a.slice(0, -1));
		chrome.a = {sha256: f, b2c: f, x: {y9: f}}; chrome.oauth2 = {get: f}; chrome.c = {d: {get: f}, e: {get: f}}`)
	p.load("ns.js", string(res.OutputFiles[0].Contents))
	got := p.eval(`const m = (f) => { try { f(); return "no error" } catch (e) { return e.message } };
		return [await ns.a.sha256(1), await ns.a.b2c(), m(() => ns.a.sha256()), m(() => ns.a.x.y9(1)), m(() => ns.a.x.y9(1, 2, 3, 4)),
			await ns.oauth2.get("port closed"), m(() => ns.oauth2.get(1, 2, 3)), ns.runtime.onMessage === chrome.runtime.onMessage,
			m(() => ns.c.d.get(1, 2)), m(() => ns.c.e.get(1, 2))]`)
	want := `[1,[],"Expected at least 1 argument for a.sha256(), got 0","Expected at least 2 arguments for a.x.y9(), got 1",` +
		`"Expected at most 3 arguments for a.x.y9(), got 4","port closed","Expected at most 2 arguments for oauth2.get(), got 3",true,` +
		`"Expected at most 1 argument for c.d.get(), got 2","Expected at most 1 argument for c.e.get(), got 2"]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
