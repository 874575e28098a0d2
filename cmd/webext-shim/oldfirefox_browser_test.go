package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// TestOldFirefoxInFirefox builds testdata/extensions/old-firefox, which
// declares Firefox 49 and has let and const that esbuild cannot lower for
// it, for firefox: the build succeeds with a note, leaves the syntax as
// written, keeps the declared minimum, and the extension runs in Firefox
// (the popup calls the background's function).
func TestOldFirefoxInFirefox(t *testing.T) {
	out, stderr := buildExampleFor(t, "old-firefox", "firefox")
	if want := "background.js:1:1: info: esbuild cannot lower const, let for firefox 49"; !strings.Contains(stderr, want) {
		t.Errorf("the build does not say %q:\n%s", want, stderr)
	}
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	addon, err := f.InstallAddon(ctx, filepath.Join(out, "firefox"), false)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.EvalInPage(ctx, addon.URL("popup.html"), false, pollFirefox("out"))
	if err != nil || string(raw) != `"hello, reader (1)"` {
		t.Errorf("the popup shows %s, %v; want the background's greeting", raw, err)
	}
}
