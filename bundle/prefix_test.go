package bundle

import (
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

func TestSpecialise(t *testing.T) {
	tests := []struct {
		name    string
		browser string
		in      string
		want    string
		diag    string
	}{
		{"plain kept", "chrome", `{"a": 1}`, `{"a": 1}`, ""},
		{"browser wins over plain", "firefox", `{"a": 1, "firefox:a": 2}`, `{"a": 2}`, ""},
		{"family wins over plain", "firefox", `{"gecko:a": 3, "a": 1}`, `{"a": 3}`, ""},
		{"browser wins over family", "edge", `{"chromium:a": 1, "edge:a": 2, "a": 0}`, `{"a": 2}`, ""},
		{"other browsers dropped", "chrome", `{"a": 1, "firefox:a": 2, "safari:b": 3}`, `{"a": 1}`, ""},
		{"place of the first spelling", "chrome", `{"x": 0, "chrome:a": 1, "y": 0, "a": 2}`, `{"x": 0, "a": 1, "y": 0}`, ""},
		{"prefixed key alone", "safari-ios", `{"webkit:a": 1}`, `{"a": 1}`, ""},
		{"BCD spelling of a browser", "firefox-android", `{"firefox_android:a": 1, "a": 0}`, `{"a": 1}`, ""},
		{"nested", "firefox", `{"action": {"default_title": "x", "firefox:default_title": "y"}}`, `{"action": {"default_title": "y"}}`, ""},
		{"inside arrays", "chrome", `{"c": [{"js": ["a.js"], "chromium:js": ["b.js"]}]}`, `{"c": [{"js": ["b.js"]}]}`, ""},
		{"prefixed value specialised too", "chrome", `{"chrome:b": {"gecko:x": 1, "x": 2}}`, `{"b": {"x": 2}}`, ""},
		{"unknown prefix near a browser", "chrome", `{"firefx:a": 1}`, `{"firefx:a": 1}`, `key "firefx:a": "firefx" is not a browser or family prefix (did you mean "firefox:"?)`},
		{"unknown prefix near a family", "chrome", `{"chromiums:a": 1}`, `{"chromiums:a": 1}`, `did you mean "chromium:"?`},
		{"colon in an ordinary key", "chrome", `{"commands": {"run:now": {}}}`, `{"commands": {"run:now": {}}}`, ""},
		{"upper-case prefix is no prefix", "chrome", `{"Firefox:a": 1}`, `{"Firefox:a": 1}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := targets.LookupBrowser(tt.browser)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonc.Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			diags := specialise(v, b, ManifestFile)
			want, err := jsonc.Parse([]byte(tt.want))
			if err != nil {
				t.Fatal(err)
			}
			if got := string(v.Encode()); got != string(want.Encode()) {
				t.Errorf("got %s, want %s", got, want.Encode())
			}
			var msgs []string
			for _, d := range diags {
				msgs = append(msgs, d.String())
			}
			all := strings.Join(msgs, "\n")
			if tt.diag == "" && all != "" || !strings.Contains(all, tt.diag) {
				t.Errorf("diagnostics %q, want %q", all, tt.diag)
			}
		})
	}
}

func TestManifestMinimumAndChromiumVersion(t *testing.T) {
	for _, tt := range []struct {
		list, manifest, want string
	}{
		{"chrome", `{"manifest_version": 3, "name": "x", "version": "1", "minimum_chrome_version": "140"}`, `"minimum_chrome_version": "140"`},
		{"chrome@135", `{"manifest_version": 3, "name": "x", "version": "1"}`, `"minimum_chrome_version": "135"`},
		// Opera 120 is Chromium 135 (BCD's engine_version).
		{"opera@120", `{"manifest_version": 3, "name": "x", "version": "1"}`, `"minimum_chrome_version": "135"`},
		{"firefox", `{"manifest_version": 2, "name": "x", "version": "1", "browser_specific_settings": {"gecko": {"id": "a@b", "strict_min_version": "140.0"}}}`, `"strict_min_version": "140.0"`},
		{"firefox-android@128", `{"manifest_version": 2, "name": "x", "version": "1", "browser_specific_settings": {"gecko": {"id": "a@b"}}}`, `"gecko_android": {
      "strict_min_version": "128.0"`},
		{"safari@17.4", `{"manifest_version": 3, "name": "x", "version": "1"}`, `"strict_min_version": "17.4"`},
	} {
		t.Run(tt.list, func(t *testing.T) {
			src := writeSource(t, map[string]string{"manifest.json": tt.manifest})
			qs, err := targets.ParseQueries(tt.list)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			res, err := Build(t.Context(), Options{Source: src, OutDir: out, Targets: qs})
			if err != nil {
				t.Fatalf("%v %v", err, res.Diagnostics)
			}
			m := readOutput(t, out, qs[0].Browser.Name, ManifestFile)
			if !strings.Contains(m, tt.want) {
				t.Errorf("manifest lacks %s:\n%s", tt.want, m)
			}
		})
	}
}
