package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/webext-shim/webext-shim/bundle"
)

// sampleReport is a small report with each kind of row: skipped, built and
// clean, built with errors that a diagnostic explains, a failed build, a
// source the browser cannot load, an output that did not load.
func sampleReport() Report {
	warn := bundle.Diagnostic{File: "background.js", Line: 3, Column: 1, Severity: bundle.Warning, Target: "chrome", Message: "menus.create is not available on chrome; no shim covers it"}
	fail := bundle.Diagnostic{File: "manifest.json", Line: 1, Column: 1, Severity: bundle.Error, Target: "firefox", Message: "browser_specific_settings.gecko.id is missing: Firefox requires an add-on id for Manifest V3 extensions"}
	menus := &Load{Loaded: true, Background: "failed", Contexts: []Context{
		{Name: "manifest", Errors: []Message{{Level: "error", Text: "Permission 'menus' is unknown."}, {Level: "error", Text: "Service worker registration failed. Status code: 15"}}},
		{Name: "background", Errors: []Message{{Level: "error", Text: "Uncaught TypeError: Cannot read properties of undefined (reading 'create')", Source: "chrome-extension://x/background.js", Line: 3}}},
		{Name: "popup", Path: "popup.html"},
	}}
	clean := func(bg string) *Load {
		return &Load{Loaded: true, Background: bg, Contexts: []Context{{Name: "manifest"}, {Name: "background"}}}
	}
	rep := Report{
		Targets: []string{"chrome", "firefox"},
		Extensions: []ExtensionResult{
			{Extension: Extension{Name: "menus | pipes", Manifest: Manifest{Version: 2}}, Targets: []TargetResult{
				{Target: "chrome", Built: true, Diagnostics: bundle.Diagnostics{warn}, Output: menus},
				{Target: "firefox", Built: true, Source: clean("started"), Output: clean("started")},
			}},
			{Extension: Extension{Name: "mv3", Manifest: Manifest{Version: 3}}, Targets: []TargetResult{
				{Target: "chrome", Built: true, Source: clean("none"), Output: clean("none")},
				{Target: "firefox", BuildError: "build failed", Diagnostics: bundle.Diagnostics{fail, warn}, Source: &Load{Error: "background.service_worker is currently disabled"}},
			}},
			{Extension: Extension{Name: "native", Manifest: Manifest{Version: 2}}, Skipped: `needs a native application: permission "nativeMessaging"`},
		},
	}
	for i := range rep.Extensions {
		for j := range rep.Extensions[i].Targets {
			r := &rep.Extensions[i].Targets[j]
			r.Matches = MatchErrors(r.Output, r.Diagnostics)
		}
	}
	for i, t := range rep.Targets {
		rep.Totals = append(rep.Totals, total(t, i, rep.Extensions))
	}
	return rep
}

func TestTotals(t *testing.T) {
	got := sampleReport().Totals
	want := []Totals{
		{Target: "chrome", Found: 3, Skipped: 1, Built: 2, BuiltWithWarnings: 1, Loaded: 2, BackgroundStarted: 1, Clean: 1,
			SourceLoadable: 1, SourceLoaded: 1, SourceClean: 1, Errors: 3, Matched: 3},
		{Target: "firefox", Found: 3, Skipped: 1, Built: 1, Loaded: 1, BackgroundStarted: 1, Clean: 1,
			SourceLoadable: 2, SourceLoaded: 1, SourceClean: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("totals =\n%+v\nwant\n%+v", got, want)
	}
}

func TestMarkdown(t *testing.T) {
	got := Markdown(sampleReport())
	golden := filepath.Join("testdata", "report.md")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("Markdown differs from %s (run go test -update and review the diff):\n%s", golden, got)
	}
}

func TestClip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a  b\n\tc", "a b c"},
		{"x|y", `x\|y`},
		{string(make([]byte, 0)), ""},
	}
	long := ""
	for len(long) < maxMessage-1 {
		long += "a"
	}
	tests = append(tests, struct{ in, want string }{long + "é and more", long + "…"})
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := clip(tt.in); got != tt.want {
				t.Errorf("clip = %q, want %q", got, tt.want)
			}
		})
	}
}
