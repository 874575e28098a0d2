package browsertest

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFirefoxAddonMessages installs add-ons one after another into one
// browser and reads what the console says of each.
func TestFirefoxAddonMessages(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	noisy := writeFiles(t, filepath.Join(tmp, "noisy"), map[string]string{
		"manifest.json": `{"manifest_version":2,"name":"noisy","version":"1","permissions":["sidePanel"],
  "browser_specific_settings": {"gecko": {"id": "noisy@webext-shim.test"}},
  "background":{"scripts":["bg.js"]}, "options_ui": {"page": "options.html"}}`,
		"bg.js":        "console.error('noisy: boom');\nsetTimeout(() => { throw new Error('noisy: thrown'); }, 0);\nPromise.reject(new Error('noisy: rejected'));\n",
		"options.html": "<!doctype html>\n<script src=\"options.js\"></script>\n",
		"options.js":   "console.error('options: boom');\nnosuchfunction();\n",
	})
	f := StartFirefox(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	since := time.Now()
	addon, err := f.InstallAddon(ctx, noisy, false)
	if err != nil {
		t.Fatal(err)
	}
	if state, err := f.BackgroundState(ctx, addon.ID); err != nil || state != "running" {
		t.Errorf("BackgroundState = %q, %v; want running", state, err)
	}
	time.Sleep(500 * time.Millisecond)
	msgs, err := f.AddonMessages(ctx, addon, since)
	if err != nil {
		t.Fatal(err)
	}
	checkMessages(t, "background", msgs, []string{
		"error script Error: noisy: thrown bg.js:2",
		"error script Error: noisy: rejected bg.js:3",
		`error console console.error: "noisy: boom" :0`,
	})
	warnings, err := f.AddonWarnings(ctx, addon.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `Value "sidePanel" must either`) {
		t.Errorf("AddonWarnings = %q, want the unknown permission", warnings)
	}

	mid := time.Now()
	if _, err := f.EvalInPage(ctx, addon.URL("options.html"), false, `await new Promise(r => setTimeout(r, 300)); resolve(true);`); err != nil {
		t.Fatal(err)
	}
	msgs, err = f.AddonMessages(ctx, addon, mid)
	if err != nil {
		t.Fatal(err)
	}
	checkMessages(t, "options", msgs, []string{
		`error console console.error: "options: boom" :0`,
		"error script ReferenceError: nosuchfunction is not defined options.js:2",
	})
	if err := f.UninstallAddon(ctx, addon.ID); err != nil {
		t.Fatal(err)
	}
	if state, err := f.BackgroundState(ctx, addon.ID); err != nil || state != "gone" {
		t.Errorf("BackgroundState after the uninstall = %q, %v; want gone", state, err)
	}
}

// checkMessages compares console messages, as "LEVEL KIND MESSAGE FILE:LINE"
// with the file's base name, in any order.
func checkMessages(t *testing.T, what string, msgs []ConsoleMessage, want []string) {
	t.Helper()
	var got []string
	for _, m := range msgs {
		base := ""
		if m.Source != "" {
			base = path.Base(m.Source)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s:%d", m.Level, m.Kind, m.Message, base, m.Line))
	}
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("%s: messages\n%s\nwant\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
