package bundle

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConvertPermissions: permissions and manifest keys the target does not
// know are dropped with a warning at their position (the browser would
// ignore them with a warning of its own); those it knows, under their name or
// another, stay; a Manifest V3 output lists host patterns under the host
// permission keys.
func TestConvertPermissions(t *testing.T) {
	tests := []struct {
		name, target, manifest string
		// want is the output's permission lists and the keys checked.
		want map[string][]string
		// gone are top-level keys or web_accessible_resources members that
		// must be dropped.
		gone  []string
		warns []string
	}{
		{
			name:   "Firefox-only permissions on chrome",
			target: "chrome",
			manifest: `{"manifest_version": 2, "name": "a", "version": "1",
  "permissions": ["theme", "find", "tabs", "<all_urls>", "search"],
  "optional_permissions": ["contextualIdentities"]}`,
			want: map[string][]string{"permissions": {"tabs", "search"}, "host_permissions": {"<all_urls>"}, "optional_permissions": {}},
			warns: []string{
				`manifest.json:2:19: warning: permission "theme" is not known to chrome`,
				`manifest.json:2:28: warning: permission "find" is not known to chrome`,
				`manifest.json:3:28: warning: permission "contextualIdentities" is not known to chrome`,
			},
		},
		{
			name:   "host patterns in an MV3 source's permission lists on chrome",
			target: "chrome",
			manifest: `{"manifest_version": 3, "name": "a", "version": "1",
  "permissions": ["storage", "https://example.com/*"],
  "optional_host_permissions": ["*://*/"], "optional_permissions": ["*://*/"]}`,
			want: map[string][]string{"permissions": {"storage"}, "host_permissions": {"https://example.com/*"},
				"optional_permissions": {}, "optional_host_permissions": {"*://*/"}},
		},
		{
			name:   "a key Chromium has on some platforms only",
			target: "chrome",
			manifest: `{"manifest_version": 2, "name": "a", "version": "1",
  "chrome_settings_overrides": {"search_provider": {"name": "a", "search_url": "https://a.example/?q={searchTerms}", "is_default": false}}}`,
			warns: []string{`manifest.json:2:3: warning: manifest key "chrome_settings_overrides" is partly supported by chrome 131-157+: Available on macOS and Windows only.`},
		},
		{
			name:   "Chrome-only permissions and keys on firefox",
			target: "firefox",
			manifest: `{"manifest_version": 3, "name": "a", "version": "1", "key": "MIIB",
  "permissions": ["favicon", "tabCapture", "storage", "menus", "userScripts", "commands", "menus.overrideContext"],
  "trial_tokens": ["t"], "oauth2": {"client_id": "x", "scopes": []},
  "web_accessible_resources": [{"resources": ["a.png"], "matches": ["<all_urls>"], "use_dynamic_url": true, "use_dynamic_urls": true}],
  "browser_specific_settings": {"gecko": {"id": "a@example.com"}}}`,
			want: map[string][]string{"permissions": {"storage", "menus", "menus.overrideContext"}, "optional_permissions": {"userScripts"}},
			gone: []string{"key", "trial_tokens", "oauth2", "use_dynamic_url"},
			warns: []string{
				`manifest.json:1:54: warning: manifest key "key" is not supported by firefox`,
				`manifest.json:2:19: warning: permission "favicon" is not known to firefox`,
				`manifest.json:2:30: warning: permission "tabCapture" is not known to firefox`,
				`manifest.json:2:79: warning: permission "commands" is not known to firefox`,
				`manifest.json:2:64: warning: permission "userScripts" is optional-only in Firefox: moved to optional_permissions`,
				`manifest.json:3:3: warning: manifest key "trial_tokens" is not supported by firefox`,
				`manifest.json:3:26: warning: manifest key "oauth2" is not supported by firefox`,
				`manifest.json:4:84: warning: manifest key "web_accessible_resources.use_dynamic_url" is not supported by firefox`,
				`manifest.json:4:109: warning: manifest key "use_dynamic_urls" is not one Firefox knows in web_accessible_resources (misspelled?)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{ManifestFile: tt.manifest})
			res, out := buildFor(t, src, tt.target)
			data, err := os.ReadFile(filepath.Join(out, tt.target, ManifestFile))
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			for key, want := range tt.want {
				var got []string
				list, _ := m[key].([]any)
				for _, p := range list {
					got = append(got, p.(string))
				}
				if len(got) != len(want) || len(want) > 0 && !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			for _, key := range tt.gone {
				if strings.Contains(string(data), `"`+key+`"`) {
					t.Errorf("%q kept:\n%s", key, data)
				}
			}
			var diags []string
			for _, d := range res.Diagnostics {
				diags = append(diags, d.String())
			}
			for _, w := range tt.warns {
				found := false
				for _, d := range diags {
					found = found || strings.HasPrefix(d, w)
				}
				if !found {
					t.Errorf("no diagnostic %q in\n%s", w, strings.Join(diags, "\n"))
				}
			}
			for _, d := range diags {
				if strings.Contains(d, ": warning: ") && !strings.Contains(d, "gecko.id is missing") && !slices.ContainsFunc(tt.warns, func(w string) bool { return strings.HasPrefix(d, w) }) {
					t.Errorf("unexpected diagnostic %s", d)
				}
			}
		})
	}
}
