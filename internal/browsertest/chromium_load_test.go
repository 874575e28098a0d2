package browsertest

import (
	"context"
	"github.com/webext-shim/webext-shim/internal/browser"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestChromiumLoadExtension loads extensions one after another into one
// running browser, and reads what the extensions page says of them.
func TestChromiumLoadExtension(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	warned := writeFiles(t, filepath.Join(tmp, "warned"), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"warned","version":"1","permissions":["menus"],"background":{"service_worker":"sw.js"}}`,
		"sw.js":         "console.error('warned: boom');\n",
	})
	broken := writeFiles(t, filepath.Join(tmp, "broken"), map[string]string{
		"manifest.json": `{"manifest_version":3,"name":"broken","version":"1","background":{"service_worker":"sw.js"}}`,
		"sw.js":         "throw new Error('broken: thrown');\n",
	})
	mv2 := writeFiles(t, filepath.Join(tmp, "mv2"), map[string]string{
		"manifest.json": `{"manifest_version":2,"name":"mv2","version":"1","background":{"scripts":["bg.js"]}}`,
		"bg.js":         "",
	})
	c := StartChromium(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	id, err := c.LoadExtension(ctx, warned)
	if err != nil {
		t.Fatal(err)
	}
	want, err := browser.ComputeExtensionID(warned)
	if err != nil {
		t.Fatal(err)
	}
	if id != want || c.ExtensionID(warned) != want {
		t.Errorf("LoadExtension = %q, ExtensionID = %q, want %q", id, c.ExtensionID(warned), want)
	}
	if !c.BackgroundRunning(id) {
		t.Errorf("BackgroundRunning(warned) = false")
	}
	if errs := c.Errors(id); len(errs) != 1 || !strings.Contains(errs[0], "warned: boom") {
		t.Errorf("Errors(warned) = %q, want the console.error", errs)
	}
	msgs, err := c.ExtensionMessages(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(msgs.ManifestErrors, func(w string) bool { return strings.Contains(w, "'menus'") }) {
		t.Errorf("ExtensionMessages(warned) = %+v, want the unknown permission", msgs)
	}
	if err := c.UninstallExtension(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExtensionMessages(ctx, id); err == nil {
		t.Errorf("ExtensionMessages of an uninstalled extension did not fail")
	}

	id, err = c.LoadExtension(ctx, broken)
	if err != nil {
		t.Fatal(err)
	}
	if c.BackgroundRunning(id) {
		t.Errorf("BackgroundRunning(broken) = true")
	}
	if errs := c.Errors(id); len(errs) != 1 || !strings.Contains(errs[0], "broken: thrown") {
		t.Errorf("Errors(broken) = %q, want the exception", errs)
	}
	msgs, err = c.ExtensionMessages(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(msgs.ManifestErrors, func(w string) bool { return strings.Contains(w, "Service worker registration failed") }) {
		t.Errorf("ExtensionMessages(broken) = %+v, want the failed registration", msgs)
	}

	if _, err := c.LoadExtension(ctx, mv2); err == nil {
		t.Errorf("LoadExtension of a Manifest V2 extension did not fail")
	} else if !strings.Contains(err.Error(), "unsupported manifest version") {
		t.Errorf("LoadExtension of a Manifest V2 extension failed with %v, want the reason", err)
	}
}
