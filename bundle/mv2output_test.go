package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestManifestV3SourceForManifestV2Range: a Manifest V3 source built for a
// Firefox range that loads no Manifest V3 becomes Manifest V2 output, its
// action the browserAction of Manifest V2, in the manifest and the code.
func TestManifestV3SourceForManifestV2Range(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "a", "version": "1",
  "background": {"scripts": ["bg.js"]}, "action": {"default_title": "A"},
  "browser_specific_settings": {"gecko": {"id": "a@example.com"}}}`,
		"bg.js": "chrome.action.setBadgeText({text: '1'});\nbrowser.action.onClicked.addListener(() => {});\n",
	})
	for _, c := range []struct {
		list       string
		mv         int
		key, calls string
	}{
		{"firefox>=100 <109", 2, `"browser_action"`, "browserAction"},
		{"firefox>=115", 3, `"action"`, "chrome.action.setBadgeText"},
	} {
		t.Run(c.list, func(t *testing.T) {
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs})
			if err != nil {
				t.Fatalf("%v: %v", err, res.Diagnostics)
			}
			if mv := res.Targets[0].ManifestVersion; mv != c.mv {
				t.Errorf("manifest version %d, want %d", mv, c.mv)
			}
			m, _ := os.ReadFile(filepath.Join(out, "firefox", ManifestFile))
			if !strings.Contains(string(m), c.key+": {") {
				t.Errorf("manifest:\n%s\nwant the key %s", m, c.key)
			}
			var code string
			for _, f := range res.Targets[0].Files {
				if strings.HasSuffix(f.Path, ".js") {
					b, _ := os.ReadFile(filepath.Join(out, "firefox", f.Path))
					code += string(b)
				}
			}
			if !strings.Contains(code, c.calls) {
				t.Errorf("the output's scripts do not use %s:\n%s", c.calls, code)
			}
		})
	}
}
