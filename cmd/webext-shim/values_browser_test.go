package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// The getBackgroundPage fallback with values JSON cannot carry, from pages
// the manifest does not name (issue 17): testdata/extensions/values, built
// by the command. Its popup opens opened.html with tabs.create and holds
// frame.html in a frame; each reads and calls the background through
// getBackgroundPage and reports to the popup, which writes both reports.
// Chromium (Manifest V3: a service worker, always the fallback) and a
// Firefox private window (the fallback) must give the same; a normal
// Firefox window gives the native Window, for comparison.

// valuesWant is what each page reports, on every path: the values as
// checks.js shows them.
var valuesWant = map[string]any{
	"log":       `[{"at":Date(2026-01-01T08:00:00.000Z),"msg":"installed"},{"at":Date(2026-01-01T08:00:01.500Z),"msg":"first tab"}]`,
	"logDates":  true,
	"map":       `Map{1=>{"opened":Date(1970-01-01T00:00:00.005Z),"urls":Set{"a","b"}},"k"=>[1n,NaN,-0,undefined]}`,
	"set":       `Set{Date(1970-01-01T00:00:00.000Z),"x",2}`,
	"tabStates": `Map{7=>{"opened":Date(1970-01-01T00:00:00.000Z),"urls":Set{"https://example.com/"}}}`,
	"error": map[string]any{
		"kind":            "Error",
		"name":            "RangeError",
		"message":         "out of range in background",
		"backgroundStack": true,
	},
	"cycle":     true,
	"cycleSent": true,
}

// functionWant is what a page gets for sending an object with a method:
// the fallback's TypeError (the native Window takes the object as it is).
const functionWant = "TypeError: cannot send arguments[0].state.onTick of page.echo(): a function"

// checkValues checks the popup's two reports: each page's values, its mode,
// and what the background's listener saw as its sender (a tab's page with
// frame 0; a frame of the popup with another frame id; both URLs inside the
// extension).
func checkValues(t *testing.T, got map[string]any, origin, mode string) {
	t.Helper()
	for _, where := range []string{"tab", "frame"} {
		r, _ := got[where].(map[string]any)
		if r == nil {
			t.Errorf("no report from the %s: %v", where, got)
			continue
		}
		t.Run(where, func(t *testing.T) {
			expect(t, r, valuesWant)
			expect(t, r, map[string]any{"mode": mode})
			if mode == "handle" {
				expect(t, r, map[string]any{"function": functionWant})
			}
			sender, _ := r["sender"].(map[string]any)
			t.Logf("%s: sender %v", where, sender)
			page := map[string]string{"tab": "/opened.html", "frame": "/frame.html"}[where]
			if url, _ := sender["url"].(string); url != origin+page {
				t.Errorf("sender.url = %q, want %q", url, origin+page)
			}
			if frame, _ := sender["frameId"].(float64); (frame == 0) != (where == "tab") {
				t.Errorf("sender.frameId = %v for the %s", sender["frameId"], where)
			}
		})
	}
}

func TestValuesChromium(t *testing.T) {
	browsertest.Require(t, browsertest.ChromiumBinary)
	dir := filepath.Join(buildExample(t, "values"), "chrome")
	c := browsertest.StartChromium(t, dir)
	ctx := context.Background()
	id := c.ExtensionID(dir)
	origin := "chrome-extension://" + id
	got := decodeResult(t)(c.EvalInPage(ctx, origin+"/opener.html", "start(), "+pollText("out")))
	checkValues(t, got, origin, "handle")
	if errs := c.Errors(id); len(errs) > 0 {
		t.Errorf("errors in the extension: %q", errs)
	}
}

func TestValuesFirefox(t *testing.T) {
	browsertest.Require(t, browsertest.FirefoxBinary)
	dir := filepath.Join(buildExample(t, "values"), "firefox")
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	addon, err := f.InstallAddon(ctx, dir, true)
	if err != nil {
		t.Fatal(err)
	}
	origin := strings.TrimSuffix(addon.URL(""), "/")
	for _, tt := range []struct {
		name    string
		private bool
		mode    string
	}{
		{"private window (fallback path)", true, "handle"},
		{"normal window (native path)", false, "native"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := decodeResult(t)(f.EvalInPage(ctx, addon.URL("opener.html"), tt.private, "page.start();\n"+pollFirefox("out")))
			checkValues(t, got, origin, tt.mode)
		})
	}
}
