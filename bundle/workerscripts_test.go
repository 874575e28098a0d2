package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestWorkerToBackgroundScripts: for a target whose background is a page
// (Firefox), a classic service worker becomes background scripts, the
// scripts it imports first, each after its own imports; importScripts is a
// no-op there; a call with a computed argument is an error at its place.
func TestWorkerToBackgroundScripts(t *testing.T) {
	files := map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "w", "version": "1", "background": {"service_worker": "sw.js"},
  "browser_specific_settings": {"gecko": {"id": "w@example.com"}}}`,
		"sw.js":     "importScripts('lib/a.js', \"lib/b.js\");\nself.ready = true;\n",
		"lib/a.js":  "importScripts('lib/c.js');\nvar a = 1;\n",
		"lib/b.js":  "var b = 2;\n",
		"lib/c.js":  "var c = 3;\n",
		"unused.js": "",
	}
	qs, err := targets.ParseQueries("firefox,chrome")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: writeSource(t, files), OutDir: out, Targets: qs})
	if err != nil {
		t.Fatalf("%v: %v", err, res.Diagnostics)
	}
	m, err := os.ReadFile(filepath.Join(out, "firefox", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	want := `"scripts": [
      "webext-shim-background.js",
      "lib/c.js",
      "lib/a.js",
      "lib/b.js",
      "sw.js"
    ]`
	if !strings.Contains(string(m), want) {
		t.Errorf("firefox manifest:\n%s\nwant the scripts\n%s", m, want)
	}
	gen, _ := os.ReadFile(filepath.Join(out, "firefox", BackgroundFile))
	if !strings.Contains(string(gen), importScriptsNoop) {
		t.Errorf("%s does not make importScripts a no-op:\n%s", BackgroundFile, gen)
	}
	// Chromium keeps the service worker.
	if m, _ := os.ReadFile(filepath.Join(out, "chrome", ManifestFile)); !strings.Contains(string(m), `"service_worker"`) {
		t.Errorf("chrome manifest:\n%s", m)
	}

	files["sw.js"] = "const name = 'lib/b.js';\nimportScripts('lib/a.js');\n  importScripts(name);\n"
	qs, _ = targets.ParseQueries("firefox")
	res, err = Build(context.Background(), Options{Source: writeSource(t, files), OutDir: t.TempDir(), Targets: qs})
	if err == nil || len(res.Diagnostics) != 1 || res.Diagnostics[0].String() != `sw.js:3:3: error: importScripts() with arguments other than string literals cannot become Firefox's background scripts; call it with string literals, or list the scripts in "firefox:background": {"scripts": [...]}` {
		t.Errorf("dynamic importScripts: %v, %v", err, res.Diagnostics)
	}
}
