package bundle

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/htmlscript"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// handlerMark is in the output exactly where the getBackgroundPage shim's
// code is: its message key.
const handlerMark = fallbackKey

// buildExample builds testdata/extensions/NAME for the target list into a
// temporary directory.
func buildExample(t *testing.T, name, list string, opts Options) (Result, string) {
	t.Helper()
	qs, err := targets.ParseQueries(list)
	if err != nil {
		t.Fatal(err)
	}
	opts.Source = filepath.Join("..", "testdata", "extensions", name)
	opts.OutDir = t.TempDir()
	opts.Targets = qs
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("building %s: %v\n%v", name, err, res.Diagnostics)
	}
	return res, opts.OutDir
}

// snapshot describes a build's output for its golden file: per target, the
// files (with what of the shims each holds), the manifest and the
// diagnostics.
func snapshot(t *testing.T, res Result, out string) string {
	var b strings.Builder
	for _, tr := range res.Targets {
		fmt.Fprintf(&b, "== %s: Manifest V%d, background %s, shims %v\n", tr.Target.Browser.Name, tr.ManifestVersion, tr.Background, tr.Shims)
		dir := filepath.Join(out, tr.Target.Browser.Name)
		for _, f := range tr.Files {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
			if err != nil {
				t.Fatal(err)
			}
			var notes []string
			if f.Generated {
				notes = append(notes, "generated")
			}
			if strings.Contains(string(data), handlerMark) {
				notes = append(notes, "getBackgroundPage shim code")
			}
			if strings.Contains(string(data), shimjs.GlobalName+".") {
				notes = append(notes, "uses "+shimjs.GlobalName)
			}
			if strings.HasSuffix(f.Path, ".html") {
				for _, s := range htmlscript.Find(data) {
					notes = append(notes, "<script "+s.Src+">")
				}
			}
			fmt.Fprintf(&b, "  %s %v\n", f.Path, notes)
		}
		m, err := os.ReadFile(filepath.Join(dir, ManifestFile))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "-- manifest.json\n%s\n", m)
	}
	fmt.Fprintf(&b, "-- diagnostics\n")
	for _, d := range res.Diagnostics {
		fmt.Fprintf(&b, "%s [%s]\n", d, d.Target)
	}
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./bundle -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test ./bundle -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestBuildGolden builds each example extension and compares the emitted
// manifests, files and shims with testdata/golden.
func TestBuildGolden(t *testing.T) {
	tests := []struct {
		name    string
		example string
		targets string
	}{
		// MV2 with background.scripts and a browser_action popup.
		{"seed", "seed", "chrome,firefox"},
		// MV3 with a classic service worker and a module popup importing a
		// module; a gecko: prefixed key.
		{"mv3-module", "mv3-module", "chrome,firefox"},
		// Several background scripts sharing globals, options page, content
		// script, host permissions, a key Chrome lacks.
		{"tab-notes", "tab-notes", "chrome,firefox,safari"},
		// An ES-module background; a page with a classic and a module
		// script; per-browser keys at two depths.
		{"esm-mixed", "esm-mixed", "chrome,firefox,safari,edge"},
		// Nothing to shim.
		{"no-shim", "no-shim", "chrome,firefox,safari"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, out := buildExample(t, tt.example, tt.targets, Options{})
			golden(t, tt.name+".golden", snapshot(t, res, out))
		})
	}
}

// TestNoShimCode checks that a bundle for a target that needs no shim, or
// whose code uses none, holds no shim code at all.
func TestNoShimCode(t *testing.T) {
	for _, tt := range []struct{ example, targets string }{
		{"no-shim", "chrome,firefox,safari,edge,opera"},
		// Safari keeps its background page, where getBackgroundPage works.
		{"seed", "safari"},
	} {
		t.Run(tt.example+" "+tt.targets, func(t *testing.T) {
			res, out := buildExample(t, tt.example, tt.targets, Options{})
			for _, tr := range res.Targets {
				if len(tr.Shims) > 0 {
					t.Errorf("%s: shims %v, want none", tr.Target, tr.Shims)
				}
				err := filepath.WalkDir(filepath.Join(out, tr.Target.Browser.Name), func(p string, d os.DirEntry, err error) error {
					if err != nil || d.IsDir() {
						return err
					}
					data, err := os.ReadFile(p)
					if err != nil {
						return err
					}
					for _, mark := range []string{handlerMark, shimjs.GlobalName, "webext-shim"} {
						// (The manifests' add-on ids name the project.)
						if strings.Contains(string(data), mark) && filepath.Base(p) != ManifestFile {
							t.Errorf("%s holds %q", p, mark)
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestClassicGlobalsKept checks that minifying keeps the top-level names
// of classic scripts, which getBackgroundPage reaches.
func TestClassicGlobalsKept(t *testing.T) {
	_, out := buildExample(t, "tab-notes", "chrome,firefox", Options{Minify: true})
	for _, browser := range []string{"chrome", "firefox"} {
		for file, names := range map[string][]string{
			"background/notes.js": {"var notes", "function addNote(", "function listNotes("},
			"background/main.js":  {"function stats("},
		} {
			data, err := os.ReadFile(filepath.Join(out, browser, file))
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range names {
				if !strings.Contains(string(data), n) {
					t.Errorf("%s/%s lost %q: %s", browser, file, n, data)
				}
			}
		}
	}
	loader, err := os.ReadFile(filepath.Join(out, "chrome", BackgroundFile))
	if err != nil {
		t.Fatal(err)
	}
	if want := regexp.MustCompile(`for ?\(const \w+ of ?\["/background/notes.js", ?"/background/main.js"\]\)`); !want.Match(loader) {
		t.Errorf("the Chromium service worker does not load the scripts in order with %s:\n%s", want, loader)
	}
}

// TestHandlerOnlyWhenUsed checks that a mention of getBackgroundPage that
// is not a use (a comment) brings no shim in.
func TestHandlerOnlyWhenUsed(t *testing.T) {
	res, _ := buildExample(t, "no-shim", "chrome", Options{})
	if len(res.Targets[0].Shims) != 0 {
		t.Errorf("shims %v, want none: the source only mentions getBackgroundPage in a comment", res.Targets[0].Shims)
	}
}

// TestBuildFailureKeepsOutput checks that a failed build writes nothing
// and leaves the previous output as it was.
func TestBuildFailureKeepsOutput(t *testing.T) {
	src := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("manifest.json", `{"manifest_version": 3, "name": "x", "version": "1", "background": {"service_worker": "sw.js", "type": "module"}}`)
	write("sw.js", "self.ok = 1;\n")
	qs, _ := targets.ParseQueries("chrome")
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, "chrome", "sw.js"))
	if err != nil {
		t.Fatal(err)
	}
	write("sw.js", "self.ok = ;\n")
	res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs})
	if !errors.Is(err, ErrFailed) {
		t.Fatalf("err = %v, want ErrFailed", err)
	}
	if len(res.Diagnostics) == 0 || res.Diagnostics[0].File != "sw.js" || res.Diagnostics[0].Line != 1 || res.Diagnostics[0].Column != 11 {
		t.Errorf("diagnostics %v, want the syntax error at sw.js:1:11", res.Diagnostics)
	}
	after, err := os.ReadFile(filepath.Join(out, "chrome", "sw.js"))
	if err != nil || string(after) != string(before) {
		t.Errorf("the previous output changed: %q, %v", after, err)
	}
	entries, _ := os.ReadDir(out)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{OutputMarker, "chrome"}) {
		t.Errorf("the output directory holds %v, want only chrome and the marker", names)
	}
}

// TestEarlierOutputSkipped checks that the output of a default build
// (SRC/dist) is not shipped by a later build into another directory.
func TestEarlierOutputSkipped(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1"}`,
		"dist/lib.js":   "// a source directory named dist that is not an output\n",
	})
	qs, _ := targets.ParseQueries("chrome")
	src2 := writeSource(t, map[string]string{"manifest.json": `{"manifest_version": 3, "name": "y", "version": "1"}`})
	if _, err := Build(context.Background(), Options{Source: src2, Targets: qs}); err != nil {
		t.Fatal(err)
	}
	// src2/dist is an output now; building src2 elsewhere skips it.
	res, err := Build(context.Background(), Options{Source: src2, OutDir: t.TempDir(), Targets: qs})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Targets[0].Files {
		if strings.HasPrefix(f.Path, "dist/") {
			t.Errorf("an earlier output was shipped: %s", f.Path)
		}
	}
	// A source whose own dist/ is not an output: the default output
	// directory is refused, another one ships dist/.
	if _, err := Build(context.Background(), Options{Source: src, Targets: qs}); err == nil || !strings.Contains(err.Error(), "is part of the source and not an earlier webext-shim output") {
		t.Errorf("building into the source's own dist/: %v", err)
	}
	res, err = Build(context.Background(), Options{Source: src, OutDir: t.TempDir(), Targets: qs})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Targets[0].Files, func(f File) bool { return f.Path == "dist/lib.js" }) {
		t.Errorf("files %v lack the source's dist/lib.js", res.Targets[0].Files)
	}
}

// writeSource writes the files of a source tree into a new directory.
func writeSource(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCompatReport checks the compat diagnostics: what the code uses that
// a target lacks, with its position, warnings or (strict) errors.
func TestCompatReport(t *testing.T) {
	const mv2 = `{"manifest_version": 2, "name": "x", "version": "1",
  "permissions": ["webRequest", "webRequestBlocking", "tabs"],
  "background": {"scripts": ["bg.js"]},
  "browser_specific_settings": {"gecko": {"id": "x@example.com"}}}`
	tests := []struct {
		name    string
		targets string
		bg      string
		strict  bool
		want    []string
	}{
		{
			name:    "executeScript on Chromium MV3",
			targets: "chrome>=120",
			bg:      "// bg.js\nchrome.tabs.executeScript(1, {code: \"1\"});\nchrome.tabs.toggleReaderMode(1);\nchrome.tabs.executeScript(1, {file: \"/cs.js\"});\n",
			want: []string{
				"bg.js:2:1: warning: tabs.executeScript with a code string fails in Manifest V3, which runs no code strings (the call rejects); move the code into a file and pass {file: ...}",
				"bg.js:3:1: warning: tabs.toggleReaderMode is not available on chrome; no shim covers it",
				"manifest.json:2:33: warning: permission \"webRequestBlocking\" is refused by chrome (Manifest V3): blocking webRequest is for policy-installed extensions only; use declarativeNetRequest; dropped",
			},
		},
		{
			name:    "strict makes them errors",
			targets: "chrome>=120",
			bg:      "chrome.tabs.toggleReaderMode(1);\n",
			strict:  true,
			want: []string{
				"bg.js:1:1: error: tabs.toggleReaderMode is not available on chrome; no shim covers it",
				"manifest.json:2:33: error: permission \"webRequestBlocking\" is refused by chrome (Manifest V3): blocking webRequest is for policy-installed extensions only; use declarativeNetRequest; dropped",
			},
		},
		{
			name:    "fine on Firefox MV2",
			targets: "firefox",
			bg:      "chrome.tabs.executeScript(1, {code: \"1\"});\nbrowser.webRequest.onBeforeRequest.addListener(() => {}, {urls: [\"<all_urls>\"]}, [\"blocking\"]);\n",
		},
		{
			name:    "an API Firefox lacks",
			targets: "firefox",
			bg:      "const x = 1;\n  chrome.readingList.query({});\n",
			want:    []string{"bg.js:2:3: warning: readingList.query is not available on firefox; no shim covers it"},
		},
		{
			name:    "strings and comments are not uses",
			targets: "firefox",
			bg:      "// chrome.sidePanel.open()\nconst s = \"chrome.sidePanel\";\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{"manifest.json": mv2, "bg.js": tt.bg})
			qs, err := targets.ParseQueries(tt.targets)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Build(context.Background(), Options{Source: src, Targets: qs, Strict: tt.strict, DryRun: true})
			wantErr := tt.strict || slices.ContainsFunc(tt.want, func(d string) bool { return strings.Contains(d, ": error: ") })
			if wantErr != (err != nil) {
				t.Errorf("err = %v", err)
			}
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if _, err := os.Stat(filepath.Join(src, DefaultOutDir)); !os.IsNotExist(err) {
				t.Errorf("a dry run wrote %s: %v", DefaultOutDir, err)
			}
		})
	}
}

// readOutput returns a file of a target's output.
func readOutput(t *testing.T, out, browser, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, browser, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestSourcemap checks that --sourcemap writes a map next to each compiled
// script, linked from it.
func TestSourcemap(t *testing.T) {
	_, out := buildExample(t, "mv3-module", "chrome", Options{Sourcemap: true, Minify: true})
	for _, rel := range []string{"sw.js", "popup/popup.js"} {
		code := readOutput(t, out, "chrome", rel)
		if !strings.Contains(code, "//# sourceMappingURL="+filepath.Base(rel)+".map") {
			t.Errorf("%s does not link its map:\n%s", rel, code)
		}
		m := readOutput(t, out, "chrome", rel+".map")
		if !strings.Contains(m, `"mappings"`) || !strings.Contains(m, `"sourcesContent"`) {
			t.Errorf("%s.map is not a source map with sources: %.200s", rel, m)
		}
	}
}

// TestPageDiagnostics checks what is said about the scripts of pages.
func TestPageDiagnostics(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1", "action": {"default_popup": "p.html"}}`,
		"p.html":        "<!doctype html>\n<script>console.log(1)</script>\n  <script src=\"https://cdn.example.com/x.js\"></script>\n<script src=\"missing.js\"></script>\n<link rel=\"stylesheet\" href=\"gone.css\"><link rel=\"stylesheet\" href=\"https://cdn.example.com/x.css\">\n",
	})
	qs, _ := targets.ParseQueries("chrome")
	res, err := Build(context.Background(), Options{Source: src, Targets: qs, DryRun: true})
	if err != nil {
		t.Errorf("err = %v, want none: the browser loads the extension, and the page without the script", err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.String())
	}
	want := []string{
		`p.html:2:1: warning: inline scripts do not run in extension pages (the default Content Security Policy blocks them); move the code into a file`,
		`p.html:3:3: warning: the page loads the remote script "https://cdn.example.com/x.js"; extensions may not load remote code`,
		`p.html:4:1: warning: the script "missing.js" does not exist; the page runs without it`,
		`p.html:5:1: warning: the stylesheet "gone.css" does not exist`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
