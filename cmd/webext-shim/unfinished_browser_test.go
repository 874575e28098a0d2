package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// TestUnfinishedInFirefox builds testdata/extensions/unfinished for firefox
// (a vendored script that does not parse, a background script that does not
// exist: both warnings, not refusals) and runs it in Firefox: the add-on
// installs, the scripts that parse run (the popup reads the value of the
// background script after them), and every error Firefox logs about the
// add-on is about one of the two files the build warned about.
func TestUnfinishedInFirefox(t *testing.T) {
	out, stderr := buildExampleFor(t, "unfinished", "firefox")
	for _, want := range []string{"manifest.json:7:43: warning: \"background.scripts[1]\" names \"dist/background.js\", which does not exist", "vendor.js:2:59: warning: Expected \";\" but found \"{\""} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the build does not say %q:\n%s", want, stderr)
		}
	}
	f := browsertest.StartFirefox(t)
	ctx := context.Background()
	start := time.Now()
	addon, err := f.InstallAddon(ctx, filepath.Join(out, "firefox"), false)
	if err != nil {
		t.Fatalf("Firefox refused the build: %v", err)
	}
	raw, err := f.EvalInPage(ctx, addon.URL("popup.html"), false, pollFirefox("out"))
	if err != nil || string(raw) != `"the background ran"` {
		t.Errorf("the popup shows %s, %v; want the background's value", raw, err)
	}
	msgs, err := f.AddonMessages(ctx, addon, start)
	if err != nil {
		t.Fatal(err)
	}
	predicted := 0
	for _, m := range msgs {
		switch {
		case strings.Contains(m.Message, "vendor.js") || strings.Contains(m.Source, "vendor.js") || strings.Contains(m.Message, "dist/background.js"):
			predicted++
		case m.Level == "error":
			t.Errorf("an error the build did not predict: %+v", m)
		}
	}
	if predicted == 0 {
		t.Errorf("Firefox logged nothing about vendor.js or dist/background.js: %+v", msgs)
	}
}

// TestUnfinishedInChromium builds testdata/extensions/unfinished for chrome
// (its chromium:background leaves the missing script out, which Chromium
// would refuse) and runs it in Chromium: the service worker that loads the
// background scripts registers although the first one does not parse, the
// script after it runs (the popup reads its value through the
// getBackgroundPage fallback), and the errors Chromium records are the
// syntax error of vendor.js, which the build warned about.
func TestUnfinishedInChromium(t *testing.T) {
	out, stderr := buildExampleFor(t, "unfinished", "chrome")
	if want := "vendor.js:2:59: warning: Expected \";\" but found \"{\""; !strings.Contains(stderr, want) {
		t.Errorf("the build does not say %q:\n%s", want, stderr)
	}
	dir := filepath.Join(out, "chrome")
	c := browsertest.StartChromium(t, dir)
	id := c.ExtensionID(dir)
	raw, err := c.EvalInPage(context.Background(), "chrome-extension://"+id+"/popup.html", pollText("out"))
	if err != nil || string(raw) != `"the background ran"` {
		t.Errorf("the popup shows %s, %v; want the background's value", raw, err)
	}
	errs := c.Errors(id)
	if len(errs) == 0 {
		t.Errorf("Chromium recorded no error; want the syntax error of vendor.js")
	}
	for _, e := range errs {
		if !strings.Contains(e, "SyntaxError") && !strings.Contains(e, "vendor.js") {
			t.Errorf("an error the build did not predict: %s", e)
		}
	}
}
