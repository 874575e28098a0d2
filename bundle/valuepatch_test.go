package bundle

import (
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/shims"
)

// patchMark is the comment esbuild writes, in code that is not minified,
// before the getBackgroundPage shim's patch module.
const patchMark = "// webext-shim:bgpage/patch.js"

// TestValuePatches: when the extension's code reaches the shimmed APIs
// through a value (const api = globalThis.browser ?? chrome), which
// replacing the API expressions does not see, every extension page and the
// background patch the native objects in place: the background's listener,
// added through the value and answering every message at once, never sees
// the fallback's messages, which reach the handler.
func TestValuePatches(t *testing.T) {
	const bg = `const api = globalThis.browser ?? chrome;
var seen = [];
function foo() { return "foo"; }
api.runtime.onMessage.addListener((m, s, reply) => { seen.push(m); reply({echo: m}); });
`
	writtenOut := strings.NewReplacer("const api = globalThis.browser ?? chrome;\n", "", "api.runtime", "chrome.runtime").Replace(bg)
	files := func(bg, popup string) map[string]string {
		return map[string]string{
			"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "bg.js"},
				"action": {"default_popup": "popup.html"}, "options_page": "panel.html"}`,
			"bg.js":      bg,
			"popup.html": `<!doctype html><script src="popup.js"></script>`,
			"popup.js":   popup,
			"panel.html": `<!doctype html><script type="module" src="panel.js"></script>`,
			"panel.js":   "document.title = String(chrome.runtime.id);\n",
		}
	}
	for _, tt := range []struct {
		name, bg, popup string
		patched         bool
	}{
		{"getBackgroundPage through a value", bg, "const api = globalThis.browser ?? chrome;\napi.runtime.getBackgroundPage().then((p) => p.foo());\n", true},
		{"runtime passed on", bg, "const rt = chrome.runtime;\nrt.getBackgroundPage((p) => p.foo());\n", true},
		{"only the background's listener through a value", bg, "chrome.extension.getBackgroundPage().foo();\n", true},
		{"the API written out", writtenOut, "chrome.extension.getBackgroundPage().foo();\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, out := build(t, writeSource(t, files(tt.bg, tt.popup)), "chrome", Options{})
			if got := res.Targets[0].Shims; !slices.Equal(got, []string{shims.GetBackgroundPage.Name}) {
				t.Errorf("shims %v", got)
			}
			// The patch is in the pages' runtime script, before the page's
			// classic script, in the module page and in the background, or
			// in none of them.
			runtime := readOutput(t, out, "chrome", RuntimeFile)
			for name, code := range map[string]string{
				RuntimeFile:  runtime,
				"panel.js":   readOutput(t, out, "chrome", "panel.js"),
				"background": readOutput(t, out, "chrome", BackgroundFile),
			} {
				if got := strings.Contains(code, patchMark); got != tt.patched {
					t.Errorf("%s has the patch: %v, want %v", name, got, tt.patched)
				}
			}
			if tt.patched && !strings.Contains(readOutput(t, out, "chrome", "popup.html"), RuntimeFile) {
				t.Errorf("popup.html does not load %s", RuntimeFile)
			}
			if !tt.patched {
				return
			}
			vm := startWorker(t, out)
			if got := deliver(t, vm, fallbackCall("foo"), fakePage); got != `{"`+fallbackKey+`":["foo"]}` {
				t.Errorf("the fallback's call got %s", got)
			}
			if got := deliver(t, vm, map[string]any{"type": "ping"}, fakePage); got != `{"echo":{"type":"ping"}}` {
				t.Errorf("the extension's listener answered %s", got)
			}
			if got := eval(t, vm, `JSON.stringify(seen)`); got != `[{"type":"ping"}]` {
				t.Errorf("the extension's listener saw %s", got)
			}
		})
	}
	// Without getBackgroundPage in the code, values of the API change
	// nothing: no handler, no patch.
	t.Run("no getBackgroundPage", func(t *testing.T) {
		src := files(bg, "const api = globalThis.browser ?? chrome;\napi.runtime.sendMessage({});\n")
		res, out := build(t, writeSource(t, src), "chrome", Options{})
		if got := res.Targets[0].Shims; len(got) != 0 {
			t.Errorf("shims %v", got)
		}
		if code := readOutput(t, out, "chrome", "panel.js"); strings.Contains(code, "webext-shim") {
			t.Errorf("panel.js has shim code:\n%s", code)
		}
	})
}
