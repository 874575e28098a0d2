package bundle

import (
	"strings"
	"testing"
)

// TestSidePanelWithoutDefaultPath: a source that sets its side panel only
// at run time (sidePanel.setOptions, no side_panel key) gets, on Firefox, a
// warning that the sidebar standing in for it needs a default panel; with
// side_panel.default_path it gets none, and on Chromium neither.
func TestSidePanelWithoutDefaultPath(t *testing.T) {
	const want = "sidePanel is used, and the manifest has no side_panel.default_path"
	bg := "chrome.sidePanel.setOptions({path: 'a.html'});\n"
	for _, c := range []struct {
		name, target, extra string
		warn                bool
	}{
		{"firefox without side_panel", "firefox", "", true},
		{"firefox with side_panel", "firefox", `, "side_panel": {"default_path": "a.html"}`, false},
		{"chrome without side_panel", "chrome", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{
				ManifestFile: `{"manifest_version": 3, "name": "a", "version": "1", "permissions": ["sidePanel"],
  "background": {"service_worker": "bg.js"}` + c.extra + `}`,
				"bg.js":  bg,
				"a.html": "<!doctype html><p>a</p>",
			})
			res, _ := buildFor(t, src, c.target)
			got := false
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Message, want) {
					got = true
					if d.File != ManifestFile || d.Severity != Warning {
						t.Errorf("diagnostic %s, want a warning in %s", d, ManifestFile)
					}
				}
			}
			if got != c.warn {
				t.Errorf("warned %v, want %v; diagnostics:\n%v", got, c.warn, res.Diagnostics)
			}
		})
	}
}
