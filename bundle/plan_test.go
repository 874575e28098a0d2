package bundle

import (
	"slices"
	"testing"

	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// planFor plans the build of the source files for the target list's first
// target, without compiling anything.
func planFor(t *testing.T, files map[string]string, list string) *plan {
	t.Helper()
	dir := writeSource(t, files)
	src, diags, err := readSource(dir, dir+"/dist")
	if err != nil || diags.HasErrors() {
		t.Fatalf("reading the source: %v %v", err, diags)
	}
	qs, err := targets.ParseQueries(list)
	if err != nil {
		t.Fatal(err)
	}
	m := src.manifest.Clone()
	specialise(m, qs[0].Browser, ManifestFile)
	tg, err := targets.Resolve(qs[0], manifestMinimum(m, qs[0].Browser))
	if err != nil {
		t.Fatal(err)
	}
	p, diags := newPlan(src, m, tg, shims.All(), newTargetBuild(src, tg, &Options{}, m, nil).eo)
	if diags.HasErrors() {
		t.Fatalf("planning: %v", diags)
	}
	return p
}

// TestPlan: the plan alone decides the output's background, what each
// entry gets from the shims and whether the background parts are in.
func TestPlan(t *testing.T) {
	const manifest = `{"manifest_version": 2, "name": "p", "version": "1",
  "background": {"scripts": ["bg.js"]},
  "browser_action": {"default_popup": "popup.html"},
  "content_scripts": [{"matches": ["<all_urls>"], "js": ["cs.js"]}]}`
	gbp := "chrome.extension.getBackgroundPage"
	cases := []struct {
		name      string
		popup     string // popup.js, a module when it imports
		list      string
		bg        shims.BackgroundKind
		mv        int
		withParts bool
	}{
		{"classic page uses it, chrome", "chrome.extension.getBackgroundPage().foo();", "chrome", shims.BackgroundServiceWorker, 3, true},
		{"module page imports a use, chrome", "import './lib.js';", "chrome", shims.BackgroundServiceWorker, 3, true},
		{"no page uses it, chrome", "console.log(1);", "chrome", shims.BackgroundServiceWorker, 3, false},
		{"classic page uses it, firefox", "chrome.extension.getBackgroundPage().foo();", "firefox", shims.BackgroundPage, 2, true},
		{"classic page uses it, safari with a background page", "chrome.extension.getBackgroundPage().foo();", "safari", shims.BackgroundPage, 3, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			popupHTML := `<script src="popup.js"></script>`
			if c.popup[:6] == "import" {
				popupHTML = `<script type="module" src="popup.js"></script>`
			}
			p := planFor(t, map[string]string{
				"manifest.json": manifest, "bg.js": "function foo() {}", "cs.js": "chrome.runtime.id;",
				"popup.html": popupHTML, "popup.js": c.popup, "lib.js": "chrome.extension.getBackgroundPage();",
			}, c.list)
			if p.bgKind != c.bg || p.outMV != c.mv {
				t.Errorf("background %v, manifest V%d; want %v, V%d", p.bgKind, p.outMV, c.bg, c.mv)
			}
			if p.withParts != c.withParts {
				t.Errorf("withParts %v, want %v", p.withParts, c.withParts)
			}
			if got := len(p.handlers) > 0; got != c.withParts {
				t.Errorf("handlers %v with parts %v", p.handlers, c.withParts)
			}
			has := func(rel, api string) bool {
				return slices.ContainsFunc(p.replacements[rel], func(r shims.Replacement) bool { return r.API == api })
			}
			needed := slices.ContainsFunc(p.needs, func(n shims.Need) bool { return n.Shim.Name == shims.GetBackgroundPage.Name })
			if has("popup.js", gbp) != needed {
				t.Errorf("popup.js replacements %v; needs %v", p.replacements["popup.js"], p.needs)
			}
			if has("cs.js", gbp) {
				t.Errorf("the content script gets the getBackgroundPage replacement: %v", p.replacements["cs.js"])
			}
			if has("bg.js", "chrome.runtime.onMessage") != c.withParts {
				t.Errorf("bg.js onMessage filter %v, want it with the parts (%v)", p.replacements["bg.js"], c.withParts)
			}
		})
	}
}
