package browsertest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/webext-shim/webext-shim/internal/browser"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// writeFiles writes the files, by name relative to dir, and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// fakeTB records what the skip rules do.
type fakeTB struct {
	skipped, failed string
}

func (f *fakeTB) Helper()           {}
func (f *fakeTB) Skip(args ...any)  { f.skipped = fmt.Sprint(args...) }
func (f *fakeTB) Fatal(args ...any) { f.failed = fmt.Sprint(args...) }

func TestRequire(t *testing.T) {
	// A PATH with a fake chromium and no firefox-esr.
	bin := t.TempDir()
	fake := filepath.Join(bin, ChromiumBinary)
	if err := os.WriteFile(fake, []byte("#!/bin/sh\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)

	for _, e2e := range []string{"", "0", "1"} {
		t.Run("E2E="+e2e, func(t *testing.T) {
			t.Setenv(EnvE2E, e2e)

			var present fakeTB
			if got := require(&present, ChromiumBinary); got != fake || present != (fakeTB{}) {
				t.Errorf("require(chromium) = %q, %+v; want %q and neither skip nor failure", got, present, fake)
			}

			var missing fakeTB
			if got := require(&missing, FirefoxBinary); got != "" {
				t.Errorf("require(firefox-esr) = %q, want \"\"", got)
			}
			msg, other := missing.skipped, missing.failed
			if e2e == "1" {
				msg, other = missing.failed, missing.skipped
			}
			if msg == "" || other != "" {
				t.Fatalf("require(firefox-esr) with %s=%q: skipped %q, failed %q", EnvE2E, e2e, missing.skipped, missing.failed)
			}
			for _, want := range []string{`"firefox-esr"`, "apt-get install -y chromium firefox-esr", "WEBEXT_SHIM_E2E=1"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
		})
	}

	// The real testing.T skips.
	t.Setenv(EnvE2E, "")
	var sub *testing.T
	t.Run("skips", func(t *testing.T) {
		sub = t
		Require(t, FirefoxBinary)
		t.Error("Require did not stop the test")
	})
	if !sub.Skipped() {
		t.Error("Require did not skip the test")
	}
}

func TestComputeExtensionIDFromKey(t *testing.T) {
	// The id depends on the key's bytes only, not on the directory.
	// TestChromium checks a real key against the browser.
	key := base64.StdEncoding.EncodeToString([]byte("not a real public key"))
	manifest := map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"k","version":"1","key":"` + key + `"}`,
	}
	id, err := browser.ComputeExtensionID(writeFiles(t, t.TempDir(), manifest))
	if err != nil {
		t.Fatal(err)
	}
	if len(id) != 32 || strings.Trim(id, "abcdefghijklmnop") != "" {
		t.Errorf("ComputeExtensionID = %q, want 32 letters a to p", id)
	}
	other, err := browser.ComputeExtensionID(writeFiles(t, t.TempDir(), manifest))
	if err != nil || other != id {
		t.Errorf("the id of the same key in another directory is %q, %v; want %q", other, err, id)
	}
	if _, err := browser.ComputeExtensionID(t.TempDir()); err == nil {
		t.Error("ComputeExtensionID of a directory without a manifest did not fail")
	}
}

// chromiumTestExtension is an MV3 extension with a service worker, a popup
// and a content script.
var chromiumTestExtension = map[string]string{
	"manifest.json": `{
  "manifest_version": 3,
  "name": "browsertest",
  "version": "1",
  "background": {"service_worker": "sw.js"},
  "action": {"default_popup": "popup.html"},
  "content_scripts": [{"matches": ["http://127.0.0.1/*"], "js": ["content.js"], "run_at": "document_end"}]
}`,
	"sw.js":      "self.answer = () => 42;\n",
	"popup.html": "<!doctype html>\n<title>popup</title>\n<script src=\"popup.js\"></script>\n",
	"popup.js":   "window.ready = true;\n",
	"content.js": "document.documentElement.dataset.contentScript = chrome.runtime.id;\n",
}

func TestChromium(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	ext := writeFiles(t, filepath.Join(tmp, "ext"), chromiumTestExtension)
	noisy := writeFiles(t, filepath.Join(tmp, "noisy"), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"noisy","version":"1","background":{"service_worker":"sw.js"}}`,
		"sw.js":         "console.error('noisy: boom');\nsetTimeout(() => { throw new Error('noisy: thrown'); }, 0);\n",
	})
	// A worker whose script throws does not register.
	broken := writeFiles(t, filepath.Join(tmp, "broken"), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"broken","version":"1","background":{"service_worker":"sw.js"}}`,
		"sw.js":         "throw new Error('broken: thrown');\n",
	})
	// An extension with a "key" has an id derived from the key.
	priv, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	keyed := writeFiles(t, filepath.Join(tmp, "keyed"), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"keyed","version":"1","key":"` + base64.StdEncoding.EncodeToString(der) + `"}`,
	})
	web := writeFiles(t, filepath.Join(tmp, "web"), map[string]string{
		"index.html": "<!doctype html>\n<title>web</title>\n<p>hello</p>\n",
		"sw.js":      "self.addEventListener('message', e => e.source.postMessage('pong'));\n",
	})

	start := time.Now()
	c := StartChromium(t, ext, noisy, broken, keyed)
	t.Logf("started in %v", time.Since(start))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	// The errors of the workers' start are in when StartChromium returns.
	if errs := c.Errors(c.ExtensionID(noisy)); len(errs) != 2 || !strings.Contains(errs[0], "console.error: noisy: boom (chrome-extension://") || !strings.Contains(errs[1], "Uncaught Error: noisy: thrown (chrome-extension://") {
		t.Errorf("Errors(noisy) = %q, want the console.error and the exception", errs)
	}
	if errs := c.Errors(c.ExtensionID(broken)); len(errs) != 1 || !strings.Contains(errs[0], "Uncaught Error: broken: thrown (chrome-extension://") {
		t.Errorf("Errors(broken) = %q, want the exception", errs)
	}

	id := c.ExtensionID(ext)
	for _, dir := range []string{ext, noisy, broken, keyed} {
		want, err := browser.ComputeExtensionID(dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.ExtensionID(dir); got != want {
			t.Errorf("ExtensionID(%q) = %q, ComputeExtensionID = %q", dir, got, want)
		}
	}
	if rel, err := filepath.Rel(mustGetwd(t), ext); err == nil {
		if got := c.ExtensionID(rel); got != id {
			t.Errorf("ExtensionID(%q) = %q, want %q", rel, got, id)
		}
	}
	if got := c.ExtensionID(tmp); got != "" {
		t.Errorf("ExtensionID of a directory without an extension = %q, want \"\"", got)
	}

	popup := "chrome-extension://" + id + "/popup.html"
	checkJSON(t, "popup", must(c.EvalInPage(ctx, popup,
		`({ready: window.ready === true, id: chrome.runtime.id, bg: typeof chrome.extension.getBackgroundPage()})`)),
		map[string]any{"ready": true, "id": id, "bg": "undefined"})
	checkJSON(t, "service worker", must(c.EvalInServiceWorker(ctx, id, "answer()")), 42.0)
	checkJSON(t, "awaited promise", must(c.EvalInServiceWorker(ctx, id, "Promise.resolve('later')")), "later")
	checkJSON(t, "undefined", must(c.EvalInPage(ctx, popup, "undefined")), nil)

	if _, err := c.EvalInPage(ctx, popup, "Promise.reject(new Error('rejected on purpose'))"); err == nil || !strings.Contains(err.Error(), "rejected on purpose") {
		t.Errorf("a rejected promise gave the error %v", err)
	}
	if _, err := c.EvalInServiceWorker(ctx, id, "nosuchfunction()"); err == nil || !strings.Contains(err.Error(), "nosuchfunction") {
		t.Errorf("an exception in the service worker gave the error %v", err)
	}

	// A content script in a web page.
	base := ServeDir(t, web)
	checkJSON(t, "content script", must(c.EvalInPage(ctx, base+"/index.html",
		`new Promise(resolve => {
			const look = () => document.documentElement.dataset.contentScript ? resolve(document.documentElement.dataset.contentScript) : setTimeout(look, 10);
			look();
		})`)), id)

	// A stopped service worker starts again, with its state lost.
	checkJSON(t, "state", must(c.EvalInServiceWorker(ctx, id, "self.state = 'kept'")), "kept")
	if err := c.StopServiceWorkers(ctx); err != nil {
		t.Fatal(err)
	}
	checkJSON(t, "restarted service worker", must(c.EvalInServiceWorker(ctx, id, "[answer(), typeof self.state]")), []any{42.0, "undefined"})

	// A web page's service worker runs too.
	checkJSON(t, "web service worker", must(c.EvalInPage(ctx, base+"/index.html",
		`navigator.serviceWorker.register("sw.js").then(() => navigator.serviceWorker.ready).then(r => !!r.active)`)), true)

	// No errors of ours: exceptions in evaluations are the caller's, not
	// the extension's.
	if _, err := c.EvalInServiceWorker(ctx, c.ExtensionID(broken), "1"); err == nil || !strings.Contains(err.Error(), "broken: thrown") {
		t.Errorf("evaluating in a worker that did not start gave the error %v", err)
	}
	if errs := c.Errors(id); len(errs) != 0 {
		t.Errorf("Errors(%q) = %q, want none", id, errs)
	}
	if errs := c.Errors(""); len(errs) != 0 {
		t.Errorf("Errors(\"\") = %q, want none", errs)
	}
}

// TestChromiumBadManifest checks that StartChromium reports why an
// extension did not load.
func TestChromiumBadManifest(t *testing.T) {
	Require(t, ChromiumBinary)
	t.Parallel()
	bad := writeFiles(t, t.TempDir(), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"no version"}`,
	})
	c, err := NewChromium(bad)
	if err == nil {
		c.Close()
		t.Fatal("NewChromium with a bad manifest did not fail")
	}
	if !strings.Contains(err.Error(), "'version' is missing") {
		t.Errorf("NewChromium with a bad manifest failed with %v, want the reason", err)
	}
}

// firefoxTestExtension is an MV2 extension with a background script and a
// popup.
var firefoxTestExtension = map[string]string{
	"manifest.json": `{
  "manifest_version": 2,
  "name": "browsertest",
  "version": "1",
  "browser_specific_settings": {"gecko": {"id": "browsertest@webext-shim.test"}},
  "background": {"scripts": ["background.js"]},
  "browser_action": {"default_popup": "popup.html"}
}`,
	"background.js": "function foo() { return \"hi\"; }\n",
	"popup.html":    "<!doctype html>\n<title>popup</title>\n<script src=\"popup.js\"></script>\n",
	"popup.js":      "window.ready = true;\n",
}

func TestFirefox(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	ext := writeFiles(t, filepath.Join(tmp, "ext"), firefoxTestExtension)
	web := writeFiles(t, filepath.Join(tmp, "web"), map[string]string{
		"index.html": "<!doctype html>\n<title>web page</title>\n",
	})

	start := time.Now()
	f := StartFirefox(t)
	t.Logf("started in %v", time.Since(start))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	addon, err := f.InstallAddon(ctx, ext, true)
	if err != nil {
		t.Fatal(err)
	}
	if addon.ID != "browsertest@webext-shim.test" || addon.UUID == "" {
		t.Errorf("InstallAddon = %+v", addon)
	}
	popup := addon.URL("popup.html")
	if want := "moz-extension://" + addon.UUID + "/popup.html"; popup != want {
		t.Errorf("URL = %q, want %q", popup, want)
	}

	checkJSON(t, "normal window", must(f.EvalInPage(ctx, popup, false, `
		const bg = page.browser.extension.getBackgroundPage();
		resolve({ready: page.ready === true, foo: bg ? bg.foo() : null});`)),
		map[string]any{"ready": true, "foo": "hi"})
	checkJSON(t, "private window", must(f.EvalInPage(ctx, popup, true, `
		resolve({ready: page.ready === true, bg: page.browser.extension.getBackgroundPage()});`)),
		map[string]any{"ready": true, "bg": nil})
	checkJSON(t, "returned and awaited", must(f.EvalInPage(ctx, popup, true, `
		const bg = await page.browser.runtime.getBackgroundPage();
		return JSON.stringify(bg);`)), "null")
	checkJSON(t, "web page", must(f.EvalInPage(ctx, ServeDir(t, web)+"/index.html", false, `resolve(document.title)`)), "web page")

	if _, err := f.EvalInPage(ctx, popup, false, `throw new Error("thrown on purpose")`); err == nil || !strings.Contains(err.Error(), "thrown on purpose") {
		t.Errorf("an exception gave the error %v", err)
	}
	// Every window that EvalInPage opened is closed again.
	handles := must(f.Command(ctx, "WebDriver:GetWindowHandles", nil))
	var hs []string
	if err := json.Unmarshal(handles, &hs); err != nil || len(hs) != 1 {
		t.Errorf("window handles after the evaluations: %s", handles)
	}
}

// must returns the result, or an error as the JSON {"error": MESSAGE}, which
// checkJSON then reports as a wrong result.
func must(v json.RawMessage, err error) json.RawMessage {
	if err != nil {
		return json.RawMessage(fmt.Sprintf(`{"error": %q}`, err.Error()))
	}
	return v
}

// checkJSON checks that the JSON got decodes to want.
func checkJSON(t *testing.T, what string, got json.RawMessage, want any) {
	t.Helper()
	var v any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Errorf("%s: result %s: %v", what, got, err)
		return
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("%s: got %s, want %#v", what, got, want)
	}
}

// mustGetwd returns the working directory.
func mustGetwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}
