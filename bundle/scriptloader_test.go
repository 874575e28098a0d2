package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServiceWorkerLoader: for Chromium, the scripts of a background page
// are loaded one by one (an error in one is reported and the next runs, as
// in the page), while a source that is a service worker already is loaded
// with one importScripts call, where an error stops the worker as it does
// in the source.
func TestServiceWorkerLoader(t *testing.T) {
	for _, tc := range []struct {
		name, background, want string
	}{
		{"background scripts", `{"scripts": ["a.js", "b.js"]}`, `for (const script of ["/a.js", "/b.js"]) {`},
		{"service worker", `{"service_worker": "a.js"}`, `importScripts("/a.js");`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := t.TempDir()
			for name, text := range map[string]string{
				"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": ` + tc.background + `}`,
				"a.js":          "browser.runtime.onInstalled.addListener(() => {});\n",
				"b.js":          "self.b = 1;\n",
			} {
				if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, out := buildFor(t, src, "chrome")
			loader, err := os.ReadFile(filepath.Join(out, "chrome", BackgroundFile))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(loader), tc.want) {
				t.Errorf("the service worker does not load the scripts with %s:\n%s", tc.want, loader)
			}
			if tc.name == "service worker" && strings.Contains(string(loader), "reportError") {
				t.Errorf("a source service worker is loaded one script at a time:\n%s", loader)
			}
		})
	}
}
