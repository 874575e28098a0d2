package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/targets"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// dump is the whole extension as one text: each file under a header line.
func dump(e *Extension) []byte {
	var b bytes.Buffer
	for _, p := range e.Paths() {
		fmt.Fprintf(&b, "==== %s\n", p)
		b.Write(e.Files[p])
	}
	return b.Bytes()
}

func TestGenerateGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"n8", Options{Modules: 8}},
		{"n6-shared100", Options{Modules: 6, SharedPercent: 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ext, err := Generate(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(ext)
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./bench/synth -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the generated extension differs from %s; review with -update and git diff", golden)
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	for _, n := range []int{4, 100, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			a, err := Generate(Options{Modules: n})
			if err != nil {
				t.Fatal(err)
			}
			b, err := Generate(Options{Modules: n})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dump(a), dump(b)) {
				t.Fatal("two generations differ")
			}
			// Written to disk, the files are the same bytes.
			dir := t.TempDir()
			if err := a.Write(dir); err != nil {
				t.Fatal(err)
			}
			for _, p := range a.Paths() {
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, a.Files[p]) {
					t.Fatalf("%s on disk differs from the generated file", p)
				}
			}
		})
	}
}

func TestGenerateManifest(t *testing.T) {
	ext, err := Generate(Options{Modules: 40})
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ManifestVersion int `json:"manifest_version"`
		Name, Version   string
		Background      struct {
			ServiceWorker string `json:"service_worker"`
			Type          string
		}
		Action struct {
			DefaultPopup string `json:"default_popup"`
		}
		OptionsUI struct {
			Page string
		} `json:"options_ui"`
		ContentScripts []struct {
			Matches []string
			JS      []string
		} `json:"content_scripts"`
		BSS struct {
			Gecko struct{ ID string }
		} `json:"browser_specific_settings"`
	}
	if err := json.Unmarshal(ext.Files["manifest.json"], &m); err != nil {
		t.Fatalf("manifest.json is not JSON: %v", err)
	}
	if m.ManifestVersion != 3 || m.Name == "" || m.Version == "" || m.BSS.Gecko.ID == "" {
		t.Errorf("manifest: version %d, name %q, version %q, gecko id %q", m.ManifestVersion, m.Name, m.Version, m.BSS.Gecko.ID)
	}
	if m.Background.Type != "module" {
		t.Errorf("background type %q; want module", m.Background.Type)
	}
	// Every file the manifest names exists, and each is an entry of the
	// right kind.
	named := map[string]bool{m.Background.ServiceWorker: true, m.Action.DefaultPopup: false, m.OptionsUI.Page: false}
	for _, cs := range m.ContentScripts {
		for _, js := range cs.JS {
			named[js] = false
		}
	}
	for p, module := range named {
		if _, ok := ext.Files[p]; !ok {
			t.Errorf("the manifest names %q, which was not generated", p)
		}
		if strings.HasSuffix(p, ".js") && entry(ext, p) == nil {
			t.Errorf("%q is not among the entries %v", p, ext.Entries)
		} else if e := entry(ext, p); e != nil && e.Module != module {
			t.Errorf("entry %q: module %v; want %v", p, e.Module, module)
		}
	}
	if len(ext.Entries) != 4 {
		t.Errorf("%d entries; want 4: %v", len(ext.Entries), ext.Entries)
	}
	if !bytes.Contains(ext.Files["popup/popup.js"], []byte("browser.extension.getBackgroundPage()")) {
		t.Error("the popup does not call browser.extension.getBackgroundPage()")
	}
}

// TestGenerateBuilds builds the extension with webext-shim, in memory: the
// manifest and every script are valid, no diagnostic at all, and the
// popup's getBackgroundPage call brings the shim in on both targets.
func TestGenerateBuilds(t *testing.T) {
	ext, err := Generate(Options{Modules: 40})
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	if err := ext.Write(src); err != nil {
		t.Fatal(err)
	}
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		t.Fatal(err)
	}
	res, err := bundle.Build(context.Background(), bundle.Options{Source: src, OutDir: filepath.Join(t.TempDir(), "out"), Targets: qs, DryRun: true})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Diagnostics)
	}
	for _, d := range res.Diagnostics {
		t.Errorf("diagnostic: %v", d)
	}
	for _, tr := range res.Targets {
		if !slices.Contains(tr.Shims, "getBackgroundPage") {
			t.Errorf("%s: shims %q; want getBackgroundPage", tr.Target, tr.Shims)
		}
	}
}

func entry(ext *Extension, p string) *Entry {
	for i := range ext.Entries {
		if ext.Entries[i].Path == p {
			return &ext.Entries[i]
		}
	}
	return nil
}

var importRE = regexp.MustCompile(`(?m)^import \{[^}]*\} from "([^"]+)";$`)

// TestGenerateGraph checks the module graph: N modules in the four parts,
// every import resolving to a generated module, and every module reachable
// from an entry.
func TestGenerateGraph(t *testing.T) {
	for _, tc := range []struct {
		opts                   Options
		shared, bg, pop, optns int
	}{
		{Options{Modules: 4}, 1, 1, 1, 1},
		{Options{Modules: 100}, 50, 17, 17, 16},
		{Options{Modules: 1000, SharedPercent: 10}, 100, 300, 300, 300},
		{Options{Modules: 10, SharedPercent: 100}, 10, 0, 0, 0},
	} {
		t.Run(fmt.Sprintf("%d-%d", tc.opts.Modules, tc.opts.SharedPercent), func(t *testing.T) {
			ext, err := Generate(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{"shared": tc.shared, "background": tc.bg, "popup": tc.pop, "options": tc.optns}
			for k, v := range want {
				if ext.Parts[k] != v {
					t.Errorf("part %s has %d modules; want %d", k, ext.Parts[k], v)
				}
			}
			modules := 0
			for p := range ext.Files {
				if strings.HasPrefix(p, "lib/") {
					modules++
				}
			}
			if modules != tc.opts.Modules {
				t.Errorf("%d modules generated; want %d", modules, tc.opts.Modules)
			}
			seen := map[string]bool{}
			var visit func(p string)
			visit = func(p string) {
				if seen[p] {
					return
				}
				seen[p] = true
				code, ok := ext.Files[p]
				if !ok {
					t.Fatalf("an import names %q, which was not generated", p)
				}
				for _, m := range importRE.FindAllSubmatch(code, -1) {
					visit(filepath.ToSlash(filepath.Join(filepath.Dir(p), string(m[1]))))
				}
			}
			for _, e := range ext.Entries {
				visit(e.Path)
			}
			if len(seen) != modules+len(ext.Entries) {
				t.Errorf("%d files reachable from the entries; want %d", len(seen), modules+len(ext.Entries))
			}
		})
	}
}

func TestGenerateBadOptions(t *testing.T) {
	for _, opts := range []Options{{Modules: 3}, {Modules: MaxModules + 1}, {Modules: 10, SharedPercent: 101}, {Modules: 10, SharedPercent: -1}} {
		if _, err := Generate(opts); err == nil {
			t.Errorf("Generate(%+v) succeeded; want an error", opts)
		}
	}
}
