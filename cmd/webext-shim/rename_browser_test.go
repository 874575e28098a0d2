package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// TestFirefoxFirstInChromium builds testdata/extensions/firefox-first, a
// Manifest V2 extension written against Firefox's APIs (browserAction,
// menus with Firefox-only properties, extension.getURL,
// tabs.executeScript({file}), tabs.insertCSS({code}) and a notification
// without an icon), for chrome, and
// runs it in Chromium: the rename shims make every call work on Manifest V3,
// a content script written as a module runs, bundled into a classic
// script, a page the manifest does not name reaches the background through
// the getBackgroundPage fallback, and nothing is logged as an error.
func TestFirefoxFirstInChromium(t *testing.T) {
	out := buildExample(t, "firefox-first")
	dir := out + "/chrome"
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	ctx := context.Background()
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte("<!doctype html><title>site</title><body><p>a page</p></body>"), 0o644); err != nil {
		t.Fatal(err)
	}
	web := browsertest.ServeDir(t, site)

	t.Run("service worker", func(t *testing.T) {
		raw, err := c.EvalInServiceWorker(ctx, id, `(async () => {
  const tab = await chrome.tabs.create({ url: `+jsString(web+"/")+` });
  await new Promise((resolve) => {
    const done = (tabId, info) => {
      if (tabId === tab.id && info.status === "complete") {
        chrome.tabs.onUpdated.removeListener(done);
        resolve();
      }
    };
    chrome.tabs.onUpdated.addListener(done);
  });
  const results = await inject(tab.id);
  const again = await injectWithCallback(tab.id);
  const [{ result: page }] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: () => getComputedStyle(document.body).backgroundColor + "|" + document.body.dataset.injected,
  });
  await chrome.tabs.remove(tab.id);
  return JSON.stringify({ badge: await chrome.action.getBadgeText({}), popupURL, results, again, page, notified: await notified });
})()`)
		got := decodeText(t, raw, err)
		expect(t, got, map[string]any{
			"badge":    "ff",
			"popupURL": "chrome-extension://" + id + "/popup.html",
			"results":  []any{"site"},
			"again":    []any{"site"},
			"page":     "rgb(1, 2, 3)|yes",
			"notified": "hello",
		})
	})
	t.Run("module content script", func(t *testing.T) {
		raw, err := c.EvalInPage(ctx, web+"/", pollText("firefox-first-marker"))
		if err != nil || string(raw) != `"marked by /popup.html"` {
			t.Errorf("the module content script did not run: %s, %v", raw, err)
		}
	})
	t.Run("page opened at run time", func(t *testing.T) {
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/tab.html", pollText("out")))
		expect(t, got, map[string]any{"greeting": "hello tab"})
	})
	t.Run("popup", func(t *testing.T) {
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", pollText("out")))
		expect(t, got, map[string]any{"url": "chrome-extension://" + id + "/popup.html", "action": "function"})
	})
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors in the service worker or pages: %q", errs)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return strings.TrimSpace(string(b))
}

// TestSidebarInChromium builds testdata/extensions/sidebar, a Firefox
// sidebar_action extension, for chrome: Chromium has its panel as the side
// panel, the Firefox calls that switch and read the panel work, and the
// panel page runs without errors.
func TestSidebarInChromium(t *testing.T) {
	dir := buildExample(t, "sidebar") + "/chrome"
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	ctx := context.Background()
	raw, err := c.EvalInServiceWorker(ctx, id, `(async () => {
  const before = (await chrome.sidePanel.getOptions({})).path;
  await usePanel("sidebar/other.html");
  const after = await currentPanel();
  await usePanel(null);
  return JSON.stringify({ before, after, reset: await currentPanel() });
})()`)
	got := decodeText(t, raw, err)
	base := "chrome-extension://" + id + "/"
	expect(t, got, map[string]any{"before": "sidebar/panel.html", "after": base + "sidebar/other.html", "reset": base + "sidebar/panel.html"})
	panel := decodeResult(t)(c.EvalInPage(ctx, base+"sidebar/panel.html", pollText("out")))
	expect(t, panel, map[string]any{"panel": "notes", "id": "string"})
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors in the service worker or pages: %q", errs)
	}
}

// TestOldChromeExtension builds testdata/extensions/old-chrome, a Manifest
// V2 extension declaring Chrome 14 as its minimum, with const and let in its
// background: the build is for Chrome 88 on, the first that loads its
// Manifest V3 output (a note says so; nothing is lowered or warned about),
// writes that minimum, and the extension runs in Chromium.
func TestOldChromeExtension(t *testing.T) {
	src := filepath.Join("..", "..", "testdata", "extensions", "old-chrome")
	out := t.TempDir()
	code, stdout, stderr := runCmd("--target", "chrome", "-o", out, src)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if want := filepath.Join(src, "manifest.json") + `:6:29: info: "minimum_chrome_version" is "14", but chrome's output is Manifest V3, which Chrome loads from 88 on, so the build is for chrome 88-`; !strings.HasPrefix(stderr, want) || strings.Contains(stderr, ": warning:") || !strings.Contains(stderr, " 0 warnings") {
		t.Errorf("stderr:\n%s\nwant the note %q and no warning", stderr, want)
	}
	manifest, err := os.ReadFile(filepath.Join(out, "chrome", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(manifest), `"minimum_chrome_version": "88"`) {
		t.Errorf("manifest:\n%s", manifest)
	}
	dir := filepath.Join(out, "chrome")
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	raw, err := c.EvalInServiceWorker(context.Background(), id, `greet("old")`)
	if err != nil || string(raw) != `"hello old 1"` {
		t.Errorf("greet: %s, %v", raw, err)
	}
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors: %q", errs)
	}
}

// TestForeignCookies: cookies.get of a URL the extension has no host
// permission for resolves null in Firefox, and, built, in Chromium too
// (which rejects on its own), in the promise and the callback forms; the
// background's unguarded call logs no error.
func TestForeignCookies(t *testing.T) {
	out := buildExample(t, "foreign-cookies")
	want := map[string]any{"blank": "null", "foreign": "null", "callback": "null"}
	ctx := context.Background()
	t.Run("firefox", func(t *testing.T) {
		f := browsertest.StartFirefox(t)
		addon, err := f.InstallAddon(ctx, filepath.Join("..", "..", "testdata", "extensions", "foreign-cookies"), false)
		if err != nil {
			t.Fatal(err)
		}
		got := decodeResult(t)(f.EvalInPage(ctx, addon.URL("probe.html"), false, pollFirefox("out")))
		expect(t, got, want)
	})
	t.Run("chromium", func(t *testing.T) {
		dir := out + "/chrome"
		c := browsertest.StartChromium(t, dir)
		id := c.ExtensionID(dir)
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/probe.html", pollText("out")))
		expect(t, got, want)
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the service worker or pages: %q", errs)
		}
	})
}
