package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestModuleContentScript: a content script written as a module becomes one
// classic script with what it imports; the library it imports is not
// copied; classic content scripts stay as they are.
func TestModuleContentScript(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "m", "version": "1",
  "content_scripts": [{"matches": ["<all_urls>"], "js": ["first.js", "cs.js"]}]}`,
		"first.js":    "var shared = 1;\n",
		"cs.js":       "import { mark } from './lib/mark.js';\nmark(shared);\n",
		"lib/mark.js": "export function mark(v) { document.title = String(v); }\n",
	})
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs}); err != nil {
		t.Fatalf("%v: %v", err, res.Diagnostics)
	}
	for _, browser := range []string{"chrome", "firefox"} {
		cs, err := os.ReadFile(filepath.Join(out, browser, "cs.js"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(cs), "import") || !strings.Contains(string(cs), "document.title") || !strings.HasPrefix(strings.TrimSpace(string(cs)), "(() => {") {
			t.Errorf("%s: cs.js is not one classic script with its imports:\n%s", browser, cs)
		}
		if _, err := os.Stat(filepath.Join(out, browser, "lib", "mark.js")); !os.IsNotExist(err) {
			t.Errorf("%s: lib/mark.js, which only the bundle needs, was copied", browser)
		}
		first, _ := os.ReadFile(filepath.Join(out, browser, "first.js"))
		if !strings.Contains(string(first), "var shared = 1") {
			t.Errorf("%s: the classic content script changed:\n%s", browser, first)
		}
	}
}
