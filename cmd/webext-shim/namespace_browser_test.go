package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// hideBrowser is the line the test puts first in every built script, so
// that Chromium 156's own browser namespace is gone before the shim looks for
// it and the shim's namespace over chrome is what the extension runs on.
const hideBrowser = "Reflect.deleteProperty(globalThis, \"browser\");\n"

// buildHidden builds testdata/extensions/NAME for chrome>=120 with the
// command and puts hideBrowser first in every script of the output, which it
// returns.
func buildHidden(t *testing.T, name string) string {
	t.Helper()
	out := t.TempDir()
	args := []string{"--target", "chrome>=120", "-o", out, "-q", filepath.Join("..", "..", "testdata", "extensions", name)}
	if code, stdout, stderr := runCmd(args...); code != exitOK {
		t.Fatalf("webext-shim %q: exit %d\n%s%s", args, code, stdout, stderr)
	}
	dir := filepath.Join(out, "chrome")
	scripts := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		scripts++
		return os.WriteFile(p, append([]byte(hideBrowser), data...), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if scripts < 4 {
		t.Fatalf("only %d scripts in the output of %s", scripts, name)
	}
	return dir
}

// TestBrowserNamespaceChromium builds testdata/extensions/browser-ns, written
// with browser.* only, for chrome>=120 and runs it in Chromium with the native
// namespace hidden: storage, tabs.query, context menus (wrapped callback ->
// promise), messaging with promise-returning listeners, in the service
// worker, the popup and a content script. The Firefox-first tab-notes
// example runs there too, the getBackgroundPage shim's fallback and its
// onMessage filter on top of the namespace.
func TestBrowserNamespaceChromium(t *testing.T) {
	browsertest.Require(t, browsertest.ChromiumBinary)
	dir := buildHidden(t, "browser-ns")
	notes := buildHidden(t, "tab-notes")
	c := browsertest.StartChromium(t, dir, notes)
	id := c.ExtensionID(dir)
	ctx := context.Background()

	t.Run("popup", func(t *testing.T) {
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", pollText("out")))
		expect(t, got, map[string]any{
			"tabs":       true,
			"added":      1.0,
			"notes":      []any{"from the popup"},
			"stored":     1.0,
			"rejected":   "error: Error: no note 7",
			"unanswered": "undefined",
			"ping":       "pong",
			"menus":      map[string]any{"id": "note", "missing": "Cannot find menu item with id missing"},
			"arguments":  "error: TypeError: Expected at least 1 argument for contextMenus.remove(), got 0",
		})
		raw, err := c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", `typeof globalThis.browser`)
		if err != nil || string(raw) != `"undefined"` {
			t.Errorf("the popup's native browser namespace is not hidden: %s, %v", raw, err)
		}
	})
	t.Run("service worker", func(t *testing.T) {
		raw, err := c.EvalInServiceWorker(ctx, id, `typeof globalThis.browser`)
		if err != nil || string(raw) != `"undefined"` {
			t.Errorf("the service worker's native browser namespace is not hidden: %s, %v", raw, err)
		}
	})
	t.Run("content script", func(t *testing.T) {
		base := browsertest.ServeDir(t, t.TempDir())
		got := decodeResult(t)(c.EvalInPage(ctx, base+"/", pollText("browser-ns-result")))
		expect(t, got, map[string]any{"from": "background", "tab": true})
	})
	t.Run("tab-notes with getBackgroundPage", func(t *testing.T) {
		id := c.ExtensionID(notes)
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup/popup.html", pollText("out")))
		expect(t, got, map[string]any{
			"tabs":  true,
			"added": 2.0,
			"notes": []any{"installed", "popup opened"},
			"count": 2.0,
			"color": "yellow",
			"stats": map[string]any{"notes": 2.0, "last": "popup opened"},
		})
		raw, err := c.EvalInServiceWorker(ctx, id, `typeof globalThis.browser`)
		if err != nil || string(raw) != `"undefined"` {
			t.Errorf("the service worker's native browser namespace is not hidden: %s, %v", raw, err)
		}
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the service worker or pages: %q", errs)
		}
	})
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors in the service worker or pages: %q", errs)
	}
}
