package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// metaURLWord is what testdata/extensions/meta-url's library reads from the
// file next to it, and its page shows.
const metaURLWord = `"found next to the module"`

// TestMetaURLChromium runs testdata/extensions/meta-url, built for chrome,
// in Chromium: the library, bundled into the service worker at the root,
// finds the file next to its own source path through import.meta.url.
func TestMetaURLChromium(t *testing.T) {
	dir := filepath.Join(buildExample(t, "meta-url"), "chrome")
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	raw, err := c.EvalInPage(context.Background(), "chrome-extension://"+id+"/check.html", pollText("out"))
	if err != nil || string(raw) != metaURLWord {
		t.Errorf("the page shows %s, %v; want %s", raw, err, metaURLWord)
	}
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors: %q", errs)
	}
}

// TestMetaURLFirefox runs the same extension, built for firefox, in Firefox.
func TestMetaURLFirefox(t *testing.T) {
	dir := filepath.Join(buildExample(t, "meta-url"), "firefox")
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	addon, err := f.InstallAddon(ctx, dir, false)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.EvalInPage(ctx, addon.URL("check.html"), false, pollFirefox("out"))
	if err != nil || string(raw) != metaURLWord {
		t.Errorf("the page shows %s, %v; want %s", raw, err, metaURLWord)
	}
}
