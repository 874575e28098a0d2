package bundle

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
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
