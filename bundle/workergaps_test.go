package bundle

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestWorkerGaps: Window-only globals in a background that becomes a
// service worker are reported at their positions, for that target only;
// pages and content scripts are not checked, nor a local binding of the
// name (a parameter called document).
func TestWorkerGaps(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "w", "version": "1",
  "background": {"scripts": ["bg.js"]}, "options_ui": {"page": "options.html"},
  "browser_specific_settings": {"gecko": {"id": "w@example.com"}}}`,
		"bg.js":        "const doc = new DOMParser().parseFromString('<p>', 'text/html');\n  localStorage.setItem('k', 'v');\nconst x = new XMLHttpRequest();\nfunction isLink(document) { return document.nodeName === 'A'; }\n",
		"options.html": `<script src="options.js"></script>`,
		"options.js":   "document.title = localStorage.getItem('k');\n",
	})
	for _, c := range []struct {
		list string
		want []string
	}{
		{"chrome", []string{
			"bg.js:1:17: warning: DOMParser is not available in chrome's service-worker background: parse in an offscreen document (offscreen.createDocument)",
			"bg.js:2:3: warning: localStorage is not available in chrome's service-worker background: use storage.local",
			"bg.js:3:15: warning: XMLHttpRequest is not available in chrome's service-worker background: use fetch",
		}},
		{"firefox", nil},
	} {
		t.Run(c.list, func(t *testing.T) {
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := Build(context.Background(), Options{Source: src, Targets: qs, DryRun: true})
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
