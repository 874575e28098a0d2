package shims

// The harness for the in-process tests of the getBackgroundPage JavaScript
// (js_test.go): esbuild bundles the shim sources, and each extension context
// (background, pages, content scripts) is its own goja runtime running the
// fake extension API of testdata/fakeext.js. A Go-side bus carries messages
// between the runtimes as JSON strings (which enforces Chromium's JSON
// serialisation) with Chromium's reply semantics, and a task queue with a
// virtual clock stands in for the event loop. Everything runs on the test's
// goroutine.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/targets"
)

// jsBuild bundles entry (a file, or stdin contents when stdin is set, resolved
// from dir) into an IIFE script for ES2020, optionally minified, with inject
// files.
func jsBuild(t testing.TB, entry, stdin, dir string, minify bool, inject ...string) string {
	t.Helper()
	opts := api.BuildOptions{
		Bundle:            true,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		Write:             false,
		LogLevel:          api.LogLevelSilent,
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      minify,
		Inject:            inject,
	}
	if stdin != "" {
		opts.Stdin = &api.StdinOptions{Contents: stdin, ResolveDir: dir, Sourcefile: "entry.js", Loader: api.LoaderJS}
	} else {
		opts.EntryPoints = []string{entry}
	}
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		t.Fatalf("esbuild: %s", strings.Join(msgs, "\n"))
	}
	if len(res.OutputFiles) != 1 {
		t.Fatalf("esbuild: %d output files", len(res.OutputFiles))
	}
	return string(res.OutputFiles[0].Contents)
}

var (
	standaloneMu    sync.Mutex
	standaloneBuilt = map[build]string{}
	fakeExtSource   string
	shimKey         string
)

// build is one standalone script the behaviour tests run: the bundle of
// js/bgpage/standalone.js with every code path (target ""), plain or minified, or
// RenderStandalone's minified script for a target list, whose esbuild
// Defines drop the code paths that target's browsers never need; it runs
// only in the flavours of those browsers.
type build struct {
	name   string
	target string
	minify bool
}

var (
	plain    = build{name: "plain"}
	minified = build{name: "minified", minify: true}
	// builds are the standalone builds every behaviour test runs against.
	builds = []build{plain, minified, {name: "firefox", target: "firefox", minify: true}, {name: "chrome", target: "chrome", minify: true},
		{name: "firefox+chrome", target: "firefox,chrome", minify: true}}
)

// runs reports whether the build is meant for flavour f's browser.
func (b build) runs(f flavour) bool {
	return b.target == "" || f.browser != "" && slices.Contains(strings.Split(b.target, ","), f.browser)
}

// standaloneScript returns the build's script.
func standaloneScript(t testing.TB, b build) string {
	t.Helper()
	standaloneMu.Lock()
	defer standaloneMu.Unlock()
	if src, ok := standaloneBuilt[b]; ok {
		return src
	}
	var src string
	if b.target == "" {
		src = jsBuild(t, filepath.Join("js", "bgpage", "standalone.js"), "", "", b.minify)
	} else {
		ts, err := targets.ResolveAll(b.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		s, err := RenderStandalone(ts, StandaloneOptions{Minify: b.minify})
		if err != nil {
			t.Fatal(err)
		}
		src = string(s.Code)
	}
	standaloneBuilt[b] = src
	return src
}

// messageKey returns the KEY of js/bgpage/protocol.js.
func messageKey(t testing.TB) string {
	t.Helper()
	if shimKey == "" {
		src, err := os.ReadFile(filepath.Join("js", "bgpage", "protocol.js"))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`export const KEY = ("[^"]+")`).FindSubmatch(src)
		if m == nil {
			t.Fatal("no KEY in protocol.js")
		}
		if err := json.Unmarshal(m[1], &shimKey); err != nil {
			t.Fatal(err)
		}
	}
	return shimKey
}

var (
	fakeChromeSource string
	chromeMembers    string
)

func fakeChrome(t testing.TB) string {
	t.Helper()
	if fakeChromeSource == "" {
		b, err := os.ReadFile(filepath.Join("testdata", "fakechrome.js"))
		if err != nil {
			t.Fatal(err)
		}
		fakeChromeSource = string(b)
	}
	return fakeChromeSource
}

// chromeMembersJSON is what the tables record about every chrome.* member,
// as a JSON object by path, for __installChrome.
func chromeMembersJSON(t testing.TB) string {
	t.Helper()
	if chromeMembers == "" {
		paths, err := targets.ChromeMembers()
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]targets.ChromeMember{}
		for _, p := range paths {
			if m[p], _, err = targets.Chrome(p); err != nil {
				t.Fatal(err)
			}
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		chromeMembers = string(b)
	}
	return chromeMembers
}

func fakeExt(t testing.TB) string {
	t.Helper()
	if fakeExtSource == "" {
		b, err := os.ReadFile(filepath.Join("testdata", "fakeext.js"))
		if err != nil {
			t.Fatal(err)
		}
		fakeExtSource = string(b)
	}
	return fakeExtSource
}

// flavour is how a browser behaves, for the fake API.
type flavour struct {
	name           string
	browser        string // the target browser it stands for ("" for none)
	scheme         string
	browserNS      bool   // native browser namespace
	sameExtension  bool   // browser.extension === chrome.extension
	chromePromises bool   // chrome.* return promises without a callback
	senderOrigin   bool   // sender.origin is set
	bgKind         string // "sw" or "bgpage"
	bgPath         string // the background's URL path
	manifestBg     map[string]any
	pageExt        string // extension.getBackgroundPage in pages
	pageRt         string // runtime.getBackgroundPage in pages
	bgExt, bgRt    string // the same in the background
	// oldMessaging: Chromium before 148, where a listener's promise does not
	// answer and a message nobody answers fails with "The message port
	// closed before a response was received."
	oldMessaging bool
	// chromeVersion, when set, adds every chrome.* member chrome-types
	// records as that Chrome version has it (testdata/fakechrome.js).
	chromeVersion int
}

var (
	// Chromium 156, MV3: a service worker background; native browser.
	chromiumMV3 = flavour{name: "chromium-mv3", browser: "chrome", scheme: "chrome-extension", browserNS: true, chromePromises: true, senderOrigin: true,
		bgKind: "sw", bgPath: "/sw.js", manifestBg: map[string]any{"service_worker": "sw.js"},
		pageExt: "undefined", pageRt: "reject", bgExt: "absent", bgRt: "absent"}
	// Chromium before 148: the same without a browser namespace.
	chromiumOld = flavour{name: "chromium-old", browser: "chrome", scheme: "chrome-extension", chromePromises: true, senderOrigin: true,
		bgKind: "sw", bgPath: "/sw.js", manifestBg: map[string]any{"service_worker": "sw.js"},
		pageExt: "undefined", pageRt: "reject", bgExt: "absent", bgRt: "absent"}
	// Firefox ESR, MV2 background.scripts, normal window.
	firefoxMV2 = flavour{name: "firefox-mv2", browser: "firefox", scheme: "moz-extension", browserNS: true,
		bgKind: "bgpage", bgPath: "/_generated_background_page.html", manifestBg: map[string]any{"scripts": []string{"background.js"}},
		pageExt: "window", pageRt: "window", bgExt: "self", bgRt: "self"}
	// Firefox ESR, MV2, a private window.
	firefoxPrivate = flavour{name: "firefox-private", browser: "firefox", scheme: "moz-extension", browserNS: true,
		bgKind: "bgpage", bgPath: "/_generated_background_page.html", manifestBg: map[string]any{"scripts": []string{"background.js"}},
		pageExt: "null", pageRt: "null", bgExt: "self", bgRt: "self"}
	// Firefox MV3 private window: browser.extension === chrome.extension, promises everywhere.
	firefoxMV3Private = flavour{name: "firefox-mv3-private", browser: "firefox", scheme: "moz-extension", browserNS: true, sameExtension: true, chromePromises: true,
		bgKind: "bgpage", bgPath: "/_generated_background_page.html", manifestBg: map[string]any{"scripts": []string{"background.js"}},
		pageExt: "null", pageRt: "null", bgExt: "self", bgRt: "self"}
	// A browser whose pages have only runtime.getBackgroundPage, whose browser.*
	// spelling rejects (and ignores callbacks).
	browserRuntimeOnly = flavour{name: "browser-runtime-only", scheme: "chrome-extension", browserNS: true, chromePromises: true, senderOrigin: true,
		bgKind: "sw", bgPath: "/sw.js", manifestBg: map[string]any{"service_worker": "sw.js"},
		pageExt: "absent", pageRt: "reject", bgExt: "absent", bgRt: "absent"}
	// A browser with only chrome.runtime.getBackgroundPage (callback-only, lastError),
	// and a background page named by the manifest whose native API says nothing.
	runtimeOnly = flavour{name: "runtime-only", scheme: "chrome-extension", senderOrigin: true,
		bgKind: "bgpage", bgPath: "/bg.html", manifestBg: map[string]any{"page": "bg.html"},
		pageExt: "absent", pageRt: "reject", bgExt: "absent", bgRt: "absent"}
)

const (
	testExtID   = "abcdefghijklmnopabcdefghijklmnop"
	otherExtID  = "ponmlkjihgfedcbaponmlkjihgfedcba"
	firefoxUUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
)

func (f flavour) host() string {
	if f.scheme == "moz-extension" {
		return firefoxUUID
	}
	return testExtID
}

func (f flavour) origin() string { return f.scheme + "://" + f.host() }

// world is one extension (and its contexts) in one browser.
type world struct {
	t        testing.TB
	f        flavour
	contexts []*jsContext
	queue    []func()
	timers   []timer
	now, seq int
}

type timer struct {
	at, seq int
	run     func()
}

// jsContext is one extension context: a goja runtime with the fake API.
type jsContext struct {
	w      *world
	name   string
	kind   string // "sw", "bgpage", "page", "content"
	href   string
	tab    bool
	vm     *goja.Runtime
	sender map[string]any
	sent   []string // JSON messages this context sent
}

func newWorld(t testing.TB, f flavour) *world {
	return &world{t: t, f: f}
}

func (w *world) later(run func()) { w.queue = append(w.queue, run) }

// pump runs queued tasks, then due timers, until nothing is left.
func (w *world) pump() {
	for steps := 0; ; steps++ {
		if steps > 100000 {
			w.t.Fatal("the world does not become idle")
		}
		if len(w.queue) > 0 {
			run := w.queue[0]
			w.queue = w.queue[1:]
			run()
			continue
		}
		if len(w.timers) == 0 {
			return
		}
		sort.Slice(w.timers, func(i, j int) bool {
			a, b := w.timers[i], w.timers[j]
			return a.at < b.at || a.at == b.at && a.seq < b.seq
		})
		tm := w.timers[0]
		w.timers = w.timers[1:]
		w.now = tm.at
		tm.run()
	}
}

// call calls fn in c's runtime, reporting a JavaScript exception as a test error.
func (c *jsContext) call(fn goja.Value, args ...goja.Value) goja.Value {
	f, ok := goja.AssertFunction(fn)
	if !ok {
		c.w.t.Errorf("%s: not a function: %v", c.name, fn)
		return goja.Undefined()
	}
	v, err := f(goja.Undefined(), args...)
	if err != nil {
		c.w.t.Errorf("%s: %v", c.name, err)
		return goja.Undefined()
	}
	return v
}

// background, page and contentScript add contexts.
func (w *world) background() *jsContext {
	return w.add("background", w.f.bgKind, w.f.origin()+w.f.bgPath, false)
}

func (w *world) page(path string) *jsContext {
	return w.add(strings.TrimPrefix(path, "/"), "page", w.f.origin()+path, false)
}

func (w *world) contentScript(url string) *jsContext {
	return w.add("content script on "+url, "content", url, true)
}

func (w *world) add(name, kind, href string, tab bool) *jsContext {
	t := w.t
	t.Helper()
	f := w.f
	c := &jsContext{w: w, name: name, kind: kind, href: href, tab: tab, vm: goja.New()}
	// Runaway recursion (a wrapper calling itself) becomes a RangeError.
	c.vm.SetMaxCallStackSize(2000)
	// goja lists the global object's built-in names only if they are asked
	// for before the first global declaration: ask now, so that the handler's
	// baseline sees JSON, Object, eval, ...
	if _, err := c.vm.RunString(`Object.getOwnPropertyNames(globalThis)`); err != nil {
		t.Fatal(err)
	}
	c.sender = map[string]any{"id": testExtID, "url": href, "frameId": 0}
	if f.senderOrigin {
		m := regexp.MustCompile(`^[a-z-]+://[^/]*`).FindString(href)
		c.sender["origin"] = m
	}
	if tab {
		c.sender["tab"] = map[string]any{"id": 7, "url": href}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.vm.Set("__host_send", func(msg string, cb goja.Value) { w.send(c, msg, cb) }))
	must(c.vm.Set("__host_timer", func(fn goja.Value, ms int) {
		w.seq++
		w.timers = append(w.timers, timer{at: w.now + ms, seq: w.seq, run: func() { c.call(fn) }})
	}))
	must(c.vm.Set("__host_log", func(s string) { t.Logf("%s: console: %s", c.name, s) }))
	must(c.vm.Set("__sentCount", func() int { return len(c.sent) }))
	_, err := c.vm.RunScript("fakeext.js", fakeExt(t))
	must(err)
	cfg := map[string]any{
		"kind": kind, "href": href, "id": testExtID, "scheme": f.scheme, "uuid": f.host(),
		"manifest":  map[string]any{"manifest_version": 3, "name": "test", "version": "1", "background": f.manifestBg},
		"browserNS": f.browserNS, "sameExtensionObject": f.sameExtension, "chromePromises": f.chromePromises,
		"ext": f.pageExt, "rt": f.pageRt, "oldMessaging": f.oldMessaging,
	}
	if kind == "sw" || kind == "bgpage" {
		cfg["ext"], cfg["rt"] = f.bgExt, f.bgRt
	}
	c.call(c.vm.Get("__installFake"), c.vm.ToValue(cfg))
	if f.chromeVersion > 0 {
		_, err := c.vm.RunScript("fakechrome.js", fakeChrome(t))
		must(err)
		members, err := c.vm.RunString("(" + chromeMembersJSON(t) + ")")
		must(err)
		c.call(c.vm.Get("__installChrome"), c.vm.ToValue(map[string]any{"version": f.chromeVersion, "serviceWorker": kind == "sw", "members": members}))
	}
	w.contexts = append(w.contexts, c)
	return c
}

// load runs a classic script in c.
func (c *jsContext) load(name, src string) {
	c.w.t.Helper()
	if _, err := c.vm.RunScript(name, src); err != nil {
		c.w.t.Fatalf("%s: loading %s: %v", c.name, name, err)
	}
	c.w.pump()
}

// loadShim loads the standalone shim of build b.
func (c *jsContext) loadShim(b build) *jsContext {
	c.w.t.Helper()
	c.load("standalone.js", standaloneScript(c.w.t, b))
	return c
}

// send is runtime.sendMessage from c: every other context of the extension
// except content scripts gets the message; the first reply wins; when every
// receiver closed its channel without an answer the sender gets undefined
// (with oldMessaging, Chromium's "The message port closed" error); with no
// listener anywhere it gets Chromium's "Receiving end does not exist".
func (w *world) send(from *jsContext, msg string, cb goja.Value) {
	from.sent = append(from.sent, msg)
	sender, _ := json.Marshal(from.sender)
	answer := func(reply, err goja.Value) { w.later(func() { from.call(cb, reply, err) }) }
	var to []*jsContext
	for _, c := range w.contexts {
		if c != from && c.kind != "content" && c.call(c.vm.Get("__listenerCount")).ToInteger() > 0 {
			to = append(to, c)
		}
	}
	if len(to) == 0 {
		answer(goja.Undefined(), from.vm.ToValue("Could not establish connection. Receiving end does not exist."))
		return
	}
	closed := goja.Undefined()
	if w.f.oldMessaging {
		closed = from.vm.ToValue("The message port closed before a response was received.")
	}
	pending, answered := len(to), false
	for _, c := range to {
		w.later(func() {
			c.deliver(msg, string(sender), func(kind string, payload goja.Value) {
				if answered {
					return
				}
				switch kind {
				case "reply":
					answered = true
					if goja.IsUndefined(payload) {
						answer(goja.Undefined(), goja.Undefined())
					} else {
						answer(from.vm.ToValue(payload.String()), goja.Undefined())
					}
				case "error":
					answered = true
					answer(goja.Undefined(), from.vm.ToValue(payload.String()))
				case "none":
					if pending--; pending == 0 {
						answered = true
						answer(goja.Undefined(), closed)
					}
				}
			})
		})
	}
}

func (c *jsContext) deliver(msg, sender string, respond func(kind string, payload goja.Value)) {
	c.call(c.vm.Get("__deliver"), c.vm.ToValue(msg), c.vm.ToValue(sender), c.vm.ToValue(func(call goja.FunctionCall) goja.Value {
		respond(call.Argument(0).String(), call.Argument(1))
		return goja.Undefined()
	}))
}

// inject delivers msg to c as if sent by sender (for senders the fake bus does
// not model: other extensions, web pages, forged origins) and returns the
// reply's JSON, "none" (no answer) or "pending" (no answer yet at idle).
func (c *jsContext) inject(msg any, sender map[string]any) string {
	m, _ := json.Marshal(msg)
	s, _ := json.Marshal(sender)
	got := "pending"
	c.deliver(string(m), string(s), func(kind string, payload goja.Value) {
		if got != "pending" {
			return
		}
		switch kind {
		case "reply":
			if goja.IsUndefined(payload) {
				got = "undefined"
			} else {
				got = payload.String()
			}
		default:
			got = kind
		}
	})
	c.w.pump()
	return got
}

// eval runs body as the body of an async function in c, lets the world run
// until idle and returns JSON.stringify of the result, "throws NAME: MESSAGE"
// for a rejection, or "pending".
func (c *jsContext) eval(body string) string {
	c.w.t.Helper()
	v, err := c.vm.RunScript("test.js", "(async () => {\n"+body+"\n})()")
	if err != nil {
		return "error: " + err.Error()
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok {
		c.w.t.Fatalf("%s: not a promise: %v", c.name, v)
	}
	c.w.pump()
	switch p.State() {
	case goja.PromiseStateFulfilled:
		r := p.Result()
		if goja.IsUndefined(r) {
			return "undefined"
		}
		s := c.call(c.vm.Get("JSON").ToObject(c.vm).Get("stringify"), r)
		return s.String()
	case goja.PromiseStateRejected:
		return "throws " + c.call(c.vm.Get("__describe"), p.Result()).String()
	}
	return "pending"
}

// fallbackMsg is a fallback request with the shim's key: a read of path, or
// a call with args when op is "call" (see KEY in js/bgpage/protocol.js;
// args must be values that encode as themselves: strings, finite numbers).
func fallbackMsg(t testing.TB, op string, path []string, args ...any) map[string]any {
	q := []any{path}
	if op == "call" {
		q = append(q, append([]any{"Array"}, args...))
	}
	return map[string]any{messageKey(t): q}
}
