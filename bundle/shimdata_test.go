package bundle

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// renameShim is a throwaway shim, declared here as data and a small
// JavaScript module, that renames an API as a real rename shim would:
// chrome.alpha becomes chrome.beta on Chromium targets, in the
// background and extension pages only, with the permission renamed and
// another added when its code is in the output. package bundle knows
// nothing of it.
var renameShim = shims.Shim{
	Name:     "testAlpha",
	Title:    "alpha under its new name",
	Provides: []string{"chrome.alpha"},
	Needed: func(t targets.Target, out shims.Output) ([]string, error) {
		if t.Browser.Family != targets.Chromium {
			return nil, nil
		}
		return []string{"alpha: named beta on " + t.Browser.Name}, nil
	},
	Contexts: []shims.Context{shims.Background, shims.Page},
	Replaces: []shims.Replacement{{API: "chrome.alpha", Module: "testalpha/alpha.js", Export: "alpha"}},
	Manifest: []shims.ManifestEdit{
		{Op: shims.RenamePermission, Name: "alpha", To: "beta"},
		{Op: shims.AddPermission, Name: "storage", IfIncluded: true},
	},
	Files: fstest.MapFS{
		"testalpha/alpha.js": {Data: []byte("// The alpha API under its new name, beta.\nexport const alpha = globalThis.chrome?.beta;\n")},
	},
}

// TestShimFromData: a shim that exists only in this test is applied by
// the bundler from its data: in the contexts it declares (a classic
// background, a module page), not in a content script, with its manifest
// edits, and only on the targets that need it.
func TestShimFromData(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "m", "version": "1",
  "permissions": ["alpha", "tabs"],
  "background": {"scripts": ["bg.js"]},
  "browser_action": {"default_popup": "popup.html"},
  "content_scripts": [{"matches": ["<all_urls>"], "js": ["cs.js"]}],
  "browser_specific_settings": {"gecko": {"id": "m@example.com"}}}`,
		"bg.js":      "chrome.alpha.create({id: 'a', title: 'A'});\n",
		"popup.html": `<!doctype html><script type="module" src="popup.js"></script>`,
		"popup.js":   "import { remove } from './lib.js';\nremove();\n",
		"lib.js":     "export function remove() { chrome.alpha.remove('a'); }\n",
		"cs.js":      "if (chrome.alpha) console.log('alpha in a content script');\n",
	})
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs,
		Shims: append(shims.All(), renameShim)})
	if err != nil {
		t.Fatalf("%v: %v", err, res.Diagnostics)
	}
	read := func(browser, name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, browser, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tr := range res.Targets {
		browser := tr.Target.Browser.Name
		t.Run(browser, func(t *testing.T) {
			needed := browser == "chrome"
			if got := slices.Contains(tr.Shims, renameShim.Name); got != needed {
				t.Errorf("shims %v: %s included %v, want %v", tr.Shims, renameShim.Name, got, needed)
			}
			bg := read(browser, "bg.js")
			popup := read(browser, "popup.js")
			cs := read(browser, "cs.js")
			if strings.Contains(bg, "chrome.alpha") == needed {
				t.Errorf("bg.js replaced %v, want %v:\n%s", !needed, needed, bg)
			}
			// The module page bundles the shim's module.
			if strings.Contains(popup, "beta") != needed {
				t.Errorf("popup.js has the shim's module %v, want %v:\n%s", !needed, needed, popup)
			}
			// Content scripts are not among the shim's contexts.
			if !strings.Contains(cs, "chrome.alpha") {
				t.Errorf("cs.js was rewritten:\n%s", cs)
			}
			if needed {
				// The classic background reaches the export through the
				// generated background script, which holds the module.
				if rt := read(browser, BackgroundFile); !strings.Contains(rt, "beta") {
					t.Errorf("%s lacks the shim's module:\n%s", BackgroundFile, rt)
				}
			}
			m := read(browser, ManifestFile)
			// "alpha" is gone from both: renamed on chrome, and dropped on
			// firefox, which knows no such permission.
			for perm, want := range map[string]bool{`"beta"`: needed, `"alpha"`: false, `"storage"`: needed, `"tabs"`: true} {
				if strings.Contains(m, perm) != want {
					t.Errorf("manifest has %s: %v, want %v:\n%s", perm, !want, want, m)
				}
			}
		})
	}
}
