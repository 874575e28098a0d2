package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryPageIsAPage: an HTML file the manifest does not name is an
// extension page (its scripts compiled, the runtime script added where
// they use a shim), except a sandboxed one; what would be an error in a
// named page is a warning there.
func TestEveryPageIsAPage(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "p", "version": "1",
  "background": {"scripts": ["bg.js"]}, "sandbox": {"pages": ["sandbox.html"]},
  "browser_specific_settings": {"gecko": {"id": "p@example.com"}}}`,
		"bg.js":        "function foo() { return 1; }\n",
		"tab.html":     `<script src="tab.js"></script>`,
		"tab.js":       "chrome.extension.getBackgroundPage().foo();\n",
		"sandbox.html": `<script src="sandbox.js"></script>`,
		"sandbox.js":   "chrome.extension.getBackgroundPage();\n",
		"broken.html":  `<script src="missing.js"></script>`,
	})
	res, out := buildFor(t, src, "chrome")
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].String() != `broken.html:1:1: warning: the script "missing.js" does not exist; the page runs without it` {
		t.Errorf("diagnostics %v", res.Diagnostics)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, "chrome", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if tab := read("tab.html"); !strings.Contains(tab, RuntimeFile) {
		t.Errorf("tab.html does not load the runtime script:\n%s", tab)
	}
	if js := read("tab.js"); strings.Contains(js, "chrome.extension.getBackgroundPage") {
		t.Errorf("tab.js was not compiled with the shim:\n%s", js)
	}
	if sb := read("sandbox.html"); strings.Contains(sb, RuntimeFile) {
		t.Errorf("the sandboxed page was shimmed:\n%s", sb)
	}
	if !strings.Contains(read(BackgroundFile), handlerMark) {
		t.Errorf("the background lacks the fallback's handler")
	}
}
