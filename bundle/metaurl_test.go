package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMetaURL: a library module bundled into a service worker at the root
// keeps its own URL as import.meta.url, in the Chromium and the Firefox
// builds; the entry's own import.meta.url, which is the bundle's, is left
// alone when it does not say it.
func TestMetaURL(t *testing.T) {
	_, out := buildFor(t, filepath.Join("..", "testdata", "extensions", "meta-url"), "chrome,firefox")
	for _, target := range []string{"chrome", "firefox"} {
		files, err := filepath.Glob(filepath.Join(out, target, "*.js"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range files {
			code, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(code), "fetch(") {
				found = true
				if want := `new URL("words.json", new URL("/lib/words.js", import.meta.url).href)`; !strings.Contains(string(code), want) {
					t.Errorf("%s/%s does not find words.json with %s:\n%s", target, filepath.Base(f), want, code)
				}
			}
		}
		if !found {
			t.Errorf("%s: no output script holds the library", target)
		}
	}
}

// TestMetaURLTypeScript: a TypeScript module's import.meta.url is its own
// URL too, and the module still loads as TypeScript.
func TestMetaURLTypeScript(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "sw.js", "type": "module"}}`,
		"sw.js":         "import { dataURL } from \"./lib/data.ts\";\nself.url = dataURL();\n",
		"lib/data.ts":   "export function dataURL(): string {\n  return new URL(\"data.json\", import.meta.url).href;\n}\n",
		"lib/data.json": "{}\n",
	})
	_, out := buildFor(t, src, "chrome")
	code, err := os.ReadFile(filepath.Join(out, "chrome", "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `new URL("data.json", new URL("/lib/data.ts", import.meta.url).href)`; !strings.Contains(string(code), want) {
		t.Errorf("sw.js does not find data.json with %s:\n%s", want, code)
	}
	if strings.Contains(string(code), "): string") {
		t.Errorf("the TypeScript was not compiled:\n%s", code)
	}
}
