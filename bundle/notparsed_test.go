package bundle

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestClassicScriptNotParsed: a classic script with a syntax error (as the
// vendored, hand-broken library of a real extension has) is copied as
// written with a warning at the error on every target; with Strict the
// build fails at the same place and writes nothing.
func TestClassicScriptNotParsed(t *testing.T) {
	broken := "const wrap = (m) => {add(t, l) { t.add(m.get(l)); }};\n"
	src := t.TempDir()
	for name, text := range map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "x", "version": "1", "background": {"scripts": ["vendor.js", "bg.js"]}, "browser_action": {"default_popup": "popup.html"}, "browser_specific_settings": {"gecko": {"id": "x@example.org"}}}`,
		"vendor.js":     broken,
		"bg.js":         "browser.runtime.onMessage.addListener(() => {});\n",
		"popup.html":    "<!doctype html>\n<script src=\"vendor.js\"></script>\n<script src=\"popup.js\"></script>\n",
		"popup.js":      "document.body.textContent = \"ok\";\n",
	} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, target := range []string{"chrome", "firefox"} {
		t.Run(target, func(t *testing.T) {
			res, out := buildFor(t, src, target)
			var found []Diagnostic
			for _, d := range res.Diagnostics {
				if d.File == "vendor.js" {
					found = append(found, d)
				}
			}
			if len(found) != 1 || found[0].Severity != Warning || found[0].Line != 1 || found[0].Column != 32 ||
				!strings.Contains(found[0].Message, "copied as written") {
				t.Errorf("vendor.js diagnostics %v, want one warning at 1:32 that the script is copied as written", found)
			}
			got, err := os.ReadFile(filepath.Join(out, target, "vendor.js"))
			if err != nil || string(got) != broken {
				t.Errorf("output vendor.js = %q, %v; want the source as written", got, err)
			}
		})
	}
	t.Run("strict", func(t *testing.T) {
		qs, _ := targets.ParseQueries("chrome")
		out := t.TempDir()
		res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs, Strict: true})
		if !errors.Is(err, ErrFailed) {
			t.Fatalf("err = %v, want ErrFailed", err)
		}
		if len(res.Diagnostics) == 0 || res.Diagnostics[0].File != "vendor.js" || res.Diagnostics[0].Severity != Error || res.Diagnostics[0].Line != 1 || res.Diagnostics[0].Column != 32 {
			t.Errorf("diagnostics %v, want an error at vendor.js:1:32", res.Diagnostics)
		}
		if _, err := os.Stat(filepath.Join(out, "chrome")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed strict build wrote %s/chrome (%v)", out, err)
		}
	})
}

// TestNotParsedOldMinimum: a classic script with syntax esbuild cannot
// lower for the range's oldest version and a syntax error besides gets one
// warning, at the syntax error, and no note or warning about the lowering.
func TestNotParsedOldMinimum(t *testing.T) {
	src := t.TempDir()
	for name, text := range map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "x", "version": "1", "background": {"scripts": ["bg.js"]}, "browser_specific_settings": {"gecko": {"id": "x@example.org", "strict_min_version": "49.0"}}}`,
		"bg.js":         "let a = 1;\nconst b = ;\n",
	} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, _ := buildFor(t, src, "firefox")
	var got []string
	for _, d := range res.Diagnostics {
		if d.File == "bg.js" {
			got = append(got, d.String())
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "bg.js:2:11: warning: Unexpected \";\"") {
		t.Errorf("bg.js diagnostics %q, want only the syntax error at 2:11", got)
	}
}
