package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// TestCSSThemeInChromium builds testdata/extensions/css-theme, a Firefox
// static theme with CSS colour strings, for chrome and loads it into
// Chromium with a probe extension that lists the installed extensions
// (management.getAll): the theme is there, installed as a theme. Without
// the conversion of its colours Chromium refuses to load it.
func TestCSSThemeInChromium(t *testing.T) {
	theme := filepath.Join(buildExample(t, "css-theme"), "chrome")
	probe := t.TempDir()
	files := map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "probe", "version": "1", "permissions": ["management"], "background": {"service_worker": "sw.js"}}`,
		"sw.js":         "// Lists the installed extensions for the test.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(probe, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := browsertest.StartChromium(t, probe, theme)
	id := c.ExtensionID(probe)
	raw, err := c.EvalInServiceWorker(context.Background(), id,
		`chrome.management.getAll().then((all) => JSON.stringify(all.filter((e) => e.name === "CSS theme").map((e) => ({type: e.type, enabled: e.enabled}))))`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(raw), `"[{\"type\":\"theme\",\"enabled\":true}]"`; got != want {
		t.Errorf("the theme in Chromium: %s, want %s", got, want)
	}
}
