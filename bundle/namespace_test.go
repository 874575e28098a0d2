package bundle

// Tests of the browser namespace in built extensions: it reaches an entry
// only where the target needs it and the entry's code uses browser.*, with
// the table of the members that code uses; it composes with the
// getBackgroundPage shim's onMessage filter.

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// nsMark is in the output exactly where the browser namespace's code is.
const nsMark = "__mozWebExtensionPolyfillReject__"

// tables returns the namespace tables in a file's code (the JSON object
// esbuild defines, as it prints it, without spaces and quotes), in order.
func tables(code string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?m)define_globalThis_WEBEXT_SHIM_NS_default = (\{.*\});$`).FindAllStringSubmatch(code, -1) {
		out = append(out, strings.NewReplacer(" ", "", `"`, "").Replace(m[1]))
	}
	return out
}

// build builds the source dir for the target list.
func build(t *testing.T, dir, list string, opts Options) (Result, string) {
	t.Helper()
	qs, err := targets.ParseQueries(list)
	if err != nil {
		t.Fatal(err)
	}
	opts.Source, opts.OutDir, opts.Targets = dir, t.TempDir(), qs
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("building: %v\n%v", err, res.Diagnostics)
	}
	return res, opts.OutDir
}

// TestNamespaceWhereNeeded builds the browser-ns example: the namespace is
// in the Chromium outputs whose range lacks a native browser, in the files
// whose code uses it, and nowhere else.
func TestNamespaceWhereNeeded(t *testing.T) {
	src := filepath.Join("..", "testdata", "extensions", "browser-ns")
	for _, tt := range []struct {
		list string
		need map[string]bool // by browser
	}{
		{"chrome>=120,firefox,safari,edge", map[string]bool{"chrome": true, "edge": true, "firefox": false, "safari": false}},
		{"chrome>=148,opera", map[string]bool{"chrome": false, "opera": true}},
	} {
		t.Run(tt.list, func(t *testing.T) {
			res, out := build(t, src, tt.list, Options{})
			for _, tr := range res.Targets {
				name := tr.Target.Browser.Name
				need := tt.need[name]
				if got := slices.Contains(tr.Shims, shims.BrowserNamespace.Name); got != need {
					t.Errorf("%s: shims %v, namespace wanted: %v", tr.Target, tr.Shims, need)
				}
				for _, f := range tr.Files {
					code := readOutput(t, out, name, f.Path)
					// The module background bundles the namespace; the
					// runtime script holds it for the classic popup and
					// content scripts, which reach it through GlobalName.
					hasCode := strings.Contains(code, nsMark)
					usesRuntime := strings.Contains(code, shimjs.GlobalName+".namespace")
					switch f.Path {
					case "background.js", RuntimeFile:
						if hasCode != need {
							t.Errorf("%s/%s has the namespace: %v, want %v", name, f.Path, hasCode, need)
						}
					case "popup.js", "content.js":
						if usesRuntime != need || hasCode {
							t.Errorf("%s/%s uses %s.namespace: %v (want %v), has its code: %v", name, f.Path, shimjs.GlobalName, usesRuntime, need, hasCode)
						}
					default:
						if hasCode || usesRuntime {
							t.Errorf("%s/%s has the namespace", name, f.Path)
						}
					}
				}
				m := readOutput(t, out, name, ManifestFile)
				if strings.Contains(m, RuntimeFile) != need {
					t.Errorf("%s: the manifest loads %s: %v, want %v:\n%s", name, RuntimeFile, !need, need, m)
				}
			}
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Message, "browser namespace") {
					t.Errorf("diagnostic: %s", d)
				}
			}
		})
	}
}

// TestNamespaceUsedMembers checks that the tables hold only the members the
// code uses: for module entries, those that their files and imports use
// (the module entries bundled by one esbuild build, which share their
// replacements, share one table: the members any of them uses), for the
// classic runtime script those of the scripts it serves; never those of
// code the entry does not load.
func TestNamespaceUsedMembers(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1",
			"background": {"service_worker": "bg.js", "type": "module"},
			"action": {"default_popup": "popup.html"},
			"options_page": "options.html",
			"content_scripts": [{"matches": ["<all_urls>"], "js": ["cs.js"]}, {"matches": ["<all_urls>"], "js": ["plain.js"]}]}`,
		// A module background whose own file uses nothing: its import does.
		"bg.js":          "import { save } from \"./lib/store.js\";\nself.onmessage = () => save(1);\n",
		"lib/store.js":   "export const save = (v) => browser.storage.local.set({ v });\n",
		"popup.html":     `<!doctype html><script type="module" src="popup.js"></script>`,
		"popup.js":       "browser.history.search({ text: \"\" }).then((items) => { document.title = String(items.length); });\n",
		"options.html":   `<!doctype html><script src="options.js"></script>`,
		"options.js":     "browser.contextMenus.removeAll();\n",
		"cs.js":          "browser.runtime.sendMessage(\"hi\");\n",
		"plain.js":       "document.title = \"no extension API\";\n",
		"unrelated.js":   "browser.bookmarks.getTree();\n",
		"page-chrome.js": "chrome.tabs.query({}, () => {});\n",
	})
	res, out := build(t, src, "chrome>=80", Options{})
	if got := res.Targets[0].Shims; !slices.Contains(got, shims.BrowserNamespace.Name) {
		t.Fatalf("shims %v", got)
	}
	cases := []struct {
		file  string
		table []string // the tables in the file
	}{
		// storage.local.set (with its namespace storage.local), from bg.js's
		// import, and history.search, from popup.js: the two module entries are
		// bundled together (never bookmarks, of a file no entry loads).
		{"bg.js", []string{"{history:{search:1},storage.local:{set:1}}"}},
		{"popup.js", []string{"{history:{search:1},storage.local:{set:1}}"}},
		// The runtime script serves options.js and cs.js: both their members.
		{RuntimeFile, []string{"{contextMenus:{removeAll:0},runtime:{sendMessage:[1,3,message]}}"}},
		{"plain.js", nil},
		{"options.js", nil},
	}
	for _, c := range cases {
		if got := tables(readOutput(t, out, "chrome", c.file)); !slices.Equal(got, c.table) {
			t.Errorf("%s: tables %q, want %q", c.file, got, c.table)
		}
	}
	// Only the content script list that uses the namespace loads the runtime.
	var m struct {
		ContentScripts []struct {
			JS []string `json:"js"`
		} `json:"content_scripts"`
	}
	if err := json.Unmarshal([]byte(readOutput(t, out, "chrome", ManifestFile)), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.ContentScripts) != 2 || !slices.Equal(m.ContentScripts[0].JS, []string{RuntimeFile, "cs.js"}) || !slices.Equal(m.ContentScripts[1].JS, []string{"plain.js"}) {
		t.Errorf("content scripts %+v", m.ContentScripts)
	}
	// Where the range has promises for all of it, the table is empty and
	// only messaging is wrapped; files unchanged by the namespace stay so.
	_, out = build(t, src, "chrome>=120", Options{})
	for file, want := range map[string][]string{"bg.js": {"{}"}, "popup.js": {"{}"}, RuntimeFile: {"{contextMenus:{removeAll:0},runtime:{sendMessage:[1,3,message]}}"}} {
		if got := tables(readOutput(t, out, "chrome", file)); !slices.Equal(got, want) {
			t.Errorf("chrome>=120: %s: tables %q, want %q", file, got, want)
		}
	}
}

// TestNamespaceReport checks the compat report: the browser namespace the
// shim covers is not reported; what Chromium lacks still is.
func TestNamespaceReport(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "bg.js"}}`,
		"bg.js":         "browser.tabs.toggleReaderMode(1);\nbrowser.tabs.query({});\n",
	})
	for _, list := range []string{"chrome>=120", "edge"} {
		qs, _ := targets.ParseQueries(list)
		res, err := Build(context.Background(), Options{Source: src, Targets: qs, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diagnostics {
			got = append(got, d.String())
		}
		want := []string{"bg.js:1:1: warning: tabs.toggleReaderMode is not available on " + qs[0].Browser.Name + "; no shim covers it"}
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", list, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestNamespaceWithGetBackgroundPage builds an extension that needs both
// shims on chrome>=120 (a popup uses getBackgroundPage, the background
// answers messages with promises through browser.runtime.onMessage) and runs
// the built service worker in goja against the fake extension API of
// package shims (testdata/fakeext.js), with Chromium's messaging before 148:
// the fallback's messages reach the handler and never the extension's
// listener, whose promise replies work through the namespace.
func TestNamespaceWithGetBackgroundPage(t *testing.T) {
	const listener = `var seen = [];
browser.runtime.onMessage.addListener((m) => { seen.push(m); return m && m.type == "double" ? Promise.resolve(m.n * 2) : undefined; });
`
	for _, tt := range []struct {
		name string
		bg   string // the manifest's background
		code string
	}{
		{"classic service worker", `{"service_worker": "bg.js"}`, listener + "function foo() { return \"foo\"; }\n"},
		{"module service worker", `{"service_worker": "bg.js", "type": "module"}`, listener + "globalThis.foo = () => \"foo\";\nglobalThis.seen = seen;\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{
				"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": ` + tt.bg + `, "action": {"default_popup": "popup.html"}}`,
				"bg.js":         tt.code,
				"popup.html":    `<!doctype html><script src="popup.js"></script>`,
				"popup.js":      "browser.extension.getBackgroundPage().foo().then((v) => { document.title = v; });\n",
			})
			res, out := build(t, src, "chrome>=120", Options{})
			if got := res.Targets[0].Shims; !slices.Equal(got, []string{shims.GetBackgroundPage.Name, shims.BrowserNamespace.Name}) {
				t.Errorf("shims %v", got)
			}
			vm := startWorker(t, out)
			if got := deliver(t, vm, fallbackCall("foo"), fakePage); got != `{"`+fallbackKey+`":["foo"]}` {
				t.Errorf("the fallback's call got %s", got)
			}
			if got := deliver(t, vm, map[string]any{"type": "double", "n": 21}, fakePage); got != `42` {
				t.Errorf("the extension's promise reply: %s", got)
			}
			if got := deliver(t, vm, map[string]any{"type": "other"}, fakePage); got != `none` {
				t.Errorf("a message nobody answers: %s", got)
			}
			if got := eval(t, vm, `JSON.stringify(seen)`); got != `[{"n":21,"type":"double"},{"type":"other"}]` {
				t.Errorf("the extension's listener saw %s", got)
			}
		})
	}
}

const fakeExtID = "abcdefghijklmnopabcdefghijklmnop"

// fallbackKey is the key of the getBackgroundPage fallback's messages
// (shims/js/bgpage/protocol.js).
const fallbackKey = "__webext-shim@3"

// fakePage is the sender of a message from the extension's popup.
var fakePage = map[string]any{"id": fakeExtID, "url": "chrome-extension://" + fakeExtID + "/popup.html", "origin": "chrome-extension://" + fakeExtID}

// fallbackCall is the fallback's request for a call of the background's
// function name without arguments.
func fallbackCall(name string) map[string]any {
	return map[string]any{fallbackKey: []any{[]string{name}, []any{"Array"}}}
}

// startWorker runs the chrome output's service worker, as its manifest
// names it, in fakeServiceWorker.
func startWorker(t *testing.T, out string) *goja.Runtime {
	t.Helper()
	var m struct {
		Background struct {
			ServiceWorker string `json:"service_worker"`
		} `json:"background"`
	}
	if err := json.Unmarshal([]byte(readOutput(t, out, "chrome", ManifestFile)), &m); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "chrome")
	vm := fakeServiceWorker(t, dir)
	runFile(t, vm, dir, m.Background.ServiceWorker)
	return vm
}

// fakeServiceWorker returns a goja runtime set up as the extension's service
// worker with package shims' fake extension API (Chromium before 148: no
// browser namespace, a listener's promise does not answer), where
// importScripts loads files of the output directory dir.
func fakeServiceWorker(t *testing.T, dir string) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	// goja lists the global's built-in names only if asked before the first
	// global declaration (the getBackgroundPage handler's baseline).
	if _, err := vm.RunString(`Object.getOwnPropertyNames(globalThis)`); err != nil {
		t.Fatal(err)
	}
	fake, err := os.ReadFile(filepath.Join("..", "shims", "testdata", "fakeext.js"))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]any{
		"__host_send":  func(string, goja.Value) { t.Error("the service worker sent a message") },
		"__host_timer": func(goja.Value, int) { t.Error("the service worker set a timer") },
		"__host_log":   func(s string) { t.Logf("console: %s", s) },
		"__sentCount":  func() int { return 0 },
	} {
		if err := vm.Set(name, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := vm.RunScript("fakeext.js", string(fake)); err != nil {
		t.Fatal(err)
	}
	install, _ := goja.AssertFunction(vm.Get("__installFake"))
	cfg := map[string]any{
		"kind": "sw", "href": "chrome-extension://" + fakeExtID + "/sw.js", "id": fakeExtID, "scheme": "chrome-extension", "uuid": fakeExtID,
		"manifest":  map[string]any{"manifest_version": 3, "name": "x", "version": "1", "background": map[string]any{"service_worker": "sw.js"}},
		"browserNS": false, "chromePromises": true, "oldMessaging": true, "ext": "absent", "rt": "absent",
	}
	if _, err := install(goja.Undefined(), vm.ToValue(cfg)); err != nil {
		t.Fatal(err)
	}
	if err := vm.Set("importScripts", func(paths ...string) {
		for _, p := range paths {
			runFile(t, vm, dir, strings.TrimPrefix(p, "/"))
		}
	}); err != nil {
		t.Fatal(err)
	}
	return vm
}

func runFile(t *testing.T, vm *goja.Runtime, dir, rel string) {
	t.Helper()
	code, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.RunScript(rel, string(code)); err != nil {
		t.Fatalf("running %s: %v", rel, err)
	}
}

func eval(t *testing.T, vm *goja.Runtime, expr string) string {
	t.Helper()
	v, err := vm.RunString(expr)
	if err != nil {
		t.Fatal(err)
	}
	return v.String()
}

// deliver hands msg from sender to the runtime.onMessage listeners and
// returns the reply's JSON, or "none" when they closed the channel without
// one.
func deliver(t *testing.T, vm *goja.Runtime, msg any, sender map[string]any) string {
	t.Helper()
	m, _ := json.Marshal(msg)
	s, _ := json.Marshal(sender)
	got := "pending"
	f, _ := goja.AssertFunction(vm.Get("__deliver"))
	respond := func(kind string, payload goja.Value) {
		if got != "pending" {
			return
		}
		if kind == "reply" {
			got = payload.String()
		} else {
			got = kind
		}
	}
	if _, err := f(goja.Undefined(), vm.ToValue(string(m)), vm.ToValue(string(s)), vm.ToValue(respond)); err != nil {
		t.Fatal(err)
	}
	// Let the promise jobs run.
	if _, err := vm.RunString(""); err != nil {
		t.Fatal(err)
	}
	return got
}
