package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// The real-browser tests of built extensions: each source under
// testdata/extensions is built by the command for chrome and firefox, then
// loaded into Chromium (Manifest V3 output, service worker) and Firefox
// ESR (normal and private windows).

// buildExample builds testdata/extensions/NAME for chrome,firefox with the
// command and returns the output directory.
func buildExample(t *testing.T, name string, extra ...string) string {
	t.Helper()
	out := t.TempDir()
	args := append([]string{"--target", "chrome,firefox", "-o", out, "-q"}, extra...)
	args = append(args, filepath.Join("..", "..", "testdata", "extensions", name))
	code, stdout, stderr := runCmd(args...)
	if code != exitOK {
		t.Fatalf("webext-shim %q: exit %d\n%s%s", args, code, stdout, stderr)
	}
	return out
}

// buildExampleFor builds testdata/extensions/NAME for the target list
// into a new directory and returns it, with what the build printed on
// standard error (its diagnostics); a failed build fails the test.
func buildExampleFor(t *testing.T, name, list string) (out, stderr string) {
	t.Helper()
	out = t.TempDir()
	args := []string{"--target", list, "-o", out, filepath.Join("..", "..", "testdata", "extensions", name)}
	code, _, stderr := runCmd(args...)
	if code != exitOK {
		t.Fatalf("webext-shim %q: exit %d\n%s", args, code, stderr)
	}
	return out, stderr
}

// unzip extracts an archive into a new directory and returns it.
func unzip(t *testing.T, archive string) string {
	t.Helper()
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		dst := filepath.Join(dir, filepath.FromSlash(f.Name))
		if !strings.HasPrefix(dst, dir+string(filepath.Separator)) {
			t.Fatalf("archive entry %q escapes", f.Name)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// pollText is the expression, for Chromium, that waits until the element
// with the id has text and returns it.
func pollText(id string) string {
	return `new Promise((resolve) => {
  const started = Date.now();
  const poll = () => {
    const text = document.getElementById("` + id + `")?.textContent;
    if (text) resolve(text);
    else if (Date.now() - started > 20000) resolve("timed out waiting for #` + id + `");
    else setTimeout(poll, 20);
  };
  poll();
})`
}

// pollFirefox is the same as a Firefox async-script body.
func pollFirefox(id string) string {
	return `const started = Date.now();
for (;;) {
  const text = page.document.getElementById("` + id + `")?.textContent;
  if (text) return text;
  if (Date.now() - started > 20000) return "timed out waiting for #` + id + `";
  await new Promise((r) => setTimeout(r, 20));
}`
}

// decodeResult returns the decoder of the JSON text a page wrote into an
// element, as an evaluation returned it.
func decodeResult(t *testing.T) func(json.RawMessage, error) map[string]any {
	return func(raw json.RawMessage, err error) map[string]any {
		t.Helper()
		return decodeText(t, raw, err)
	}
}

func decodeText(t *testing.T, raw json.RawMessage, err error) map[string]any {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		t.Fatalf("result %s: %v", raw, err)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(text), &got); err != nil {
		t.Fatalf("result %q: %v", text, err)
	}
	return got
}

// expect compares the results with want, key by key.
func expect(t *testing.T, got, want map[string]any) {
	t.Helper()
	for k, w := range want {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("%s = %#v, want %#v (all: %v)", k, got[k], w, got)
		}
	}
}

func ok(v any) map[string]any { return map[string]any{"ok": true, "value": v} }

// seedWant is what the seed example's popup reports, on every path.
var seedWant = map[string]any{
	"foo":                       ok("I'm defined in background.js"),
	"runtime.getBackgroundPage": ok("I'm defined in background.js"),
	"number":                    ok(5.0),
	"object":                    ok(map[string]any{"theme": "dark", "sizes": []any{1.0, 2.0, 3.0}}),
	"promise":                   ok(42.0),
	"throws":                    map[string]any{"ok": false, "error": "RangeError: out of range in background"},
	"value":                     ok(7.0),
}

// mv3Want is what the MV3 example's module popup reports (bump and counter
// count the popup's visits).
func mv3Want(mode string, visit float64) map[string]any {
	return map[string]any{
		"mode":    mode,
		"greet":   "[hello, popup, from the background]",
		"bump":    visit,
		"counter": visit,
	}
}

// aliasedWant is what the aliased example's popup and options page report on
// the nth visit of both: its background's listener, reached through a value
// and answering every message it sees, answers the popup's ping and never
// sees the fallback's messages.
func aliasedWant(mode string, n int) (popup, panel map[string]any) {
	var seen []any
	for range n {
		seen = append(seen, "ping")
	}
	popup = map[string]any{
		"mode": mode,
		"same": true,
		"bump": float64(2 * n),
		"echo": map[string]any{"echo": map[string]any{"type": "ping"}},
		"seen": seen,
	}
	return popup, map[string]any{"mode": mode, "counter": float64(2 * n)}
}

// esmWant is what the esm-mixed example's popup reports on its nth visit.
func esmWant(n int) map[string]any {
	return map[string]any{"label": fmt.Sprintf("opened %d times", n), "pong": "pong"}
}

func TestBuiltExtensionsChromium(t *testing.T) {
	browsertest.Require(t, browsertest.ChromiumBinary)
	// The seed example is loaded from its release archive, unzipped.
	seed := unzip(t, filepath.Join(buildExample(t, "seed", "--zip"), "getbackgroundpage-seed-example-1.0.0-chrome.zip"))
	mv3 := filepath.Join(buildExample(t, "mv3-module"), "chrome")
	notes := filepath.Join(buildExample(t, "tab-notes", "--minify"), "chrome")
	esm := filepath.Join(buildExample(t, "esm-mixed"), "chrome")
	aliased := filepath.Join(buildExample(t, "aliased"), "chrome")
	c := browsertest.StartChromium(t, seed, mv3, notes, esm, aliased)
	ctx := context.Background()

	t.Run("seed", func(t *testing.T) {
		id := c.ExtensionID(seed)
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", pollText("out")))
		expect(t, got, seedWant)
		expect(t, got, map[string]any{"mode": "handle"})
		// foo() ran in the service worker, whose globals are the classic
		// background.js's.
		raw, err := c.EvalInServiceWorker(ctx, id, `calls.length >= 1 && typeof foo === "function"`)
		if err != nil || string(raw) != "true" {
			t.Errorf("in the service worker, calls/foo: %s, %v", raw, err)
		}
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the extension: %q", errs)
		}
	})
	t.Run("mv3 module popup", func(t *testing.T) {
		id := c.ExtensionID(mv3)
		for visit := 1; visit <= 2; visit++ {
			got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup/popup.html", pollText("out")))
			expect(t, got, mv3Want("handle", float64(visit)))
		}
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the extension: %q", errs)
		}
	})
	t.Run("module background, classic and module page scripts", func(t *testing.T) {
		id := c.ExtensionID(esm)
		for visit := 1; visit <= 2; visit++ {
			got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup/popup.html", pollText("out")))
			expect(t, got, esmWant(visit))
		}
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the extension: %q", errs)
		}
	})
	t.Run("the API through a value", func(t *testing.T) {
		id := c.ExtensionID(aliased)
		popup, panel := aliasedWant("handle", 1)
		expect(t, decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", pollText("out"))), popup)
		expect(t, decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/panel.html", pollText("out"))), panel)
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the extension: %q", errs)
		}
	})
	t.Run("firefox-first tab-notes", func(t *testing.T) {
		id := c.ExtensionID(notes)
		got := decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/popup/popup.html", pollText("out")))
		expect(t, got, map[string]any{
			"tabs":  true,
			"added": 2.0,
			"notes": []any{"installed", "popup opened"},
			"count": 2.0,
			"color": "yellow",
			"stats": map[string]any{"notes": 2.0, "last": "popup opened"},
		})
		got = decodeResult(t)(c.EvalInPage(ctx, "chrome-extension://"+id+"/options/options.html", pollText("out")))
		expect(t, got, map[string]any{
			"stats": map[string]any{"notes": 2.0, "last": "popup opened"},
			"color": "yellow",
		})
		if errs := c.Errors(id); len(errs) > 0 {
			t.Errorf("errors in the service worker or pages: %q", errs)
		}
	})
}

func TestBuiltExtensionsFirefox(t *testing.T) {
	browsertest.Require(t, browsertest.FirefoxBinary)
	seed := filepath.Join(buildExample(t, "seed"), "firefox")
	mv3 := filepath.Join(buildExample(t, "mv3-module"), "firefox")
	esm := filepath.Join(buildExample(t, "esm-mixed"), "firefox")
	aliased := filepath.Join(buildExample(t, "aliased"), "firefox")
	firefoxFirst := filepath.Join(buildExample(t, "firefox-first"), "firefox")
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	seedAddon, err := f.InstallAddon(ctx, seed, true)
	if err != nil {
		t.Fatal(err)
	}
	mv3Addon, err := f.InstallAddon(ctx, mv3, true)
	if err != nil {
		t.Fatal(err)
	}
	esmAddon, err := f.InstallAddon(ctx, esm, true)
	if err != nil {
		t.Fatal(err)
	}
	aliasedAddon, err := f.InstallAddon(ctx, aliased, true)
	if err != nil {
		t.Fatal(err)
	}
	firefoxFirstAddon, err := f.InstallAddon(ctx, firefoxFirst, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		private bool
		mode    string
	}{
		{"normal window (native path)", false, "native"},
		{"private window (fallback path)", true, "handle"},
	} {
		t.Run("seed "+tt.name, func(t *testing.T) {
			got := decodeResult(t)(f.EvalInPage(ctx, seedAddon.URL("popup.html"), tt.private, pollFirefox("out")))
			expect(t, got, seedWant)
			expect(t, got, map[string]any{"mode": tt.mode})
		})
	}
	for i, tt := range []struct {
		name    string
		private bool
		mode    string
	}{
		{"normal window (native path)", false, "native"},
		{"private window (fallback path)", true, "handle"},
	} {
		t.Run("mv3 module popup "+tt.name, func(t *testing.T) {
			got := decodeResult(t)(f.EvalInPage(ctx, mv3Addon.URL("popup/popup.html"), tt.private, pollFirefox("out")))
			expect(t, got, mv3Want(tt.mode, float64(i+1)))
		})
		t.Run("module background "+tt.name, func(t *testing.T) {
			got := decodeResult(t)(f.EvalInPage(ctx, esmAddon.URL("popup/popup.html"), tt.private, pollFirefox("out")))
			expect(t, got, esmWant(i+1))
		})
		t.Run("a page the manifest does not name "+tt.name, func(t *testing.T) {
			got := decodeResult(t)(f.EvalInPage(ctx, firefoxFirstAddon.URL("tab.html"), tt.private, pollFirefox("out")))
			expect(t, got, map[string]any{"greeting": "hello tab"})
		})
		t.Run("the API through a value "+tt.name, func(t *testing.T) {
			popup, panel := aliasedWant(tt.mode, i+1)
			expect(t, decodeResult(t)(f.EvalInPage(ctx, aliasedAddon.URL("popup.html"), tt.private, pollFirefox("out"))), popup)
			expect(t, decodeResult(t)(f.EvalInPage(ctx, aliasedAddon.URL("panel.html"), tt.private, pollFirefox("out"))), panel)
		})
	}
}
