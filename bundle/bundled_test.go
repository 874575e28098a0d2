package bundle

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestBundledOnlyNotCopied checks which modules a build leaves out of the
// output because the bundles hold their code, and which it keeps because
// something loads them by URL at run time.
func TestBundledOnlyNotCopied(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1",
			"browser_specific_settings": {"gecko": {"id": "x@example.com"}},
			"background": {"service_worker": "bg.js", "type": "module"},
			"action": {"default_popup": "popup.html"},
			"web_accessible_resources": [{"resources": ["lib/war*"], "matches": ["<all_urls>"]}]}`,
		"bg.js": "import { a } from \"./lib/a.js\";\nimport { b } from './lib/b.js';\nimport { w } from \"./lib/war-x.js\";\n" +
			"chrome.scripting.executeScript({ target: { tabId: 1 }, files: [\"lib/b.js\"] });\n" +
			"import(\"./lib/lazy.js\").then(() => a + b + w);\n",
		"popup.html":    `<!doctype html><script type="module" src="popup.js"></script>`,
		"popup.js":      "import { a } from \"./lib/a.js\";\nimport { only } from \"./lib/only.js\";\nimport { helper } from './lib/helper.js';\nnew Worker(\"worker.js\");\nhelper(a + only);\n",
		"lib/a.js":      "export const a = 1;\n",
		"lib/b.js":      "export const b = 2;\n",
		"lib/war-x.js":  "export const w = 3;\n",
		"lib/lazy.js":   "export const lazy = 4;\n",
		"lib/helper.js": "export const helper = (x) => x;\n",
		"worker.js":     "import { a } from './lib/a.js';\nself.onmessage = () => a;\n",
		"lib/unused.js": "export const unused = 5;\n",
		"lib/only.js":   "export const only = 6;\n",
		"images/x.json": "{}",
	})
	_, out := build(t, src, "chrome,firefox", Options{})
	for _, browser := range []string{"chrome", "firefox"} {
		for _, tt := range []struct {
			rel  string
			want bool
			why  string
		}{
			{"lib/a.js", true, "imported by worker.js, which is copied as is"},
			{"lib/helper.js", false, "imported by a bundled module only"},
			{"lib/only.js", false, "imported by a bundled module only"},
			{"lib/lazy.js", false, "a dynamic import with a literal: bundled"},
			{"lib/b.js", true, "named by executeScript's files"},
			{"lib/war-x.js", true, "covered by web_accessible_resources"},
			{"worker.js", true, "named by new Worker: loaded by URL (not an entry, so copied as is)"},
			{"lib/unused.js", true, "imported by nothing: copied like any file"},
			{"images/x.json", true, "not a script"},
		} {
			_, err := os.Stat(filepath.Join(out, browser, filepath.FromSlash(tt.rel)))
			if got := err == nil; got != tt.want {
				t.Errorf("%s: %s copied = %v, want %v (%s)", browser, tt.rel, got, tt.want, tt.why)
			}
		}
	}
}

func TestScriptLiterals(t *testing.T) {
	tests := []struct {
		name string
		code string
		want []string
	}{
		{"static import", `import { a } from "./a.js";`, nil},
		{"bare import", `import "./side.js";`, nil},
		{"re-export", `export * from './b.mjs';`, nil},
		{"dynamic import", `import ( "./lazy.js" )`, nil},
		{"executeScript", `chrome.scripting.executeScript({files: ["lib/x.js", 'y.ts']})`, []string{"lib/x.js", "y.ts"}},
		{"worker", "new Worker(`w.js`)", []string{"w.js"}},
		{"an identifier ending in import", `reimport("./x.js")`, []string{"./x.js"}},
		{"not a script", `fetch("data.json")`, nil},
		{"html attribute", `<script src="popup.js"></script>`, []string{"popup.js"}},
		{"unterminated quote", `const s = "x.js`, nil},
		{"apostrophe in a comment", "// don't\nload(\"x.js\")", []string{"x.js"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scriptLiterals([]byte(tt.code)); !slices.Equal(got, tt.want) {
				t.Errorf("scriptLiterals(%q) = %q, want %q", tt.code, got, tt.want)
			}
		})
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"lib/x.js", "lib/x.js", true},
		{"lib/x.js", "lib/y.js", false},
		{"*", "lib/deep/x.js", true},
		{"lib/*", "lib/deep/x.js", true},
		{"lib/*.js", "lib/deep/x.js", true},
		{"lib/*.js", "lib/x.css", false},
		{"*.js", "x.jsx", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbY", false},
		{"**", "", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.name); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

// TestResultEntries checks the entries Build reports per target: the
// scripts it compiled, in the order first seen, modules marked.
func TestResultEntries(t *testing.T) {
	res, _ := build(t, "../testdata/extensions/mv3-module", "chrome,firefox", Options{})
	want := []Entry{{Path: "sw.js"}, {Path: "popup/popup.js", Module: true}}
	for _, tr := range res.Targets {
		if !slices.Equal(tr.Entries, want) {
			t.Errorf("%s: entries %v, want %v", tr.Target.Browser.Name, tr.Entries, want)
		}
	}
}
