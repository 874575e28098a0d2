package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSyntaxLeftAsWritten: a source declaring Firefox 49, whose let and
// const esbuild cannot lower for that version, builds: the code is left as
// written, with a note, not an error.
func TestSyntaxLeftAsWritten(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "o", "version": "1", "background": {"scripts": ["bg.js"]},
  "browser_specific_settings": {"gecko": {"id": "o@example.com", "strict_min_version": "49.0"}}}`,
		"bg.js": "let a = 1;\nconst b = 2;\nfunction sum() { return a + b; }\n",
	})
	res, out := buildFor(t, src, "firefox")
	want := "bg.js:1:1: info: esbuild cannot lower let, const for firefox 49, the range's oldest version, so the code is left as written, as the source has it"
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].String() != want {
		t.Errorf("diagnostics %v\nwant %s", res.Diagnostics, want)
	}
	code, _ := os.ReadFile(filepath.Join(out, "firefox", "bg.js"))
	if !strings.Contains(string(code), "let a = 1") {
		t.Errorf("bg.js:\n%s", code)
	}
}
