package devloop

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

// TestSourceMaps compiles a script with esbuild, as a build does, and maps
// positions of the output back to the source through the .map file.
func TestSourceMaps(t *testing.T) {
	src := "// a comment the output drops\n\nfunction fail() {\n  throw new Error(\"boom\");\n}\nfail();\n"
	res := api.Build(api.BuildOptions{
		Stdin:     &api.StdinOptions{Contents: src, Sourcefile: "background.js"},
		Outfile:   "/out/lib/background.js",
		Sourcemap: api.SourceMapExternal,
		Write:     false,
	})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors)
	}
	dir := t.TempDir()
	for _, f := range res.OutputFiles {
		p := filepath.Join(dir, "lib", filepath.Base(f.Path))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, f.Contents, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	maps := newSourceMaps(dir)
	for _, tc := range []struct {
		name      string
		url       string
		line, col int
		want      Position
		ok        bool
	}{
		// Output line 2 is "  throw new Error(...)"; column 9 is "new".
		{"throw", "chrome-extension://abc/lib/background.js", 2, 9, Position{"lib/background.js", 4, 9}, true},
		{"call", "moz-extension://abc/lib/background.js", 4, 1, Position{"lib/background.js", 6, 1}, true},
		{"no map", "chrome-extension://abc/lib/other.js", 1, 1, Position{}, false},
		{"another extension", "chrome-extension://xyz/lib/background.js", 2, 9, Position{}, false},
		{"a web page", "https://abc/lib/background.js", 2, 9, Position{}, false},
		{"no line", "chrome-extension://abc/lib/background.js", 0, 0, Position{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := outputPath(tc.url, "abc")
			got, ok := Position{}, false
			if p != "" {
				got, ok = maps.source(p, tc.line, tc.col)
			}
			if ok != tc.ok || got != tc.want {
				t.Errorf("source(%q, %d, %d) = %+v, %v; want %+v, %v", tc.url, tc.line, tc.col, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestPageOf(t *testing.T) {
	for _, tc := range []struct {
		name, manifest, which, want string
		fails                       bool
	}{
		{"action popup", `{"action": {"default_popup": "popup.html"}}`, "popup", "popup.html", false},
		{"browser_action popup", `{"browser_action": {"default_popup": "/ui/popup.html"}}`, "popup", "ui/popup.html", false},
		{"page_action popup", `{"page_action": {"default_popup": "p.html"}}`, "popup", "p.html", false},
		{"options_ui", `{"options_ui": {"page": "options.html"}, "options_page": "old.html"}`, "options", "options.html", false},
		{"options_page", `{"options_page": "old.html"}`, "options", "old.html", false},
		{"no popup", `{"options_page": "old.html"}`, "popup", "", true},
		{"unknown page", `{}`, "sidebar", "", true},
		{"bad manifest", `{`, "popup", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := pageOf([]byte(tc.manifest), tc.which)
			if (err != nil) != tc.fails || got != tc.want {
				t.Errorf("pageOf(%s, %q) = %q, %v; want %q, fails %v", tc.manifest, tc.which, got, err, tc.want, tc.fails)
			}
		})
	}
}
