package bundle

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestMissingScriptsFirefox: background scripts the source lacks are a
// warning for Firefox, which loads such an extension, and the output lists
// them as the source does, so that Firefox does with the output what it
// does with the source (it logs "Loading failed" and runs the others).
func TestMissingScriptsFirefox(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "x", "version": "1", "browser_specific_settings": {"gecko": {"id": "x@example.org"}},
  "background": {"scripts": ["dist/background.js", "bg.js"]}}`,
		"bg.js": "self.ok = 1;\n",
	})
	res, out := buildFor(t, src, "firefox")
	warned := false
	for _, d := range res.Diagnostics {
		warned = warned || d.Severity == Warning && d.File == ManifestFile && d.Line == 2 && d.Column == 30
	}
	if !warned {
		t.Errorf("no warning at manifest.json:2:30: %v", res.Diagnostics)
	}
	data, err := os.ReadFile(filepath.Join(out, "firefox", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Background struct {
			Scripts []string `json:"scripts"`
		} `json:"background"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if want := []string{"dist/background.js", "bg.js"}; !reflect.DeepEqual(m.Background.Scripts, want) {
		t.Errorf("background.scripts = %q, want %q as in the source", m.Background.Scripts, want)
	}
}

// TestMissingServiceWorkerFirefox: a Chrome-first source whose service
// worker the source lacks (an npm build not run yet) builds for Firefox,
// where the worker becomes a background script that Firefox fails to load
// as it would the source's, with a warning; Chromium refuses it.
func TestMissingServiceWorkerFirefox(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "dist/sw.js"}}`,
	})
	_, out := buildFor(t, src, "firefox")
	data, err := os.ReadFile(filepath.Join(out, "firefox", ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Background map[string]any `json:"background"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if want := map[string]any{"scripts": []any{"dist/sw.js"}}; !reflect.DeepEqual(m.Background, want) {
		t.Errorf("background = %v, want %v", m.Background, want)
	}
	qs, _ := targets.ParseQueries("chrome")
	if _, err := Build(context.Background(), Options{Source: src, OutDir: t.TempDir(), Targets: qs}); !errors.Is(err, ErrFailed) {
		t.Errorf("the chrome build: err = %v, want ErrFailed", err)
	}
}
