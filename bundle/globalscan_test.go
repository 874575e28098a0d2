package bundle

import (
	"context"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

func TestScanGlobalUses(t *testing.T) {
	want := func(id []byte) bool {
		return slices.Contains([]string{"document", "localStorage", "URL", "window"}, string(id))
	}
	cases := []struct {
		src  string
		uses []string // name.member@line:col
	}{
		{"document.title", []string{"document.title@1:1"}},
		{"x = localStorage;", []string{"localStorage@1:5"}},
		{"globalThis.localStorage.getItem('a')", []string{"localStorage.getItem@1:12"}},
		{"URL.createObjectURL(b)", []string{"URL.createObjectURL@1:1"}},
		{"new URL('x')", []string{"URL@1:5"}},
		{"foo.document; ({document: 1}); let document2;", nil},
		{"// document\n'document'; `document`; /document/", nil},
		{"if (typeof document !== 'undefined') document.title = 1;", nil},
		{"const w = window;\n  w.x = 1;", []string{"window@1:11"}},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			var got []string
			for _, u := range scanGlobalUses([]byte(c.src), want) {
				s := u.Name
				if u.Member != "" {
					s += "." + u.Member
				}
				got = append(got, s+"@"+itoa(u.Line)+":"+itoa(u.Column))
			}
			if !reflect.DeepEqual(got, c.uses) {
				t.Errorf("got %q, want %q", got, c.uses)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWorkerGaps: Window-only globals in a background that becomes a
// service worker are reported at their positions, for that target only;
// pages and content scripts are not checked.
func TestWorkerGaps(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "w", "version": "1",
  "background": {"scripts": ["bg.js"]}, "options_ui": {"page": "options.html"},
  "browser_specific_settings": {"gecko": {"id": "w@example.com"}}}`,
		"bg.js":        "const doc = new DOMParser().parseFromString('<p>', 'text/html');\n  localStorage.setItem('k', 'v');\nconst x = new XMLHttpRequest();\n",
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
