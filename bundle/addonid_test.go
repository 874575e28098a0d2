package bundle

import (
	"strings"
	"testing"
)

// TestStorageSyncWithoutAddonID: storage.sync in a Firefox output without
// an add-on id is a warning at its first use in each file; with an id, or
// on Chrome, or for storage.local, there is none.
func TestStorageSyncWithoutAddonID(t *testing.T) {
	const want = "storage.sync needs an add-on id in Firefox"
	code := "chrome.storage.local.get('a');\nchrome.storage.sync.get('a');\nchrome.storage.sync.set({a: 1});\n"
	id := `, "browser_specific_settings": {"gecko": {"id": "a@example.com"}}`
	for _, c := range []struct {
		name, target, extra string
		want                []string
	}{
		{"firefox without id", "firefox", "", []string{"bg.js:2:1"}},
		{"firefox with id", "firefox", id, nil},
		{"chrome", "chrome", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{
				ManifestFile: `{"manifest_version": 3, "name": "a", "version": "1", "permissions": ["storage"],
  "background": {"scripts": ["bg.js"], "service_worker": "bg.js"}` + c.extra + `}`,
				"bg.js": code,
			})
			res, _ := buildFor(t, src, c.target)
			var got []string
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Message, want) {
					got = append(got, d.String()[:len("bg.js:2:1")])
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("warnings at %q, want %q; diagnostics:\n%v", got, c.want, res.Diagnostics)
			}
		})
	}
}
