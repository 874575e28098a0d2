package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// chromeFirstWant is what the side panel page of
// testdata/extensions/chrome-first shows in every browser: the HTML its
// offscreen document parsed (the second createDocument refused, as Chrome
// refuses it), the panel's path and the panel behaviour the background set.
var chromeFirstWant = map[string]any{
	"text":    "Hello there, reader",
	"second":  "Only a single offscreen document may be created.",
	"path":    "panel.html",
	"onClick": true,
}

// TestChromeFirstInChromium runs testdata/extensions/chrome-first, built for
// chrome, in Chromium: the baseline the Firefox build must match.
func TestChromeFirstInChromium(t *testing.T) {
	dir := filepath.Join(buildExample(t, "chrome-first"), "chrome")
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	got := decodeResult(t)(c.EvalInPage(context.Background(), "chrome-extension://"+id+"/panel.html", pollText("out")))
	expect(t, got, chromeFirstWant)
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors: %q", errs)
	}
}

// TestChromeFirstInFirefox builds testdata/extensions/chrome-first, a
// Chrome-first Manifest V3 extension without a gecko id, for firefox and
// runs it in Firefox: it installs as a temporary add-on, its service worker
// runs as background scripts (importScripts included), its offscreen
// document parses HTML with DOMParser in a frame of the background page,
// and its side panel is Firefox's sidebar; the side panel page gets the same
// answers as in Chromium.
func TestChromeFirstInFirefox(t *testing.T) {
	dir := filepath.Join(buildExample(t, "chrome-first"), "firefox")
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	addon, err := f.InstallAddon(ctx, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeResult(t)(f.EvalInPage(ctx, addon.URL("panel.html"), false, pollFirefox("out")))
	expect(t, got, chromeFirstWant)
	raw, err := f.EvalInPage(ctx, addon.URL("panel.html"), false, `resolve(await page.browser.sidebarAction.getPanel({}))`)
	if err != nil || string(raw) != `"`+addon.URL("panel.html")+`"` {
		t.Errorf("the sidebar's panel: %s, %v", raw, err)
	}
}
