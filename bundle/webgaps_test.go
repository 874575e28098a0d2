package bundle

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestWebAPIGaps: device APIs Firefox lacks are reported where any
// context uses them, on Firefox only; a local named navigator is not the
// global.
func TestWebAPIGaps(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "w", "version": "1", "action": {"default_popup": "popup.html"},
  "browser_specific_settings": {"gecko": {"id": "w@example.com"}}}`,
		"popup.html": `<script src="popup.js"></script>`,
		"popup.js":   "navigator.hid.addEventListener('connect', () => {});\nconst ports = navigator.serial;\nfunction f(navigator) { return navigator.usb; }\nnavigator.clipboard.writeText('a');\n",
	})
	for _, c := range []struct {
		list string
		want []string
	}{
		{"firefox", []string{
			"popup.js:1:1: warning: navigator.hid (WebHID) is not available on firefox",
			"popup.js:2:15: warning: navigator.serial (Web Serial) is not available on firefox",
		}},
		{"chrome", nil},
	} {
		t.Run(c.list, func(t *testing.T) {
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := Build(context.Background(), Options{Source: src, Targets: qs, DryRun: true})
			var got []string
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Message, "navigator") {
					got = append(got, d.String())
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
