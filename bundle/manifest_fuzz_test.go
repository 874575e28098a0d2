package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

// manifestSeeds are manifests for FuzzConvertManifest besides those of the
// example extensions: each form the converter rewrites, per-browser keys at
// several depths, and bad values.
var manifestSeeds = []string{
	`{"manifest_version": 2, "name": "a", "version": "1", "description": "getBackgroundPage", "background": {"scripts": ["bg.js", "lib/util.js"], "persistent": false},
	  "browser_action": {"default_popup": "popup.html"}, "page_action": {"default_popup": "page.html"},
	  "permissions": ["storage", "https://*.example.com/*", "<all_urls>", "webRequest", "webRequestBlocking"],
	  "optional_permissions": ["tabs", "*://example.org/*"],
	  "web_accessible_resources": ["img/a.png", "style.css"], "content_security_policy": "script-src 'self'; object-src 'self'",
	  "applications": {"gecko": {"id": "a@example.com", "strict_min_version": "109.0a1"}}}`,
	`{"manifest_version": 3, "name": "b", "version": "2", "background": {"service_worker": "sw.js", "scripts": ["sw.js"], "type": "module"},
	  "action": {"default_popup": "popup.html"}, "host_permissions": ["https://example.com/*"], "optional_host_permissions": ["*://*/*"],
	  "web_accessible_resources": [{"resources": ["a.png"], "matches": ["<all_urls>"]}],
	  "content_security_policy": {"extension_pages": "script-src 'self'"},
	  "minimum_chrome_version": "120", "browser_specific_settings": {"gecko": {"id": "b@example.com", "strict_min_version": "128.0"}, "safari": {"strict_min_version": "17.4"}}}`,
	`{"manifest_version": 3, "name": "c", "version": "1", "description": "getBackgroundPage", "background": {"page": "bg.html"}, "options_ui": {"page": "options.html"},
	  "chromium:side_panel": {"default_path": "panel.html"}, "firefox:sidebar_action": {"default_panel": "panel.html"},
	  "content_scripts": [{"matches": ["<all_urls>"], "js": ["cs.js"], "firefox:js": ["cs-ff.js"]}],
	  "chrome:minimum_chrome_version": "130", "webkit:browser_specific_settings": {"safari": {"strict_min_version": "18.0"}}}`,
	`{"manifest_version": 2, "name": "d", "version": "1", "description": "getBackgroundPage", "background": {"service_worker": "sw.js", "type": "module", "persistent": true},
	  "firefox:background": {"scripts": ["a.mjs", "b.mjs"], "type": "module"}, "chromium:background": {"service_worker": "sw.js"},
	  "devtools_page": "devtools.html", "chrome_url_overrides": {"newtab": "tab.html"}, "options_page": "options.html",
	  "gecko:browser_specific_settings": {"gecko": {"id": "d@x"}, "gecko_android": {"strict_min_version": "120.0"}}}`,
	`{"manifest_version": 3, "name": "e", "version": "1", "firefox:chrome:a": 1, "chrome:firefox:b": {"gecko:c": 2}, "firefx:d": 3, "Chrome:e": 4}`,
	`{"manifest_version": 3, "name": "f", "version": "1", "background": {"scripts": ["missing.js"]}, "action": {"default_popup": 3}}`,
	`{"manifest_version": 4, "name": "g"}`,
	`{"manifest_version": "3", "background": [], "content_scripts": {}}`,
	`{"manifest_version": 2, "background": {"scripts": ["a.js"], "page": "b.html", "type": "worker"}}`,
	`{"manifest_version": 3, "minimum_chrome_version": "abc", "browser_specific_settings": {"gecko": {"strict_min_version": "preview"}, "safari": {"strict_min_version": "999"}}}`,
	"\xef\xbb\xbf// comment\n{\"manifest_version\": 2, /* c */ \"name\": \"h\", \"version\": \"1\"}",
	`{"manifest_version": 3, "applications": {"gecko": {"id": "x@y"}}, "browser_specific_settings": 7}`,
	`{}`,
	`[]`,
	`{"manifest_version": 3`,
}

// FuzzConvertManifest checks the manifest reader and converter on any bytes
// as manifest.json: the source is read (readSource: the JSONC parser and its
// diagnostics), then, for chrome, firefox and safari, specialised for the
// browser (specialise), resolved (the declared minimums), laid out and
// converted (targetBuild.run, which bundles each named file, all small
// scripts here; the manifest's minimum version, where it gives no release,
// is left for the default range, where Build reports it). The properties:
//   - nothing panics; every diagnostic has a severity and a message, and its
//     position lies inside manifest.json;
//   - a manifest that does not parse is reported at a position inside it;
//   - no key with a browser or family prefix survives specialisation;
//   - when the target builds, the output manifest is valid JSON, an object,
//     re-encodes to itself, carries no prefixed key, has the output's
//     manifest version (3 on chrome, the source's on firefox), and the
//     browser's own settings: minimum_chrome_version and no
//     browser_specific_settings on chrome, a background that names scripts,
//     a page or a worker becomes a service worker and nothing else on chrome
//     and anything but a service worker on firefox, gecko's
//     strict_min_version on firefox and safari's on safari.
//
// The seed corpus runs with go test; the long run is
//
//	go test ./bundle -run '^$' -fuzz '^FuzzConvertManifest$' -fuzztime 60s -parallel 1
func FuzzConvertManifest(f *testing.F) {
	examples, err := filepath.Glob(filepath.Join("..", "testdata", "extensions", "*", ManifestFile))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range examples {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range manifestSeeds {
		f.Add([]byte(s))
	}
	tree := &fuzzTree{dir: filepath.Join(f.TempDir(), "src"), files: map[string]string{}}
	if err := os.Mkdir(tree.dir, 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkConvertManifest(t, tree, data)
	})
}

// fuzzPageScript is the script every page of a fuzzed source loads (see
// fuzzSourceFiles).
const fuzzPageScript = "webext-shim-fuzz-page.js"

// checkConvertManifest is the property of FuzzConvertManifest for one
// manifest.
func checkConvertManifest(t *testing.T, tree *fuzzTree, data []byte) {
	t.Helper()
	v, err := jsonc.Parse(data)
	if err != nil {
		var se *jsonc.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("jsonc.Parse(%q) = %v, want a SyntaxError", data, err)
		}
		checkPos(t, data, "syntax error "+se.Msg, se.Pos.Line, se.Pos.Column)
		if se.Pos.Offset < 0 || se.Pos.Offset > len(data) {
			t.Fatalf("syntax error %q at offset %d of %d bytes", se.Msg, se.Pos.Offset, len(data))
		}
		return
	}
	if v.Kind != jsonc.Object {
		return
	}
	tree.sync(t, data, v)
	dir, outDir := tree.dir, filepath.Join(filepath.Dir(tree.dir), "out")
	src, diags, err := readSource(dir, outDir, nil, nil)
	if err != nil {
		t.Fatalf("readSource: %v", err)
	}
	checkDiagnostics(t, data, diags)
	if src == nil {
		t.Fatalf("readSource gave no source for the object %q: %v", data, diags)
	}
	for _, name := range []string{"chrome", "firefox", "safari"} {
		q, err := targets.ParseQuery(name)
		if err != nil {
			t.Fatal(err)
		}
		b, out := convertFuzzManifest(t, src, q, dir, outDir)
		checkDiagnostics(t, data, b.diags)
		if b.diags.HasErrors() {
			continue
		}
		checkOutputManifest(t, data, b, out)
	}
}

// fuzzTree is the source tree of the fuzzed manifests, one per fuzzing
// process: creating files is most of the cost of an input, so each input
// only removes the files the previous one had and it has not, and writes
// those it lacks.
type fuzzTree struct {
	dir   string
	files map[string]string // what is on disk: path -> contents
}

// fuzzSourceFiles lists the source tree for the manifest data, in order:
// the manifest, the page script, and every string in the manifest that
// names a file inside the tree (except those that say "missing", up to
// 32): a page loads the page script, a script is one line. When the
// manifest mentions getBackgroundPage (some seeds do), the page script
// calls it, so that the build adds the background handler and the runtime
// scripts where the target needs them; that makes an input ten times as
// slow, so the fuzzer gets it for some inputs only. A path that cannot be a
// file next to an earlier one (a file inside an earlier file, a directory
// of an earlier file) is left out: the manifest then names a missing file.
func fuzzSourceFiles(data []byte, v *jsonc.Value) ([]string, map[string]string) {
	pageScript := "var page = 1;\n"
	if bytes.Contains(data, []byte("getBackgroundPage")) {
		pageScript = "var page = chrome.extension.getBackgroundPage();\n"
	}
	files := map[string]string{ManifestFile: string(data), fuzzPageScript: pageScript}
	order := []string{ManifestFile, fuzzPageScript}
	conflicts := func(rel string) bool {
		for _, have := range order {
			if have == rel || strings.HasPrefix(rel, have+"/") || strings.HasPrefix(have, rel+"/") {
				return true
			}
		}
		return false
	}
	var walk func(*jsonc.Value)
	walk = func(v *jsonc.Value) {
		switch v.Kind {
		case jsonc.String:
			rel, ok := resolveRef("", v.Str)
			if !ok || len(order) >= 34 || len(rel) > 200 || strings.Contains(rel, "missing") || strings.ContainsRune(rel, 0) || conflicts(rel) {
				return
			}
			order = append(order, rel)
			switch strings.ToLower(path.Ext(rel)) {
			case ".html", ".htm":
				files[rel] = `<!doctype html><script src="/` + fuzzPageScript + `"></script>` + "\n"
			default:
				files[rel] = "var x = 1;\n"
			}
		case jsonc.Array:
			for _, it := range v.Items {
				walk(it)
			}
		case jsonc.Object:
			for _, m := range v.Members {
				walk(m.Value)
			}
		}
	}
	walk(v)
	return order, files
}

// sync makes the tree hold exactly the files of the manifest data.
func (ft *fuzzTree) sync(t *testing.T, data []byte, v *jsonc.Value) {
	t.Helper()
	order, want := fuzzSourceFiles(data, v)
	for rel, content := range ft.files {
		if w, ok := want[rel]; ok && w == content {
			continue
		}
		p := filepath.Join(ft.dir, filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		delete(ft.files, rel)
		// Empty directories left behind go too.
		for d := filepath.Dir(p); d != ft.dir && os.Remove(d) == nil; d = filepath.Dir(d) {
		}
	}
	for _, rel := range order {
		if _, ok := ft.files[rel]; ok {
			continue
		}
		p := filepath.Join(ft.dir, filepath.FromSlash(rel))
		if os.MkdirAll(filepath.Dir(p), 0o755) != nil || os.WriteFile(p, []byte(want[rel]), 0o644) != nil {
			// A name the file system refuses (too long): missing.
			continue
		}
		ft.files[rel] = want[rel]
	}
}

// convertFuzzManifest does what Build does for one target, in memory: it
// specialises a copy of the source's manifest, resolves the target (with the
// default range when the declared minimum does not resolve, where Build
// stops with an error) and runs the target's build. It returns the build and
// the output manifest.
func convertFuzzManifest(t *testing.T, src *source, q targets.Query, dir, outDir string) (*targetBuild, []byte) {
	t.Helper()
	m := src.manifest.Clone()
	ds := specialise(m, q.Browser, ManifestFile)
	checkNoPrefixedKeys(t, "the specialised manifest", m, q.Browser)
	tgt, err := targets.Resolve(q, manifestMinimum(m, q.Browser))
	if err != nil {
		if err.Error() == "" {
			t.Fatalf("%s: resolving gave an empty error", q.Browser.Name)
		}
		if tgt, err = targets.Resolve(q, ""); err != nil {
			t.Fatal(err)
		}
	}
	b := newTargetBuild(src, tgt, &Options{Source: dir, OutDir: outDir}, m, nil)
	b.add(ds)
	b.run()
	return b, b.out[ManifestFile]
}

// checkPos checks that line:col lies inside data (a column may point just
// after a line's last byte).
func checkPos(t *testing.T, data []byte, what string, line, col int) {
	t.Helper()
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1])+1 {
		t.Fatalf("%s at %d:%d, outside the %d lines of %q", what, line, col, len(lines), data)
	}
}

// checkDiagnostics checks that each diagnostic is well formed and that one
// about manifest.json points inside it.
func checkDiagnostics(t *testing.T, data []byte, ds Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Message == "" || d.Severity != Error && d.Severity != Warning && d.Severity != Info {
			t.Fatalf("malformed diagnostic %+v", d)
		}
		if d.Line < 0 || d.Column < 0 || d.Line == 0 && d.Column != 0 {
			t.Fatalf("diagnostic %q has position %d:%d", d, d.Line, d.Column)
		}
		if d.File == ManifestFile && d.Line > 0 {
			checkPos(t, data, "diagnostic "+d.String(), d.Line, max(d.Column, 1))
		}
	}
}

// checkNoPrefixedKeys fails when a key anywhere in v carries the prefix of
// a browser or family.
func checkNoPrefixedKeys(t *testing.T, what string, v *jsonc.Value, b targets.Browser) {
	t.Helper()
	switch v.Kind {
	case jsonc.Array:
		for _, it := range v.Items {
			checkNoPrefixedKeys(t, what, it, b)
		}
	case jsonc.Object:
		for _, m := range v.Members {
			if p, _, ok := splitPrefix(m.Key); ok && prefixRank(p, b) >= 0 {
				t.Fatalf("%s for %s has the prefixed key %q", what, b.Name, m.Key)
			}
			checkNoPrefixedKeys(t, what, m.Value, b)
		}
	}
}

// checkOutputManifest checks the output manifest of a target that built.
func checkOutputManifest(t *testing.T, data []byte, b *targetBuild, out []byte) {
	t.Helper()
	name := b.t.Browser.Name
	if !json.Valid(out) {
		t.Fatalf("%s: the output manifest of %q is not valid JSON:\n%s", name, data, out)
	}
	var obj map[string]any
	if err := json.Unmarshal(out, &obj); err != nil {
		t.Fatalf("%s: the output manifest of %q is not an object: %v\n%s", name, data, err, out)
	}
	v, err := jsonc.Parse(out)
	if err != nil || !bytes.Equal(v.Encode(), out) {
		t.Fatalf("%s: the output manifest of %q does not re-encode to itself (%v):\n%s", name, data, err, out)
	}
	checkNoPrefixedKeys(t, "the output manifest", v, b.t.Browser)
	mv := v.Get("manifest_version")
	if mv == nil || mv.Kind != jsonc.Number || mv.Number != string(rune('0'+b.outMV)) || b.outMV != 2 && b.outMV != 3 {
		t.Fatalf("%s: manifest_version %v, output Manifest V%d, for %q:\n%s", name, mv, b.outMV, data, out)
	}
	bg := v.Get("background")
	settingsOf := func(key string) *jsonc.Value { return v.Path("browser_specific_settings", key, "strict_min_version") }
	switch b.t.Browser.Family {
	case targets.Chromium:
		if b.outMV != 3 {
			t.Fatalf("%s: Manifest V%d output for %q", name, b.outMV, data)
		}
		if v.Get("browser_specific_settings") != nil || v.Get("applications") != nil {
			t.Fatalf("%s: browser_specific_settings or applications in the output of %q:\n%s", name, data, out)
		}
		if mcv := v.Get("minimum_chrome_version"); mcv == nil || mcv.Kind != jsonc.String || mcv.Str != b.t.Min() {
			t.Fatalf("%s: minimum_chrome_version %v for the range %s, from %q:\n%s", name, mcv, b.t, data, out)
		}
		if b.l.bg.kind != bgNone && (bg.Get("scripts") != nil || bg.Get("page") != nil || bg.Get("persistent") != nil || bg.Get("service_worker") == nil) {
			t.Fatalf("%s: the background is not a service worker in the output of %q:\n%s", name, data, out)
		}
		if v.Get("browser_action") != nil || v.Get("page_action") != nil {
			t.Fatalf("%s: a Manifest V2 action in the output of %q:\n%s", name, data, out)
		}
		if b.l.manifestVersion == 2 {
			if perms := v.Get("permissions"); perms != nil && perms.Kind == jsonc.Array {
				for _, p := range perms.Items {
					if p.Kind == jsonc.String && isHostPattern(p.Str) {
						t.Fatalf("%s: host pattern %q left in permissions in the output of %q:\n%s", name, p.Str, data, out)
					}
				}
			}
		}
	case targets.Gecko:
		if b.outMV != b.l.manifestVersion {
			t.Fatalf("%s: Manifest V%d output of a Manifest V%d source %q", name, b.outMV, b.l.manifestVersion, data)
		}
		if b.l.bg.kind != bgNone && bg.Get("service_worker") != nil {
			t.Fatalf("%s: a service worker in the output of %q:\n%s", name, data, out)
		}
		if s := settingsOf("gecko"); s == nil || s.Kind != jsonc.String || s.Str != versionString(b.t.Min()) {
			t.Fatalf("%s: gecko strict_min_version %v for the range %s, from %q:\n%s", name, s, b.t, data, out)
		}
		if v.Path("browser_specific_settings", "safari") != nil {
			t.Fatalf("%s: safari settings in the output of %q:\n%s", name, data, out)
		}
	case targets.WebKit:
		if s := settingsOf("safari"); s == nil || s.Kind != jsonc.String || s.Str != versionString(b.t.Min()) {
			t.Fatalf("%s: safari strict_min_version %v for the range %s, from %q:\n%s", name, s, b.t, data, out)
		}
		if v.Path("browser_specific_settings", "gecko") != nil || v.Path("browser_specific_settings", "gecko_android") != nil {
			t.Fatalf("%s: gecko settings in the output of %q:\n%s", name, data, out)
		}
	}
}

// TestSpecialiseDoublePrefix is a finding of FuzzConvertManifest: a key
// with two prefixes lost only the first, so another browser's key reached
// the output ("chrome:firefox:b" became "firefox:b" in Chrome's manifest).
// The output has no prefixed key; here each double-prefixed key names
// another browser too, so only the plain key is left.
func TestSpecialiseDoublePrefix(t *testing.T) {
	for _, tt := range []struct{ browser, in string }{
		{"chrome", `{"a": 0, "firefox:chrome:a": 1, "chrome:firefox:b": 2}`},
		{"firefox", `{"a": 0, "firefox:chrome:a": 1, "chrome:firefox:b": 2}`},
		{"safari", `{"a": 0, "webkit:gecko:a": 1, "nested": {"safari:chromium:c": 3}}`},
	} {
		t.Run(tt.browser, func(t *testing.T) {
			b, err := targets.LookupBrowser(tt.browser)
			if err != nil {
				t.Fatal(err)
			}
			v, err := jsonc.Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			specialise(v, b, ManifestFile)
			for _, m := range v.Members {
				if m.Key != "a" && m.Key != "nested" {
					t.Errorf("specialise(%s) for %s kept %q", tt.in, tt.browser, m.Key)
				}
			}
			if nested := v.Get("nested"); nested != nil && len(nested.Members) > 0 {
				t.Errorf("specialise(%s) for %s kept nested %q", tt.in, tt.browser, nested.Members[0].Key)
			}
			if a := v.Get("a"); a == nil || a.Number != "0" {
				t.Errorf("specialise(%s) for %s: a = %v, want the plain key's 0", tt.in, tt.browser, a)
			}
		})
	}
}
