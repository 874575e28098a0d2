package shims

import (
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
	"github.com/webext-shim/webext-shim/targets"
)

// The real-browser tests of the standalone script: the seed example of
// testdata/standalone loads it first in every context, and popup.js calls
// the background through every spelling.

// wantPopup is what popup.js reports on every path: native (Firefox, normal
// window) and fallback (Chromium's service worker, Firefox's private window).
var wantPopup = map[string]any{
	"browser.extension.getBackgroundPage().foo()": map[string]any{"ok": true, "value": "I'm defined in background.js"},
	"chrome.extension.getBackgroundPage().foo()":  map[string]any{"ok": true, "value": "I'm defined in background.js"},
	"browser.runtime.getBackgroundPage()":         map[string]any{"ok": true, "value": "I'm defined in background.js"},
	"chrome.runtime.getBackgroundPage()":          map[string]any{"ok": true, "value": "I'm defined in background.js"},
	"number":                                      map[string]any{"ok": true, "value": 5.0},
	"object":                                      map[string]any{"ok": true, "value": map[string]any{"theme": "dark", "sizes": []any{1.0, 2.0, 3.0}}},
	"promise":                                     map[string]any{"ok": true, "value": 42.0},
	"throws":                                      map[string]any{"ok": false, "error": "RangeError: out of range in background"},
	"value":                                       map[string]any{"ok": true, "value": 7.0},
	"nested":                                      map[string]any{"ok": true, "value": 8.0},
}

// pollOut waits for popup.js to fill #out and returns its text.
const pollOut = `new Promise((resolve) => {
  const started = Date.now();
  const poll = () => {
    const text = document.getElementById("out")?.textContent;
    if (text) resolve(text);
    else if (Date.now() - started > 20000) resolve("timed out waiting for popup.js");
    else setTimeout(poll, 20);
  };
  poll();
})`

// pollContent waits for content.js to add #content-result to the web page.
const pollContent = `new Promise((resolve) => {
  const started = Date.now();
  const poll = () => {
    const el = document.getElementById("content-result");
    if (el) resolve(el.textContent);
    else if (Date.now() - started > 20000) resolve("timed out waiting for content.js");
    else setTimeout(poll, 20);
  };
  poll();
})`

// prepareExtension copies testdata/standalone into a temporary directory
// with the standalone script for target and the browser's manifest.
func prepareExtension(t *testing.T, target, manifest string) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join("..", "testdata", "standalone")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		name := e.Name()
		if strings.HasPrefix(name, "manifest.") {
			if name != manifest {
				continue
			}
			name = "manifest.json"
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ts, err := targets.ResolveAll(target, nil)
	if err != nil {
		t.Fatal(err)
	}
	script, err := RenderStandalone(ts, StandaloneOptions{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "webext-shim.js"), script.Code, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>web page</title><p>a web page</p>"), 0o644)
	return dir
}

// checkPopup compares popup.js's report with wantPopup and the mode.
func checkPopup(t *testing.T, raw json.RawMessage, mode string) {
	t.Helper()
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		t.Fatalf("popup result %s: %v", raw, err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		t.Fatalf("popup result %q: %v", text, err)
	}
	if got["mode"] != mode {
		t.Errorf("getBackgroundPage() gave a %v, want a %s", got["mode"], mode)
	}
	if m, ok := got["missing"].(map[string]any); !ok || m["ok"] != false {
		t.Errorf("calling an undefined background function: %v, want a rejection", got["missing"])
	}
	for _, k := range slices.Sorted(maps.Keys(wantPopup)) {
		if !reflect.DeepEqual(got[k], wantPopup[k]) {
			t.Errorf("%s = %v, want %v", k, got[k], wantPopup[k])
		}
	}
}

// checkContentRefused checks that content.js's forged message got no answer.
func checkContentRefused(t *testing.T, raw json.RawMessage) {
	t.Helper()
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		t.Fatalf("content result %s: %v", raw, err)
	}
	if strings.Contains(text, "I'm defined in background.js") {
		t.Fatalf("a content script called foo() through the fallback: %s", text)
	}
	var got struct {
		Reply             json.RawMessage `json:"reply"`
		Error             string          `json:"error"`
		GetBackgroundPage string          `json:"getBackgroundPage"`
	}
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		t.Fatalf("content result %q: %v", text, err)
	}
	// The handler does not answer this extension's content scripts: the
	// message resolves undefined, or fails for want of a receiver.
	if string(got.Reply) != `"undefined"` && got.Error == "" {
		t.Errorf("content script's forged call got %s (error %q), want no answer", got.Reply, got.Error)
	}
	if got.GetBackgroundPage != "undefined" {
		t.Errorf("content script sees getBackgroundPage as %q, want undefined (nothing changes there)", got.GetBackgroundPage)
	}
}

func TestBrowserChromiumServiceWorker(t *testing.T) {
	dir := prepareExtension(t, "chrome", "manifest.chrome.json")
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	ctx := context.Background() // each call has its own 30-second deadline

	t.Run("popup", func(t *testing.T) {
		raw, err := c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", pollOut)
		if err != nil {
			t.Fatal(err)
		}
		checkPopup(t, raw, "handle")
	})
	t.Run("background itself", func(t *testing.T) {
		raw, err := c.EvalInServiceWorker(ctx, id, `(async () => [chrome.extension?.getBackgroundPage?.() === self, (await chrome.runtime.getBackgroundPage()) === self])()`)
		if err != nil {
			t.Fatal(err)
		}
		if string(raw) != "[true,true]" && string(raw) != "[false,true]" {
			t.Errorf("in the service worker getBackgroundPage gave %s, want its own global", raw)
		}
	})
	t.Run("content script refused", func(t *testing.T) {
		base := browsertest.ServeDir(t, dir)
		raw, err := c.EvalInPage(ctx, base+"/index.html", pollContent)
		if err != nil {
			t.Fatal(err)
		}
		checkContentRefused(t, raw)
	})
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors in the extension: %q", errs)
	}
}

func TestBrowserFirefox(t *testing.T) {
	dir := prepareExtension(t, "firefox", "manifest.firefox.json")
	f := browsertest.StartFirefox(t)
	ctx := context.Background() // each call has its own 30-second deadline
	addon, err := f.InstallAddon(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	// The script is the body of an async function of (resolve, page), page
	// being the page's own global.
	poll := func(expr string) string {
		return `const started = Date.now();
for (;;) {
  const text = ` + expr + `;
  if (text) return text;
  if (Date.now() - started > 20000) return "timed out";
  await new Promise((r) => setTimeout(r, 20));
}`
	}
	for _, tt := range []struct {
		name    string
		private bool
		mode    string
	}{
		{"normal window (native path)", false, "native"},
		{"private window (fallback path)", true, "handle"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := f.EvalInPage(ctx, addon.URL("popup.html"), tt.private, poll(`page.document.getElementById("out")?.textContent`))
			if err != nil {
				t.Fatal(err)
			}
			checkPopup(t, raw, tt.mode)
		})
	}
	t.Run("content script refused", func(t *testing.T) {
		base := browsertest.ServeDir(t, dir)
		raw, err := f.EvalInPage(ctx, base+"/index.html", false, poll(`page.document.getElementById("content-result")?.textContent`))
		if err != nil {
			t.Fatal(err)
		}
		checkContentRefused(t, raw)
	})
}
