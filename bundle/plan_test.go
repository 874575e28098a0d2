package bundle

import (
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// planFor plans the build of the source files for the target list's first
// target, without compiling anything.
func planFor(t *testing.T, files map[string]string, list string) *plan {
	t.Helper()
	dir := writeSource(t, files)
	src, diags, err := readSource(dir, dir+"/dist", nil, nil)
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

// TestEffectiveTarget: a range is narrowed to the versions that load the
// output's manifest version, with a note when its minimum rises.
func TestEffectiveTarget(t *testing.T) {
	cases := []struct {
		name, manifest, list string
		min                  string
		note                 string
	}{
		{"chrome MV2 source, minimum 14", `{"manifest_version": 2, "minimum_chrome_version": "14"}`, "chrome", "88",
			`manifest.json:1:51: info: "minimum_chrome_version" is "14", but chrome's output is Manifest V3, which Chrome loads from 88 on, so the build is for chrome 88-`},
		{"chrome, dotted minimum", `{"manifest_version": 3, "minimum_chrome_version": "6.0.0.0"}`, "chrome", "88",
			`manifest.json:1:51: info: "minimum_chrome_version" is "6.0.0.0", but chrome's output is Manifest V3`},
		{"chrome range asked", `{"manifest_version": 3}`, "chrome>=80", "88", `manifest.json:1:1: info: chrome's output is Manifest V3, which Chrome loads from 88 on`},
		{"chrome range already fine", `{"manifest_version": 3}`, "chrome>=120", "120", ""},
		{"firefox MV3 minimum 100", `{"manifest_version": 3, "browser_specific_settings": {"gecko": {"strict_min_version": "100.0"}}}`, "firefox", "109",
			`manifest.json:1:87: info: "browser_specific_settings.gecko.strict_min_version" is "100.0", but firefox's output is Manifest V3, which Firefox loads from 109 on`},
		{"firefox MV2 keeps its range", `{"manifest_version": 2, "browser_specific_settings": {"gecko": {"strict_min_version": "57.0"}}}`, "firefox", "57", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := jsonc.Parse([]byte(c.manifest))
			if err != nil {
				t.Fatal(err)
			}
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			tg, err := targets.Resolve(qs[0], manifestMinimum(m, qs[0].Browser))
			if err != nil {
				t.Fatal(err)
			}
			got, d, ok := effectiveTarget(m, tg)
			if !ok {
				t.Fatalf("not ok: %v", d)
			}
			if got.Min() != c.min {
				t.Errorf("minimum %s, want %s", got.Min(), c.min)
			}
			if c.note == "" && d.Message != "" || c.note != "" && !strings.HasPrefix(d.String(), c.note) {
				t.Errorf("note %q, want one starting %q", d.String(), c.note)
			}
		})
	}
}
