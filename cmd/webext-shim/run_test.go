package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// runCmd runs the command line and returns its exit code, stdout and stderr.
func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenFile(t, filepath.Join("testdata", name), got)
}

// goldenFile compares got with the file at path, or rewrites it with
// -update.
func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestGoldenOutputs(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // golden file for stdout
	}{
		{"compat getBackgroundPage", []string{"compat", "runtime.getBackgroundPage", "--target", "firefox,chrome"}, exitOK, "compat-getbackgroundpage.txt"},
		{"compat executeScript", []string{"compat", "tabs.executeScript", "--target", "chrome>=120"}, exitOK, "compat-executescript.txt"},
		{"compat all browsers", []string{"compat", "manifest.background.service_worker", "action"}, exitOK, "compat-all-browsers.txt"},
		{"compat json", []string{"compat", "runtime.getBackgroundPage", "-t", "firefox,chrome", "--json"}, exitOK, "compat-getbackgroundpage.json"},
		{"compat getURL", []string{"compat", "extension.getURL", "--target", "chrome"}, exitOK, "compat-geturl.txt"},
		{"compat offscreen", []string{"compat", "offscreen.createDocument", "manifest.permissions.offscreen", "--target", "chrome>=120,firefox,safari"}, exitOK, "compat-offscreen.txt"},
		{"compat approximate", []string{"compat", "manifest.name", "--target", "chrome>=14,opera>=30"}, exitOK, "compat-approximate.txt"},
		{"compat approximate json", []string{"compat", "manifest.name", "--target", "chrome>=50 <=56", "--json"}, exitOK, "compat-approximate.json"},
		{"version", []string{"version"}, exitOK, "version.txt"},
		{"version json", []string{"version", "--json"}, exitOK, "version.json"},
		{"help", []string{"help"}, exitOK, "help.txt"},
		{"help flag", []string{"--help"}, exitOK, "help.txt"},
		{"help compat", []string{"help", "compat"}, exitOK, "help-compat.txt"},
		{"compat -h", []string{"compat", "-h"}, exitOK, "help-compat.txt"},
		{"help shim", []string{"help", "shim"}, exitOK, "help-shim.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(tt.args...)
			if code != tt.code {
				t.Fatalf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if strings.HasSuffix(tt.stdout, ".json") && !json.Valid([]byte(stdout)) {
				t.Fatalf("stdout is not valid JSON:\n%s", stdout)
			}
			golden(t, tt.stdout, stdout)
		})
	}
}

func TestCompatAcceptance(t *testing.T) {
	_, out, _ := runCmd("compat", "runtime.getBackgroundPage", "--target", "firefox,chrome")
	for _, want := range []string{
		"firefox 133-160+  45", "private browsing window", "returns null in private windows",
		"chrome 131-157+   22", "not available in service-worker backgrounds (Manifest V3)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("compat output lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCmd("compat", "tabs.executeScript", "--target", "chrome>=120")
	if !strings.Contains(out, "Manifest V2 only") {
		t.Errorf("compat tabs.executeScript does not say Manifest V2 only:\n%s", out)
	}
	// Issue 15: an API Chrome's Manifest V3 lacks.
	_, out, _ = runCmd("compat", "extension.getURL", "--target", "chrome")
	for _, want := range []string{"Manifest V2 only", "not in Chrome's Manifest V3 API", "output for chrome is Manifest V3: not available there"} {
		if !strings.Contains(out, want) {
			t.Errorf("compat extension.getURL lacks %q:\n%s", want, out)
		}
	}
	// Issue 16: a Chrome-only API.
	_, out, _ = runCmd("compat", "offscreen.createDocument", "--target", "firefox")
	if !strings.Contains(out, "not supported") {
		t.Errorf("compat offscreen.createDocument on firefox does not say not supported:\n%s", out)
	}
	// Issue 19: "≤54" is not "missing in 14-53".
	_, out, _ = runCmd("compat", "manifest.name", "--target", "chrome>=14")
	if strings.Contains(out, "missing") || !strings.Contains(out, "since ≤54, exact start unknown") {
		t.Errorf("compat manifest.name on chrome>=14:\n%s", out)
	}
	_, out, _ = runCmd("version")
	for _, want := range []string{"@mdn/browser-compat-data 8.1.9", "chrome-types 0.1.457", "2026-11-12"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown browser", []string{"compat", "action", "--target", "netscape"}, exitUsage, `unknown browser "netscape"; known: chrome, edge, opera, firefox, firefox-android, safari, safari-ios`},
		{"near miss", []string{"shim", "--target", "firefx"}, exitUsage, `did you mean "firefox"?`},
		{"unknown feature", []string{"compat", "runtime.getBackgroundPag"}, exitUsage, `unknown feature "runtime.getBackgroundPag"; did you mean "runtime.getBackgroundPage"?`},
		{"no feature", []string{"compat"}, exitUsage, "no feature given"},
		{"bad flag", []string{"compat", "--nope", "action"}, exitUsage, "unknown flag: --nope"},
		{"version args", []string{"version", "x"}, exitUsage, "version takes no arguments"},
		{"empty target", []string{"shim", "--target", ""}, exitUsage, "--target is required"},
		{"duplicate target", []string{"compat", "action", "-t", "chrome,chrome>=120"}, exitUsage, `duplicate target "chrome"`},
		{"bad constraint", []string{"compat", "action", "-t", "chrome>=abc"}, exitUsage, `invalid version constraint ">=abc"`},
		{"no release", []string{"compat", "action", "-t", "chrome@999"}, exitUsage, `no chrome release matches "=999"`},
		{"unknown api", []string{"shim", "-t", "chrome", "--api", "tabs.query"}, exitUsage, `no shim provides "tabs.query"`},
		{"help unknown", []string{"help", "frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"unwritable output", []string{"shim", "-t", "chrome", "-o", "/nonexistent-dir/x.js"}, exitBuild, `writing "/nonexistent-dir/x.js"`},
		{"build unknown browser", []string{"--target", "netscape"}, exitUsage, `unknown browser "netscape"; known: chrome, edge, opera, firefox, firefox-android, safari, safari-ios`},
		{"build missing source", []string{"--target", "chrome", "testdata/nonexistent"}, exitUsage, `the source "testdata/nonexistent" is not a directory`},
		{"build two sources", []string{"build", "a", "b"}, exitUsage, `build takes one source directory, got 2 arguments`},
		{"build syntax error", []string{"build", "-t", "chrome", "testdata/broken"}, exitBuild, "sw.js:1:10: error: Unexpected \";\""},
		{"check syntax error", []string{"check", "-t", "chrome", "testdata/broken"}, exitBuild, "webext-shim check: build failed: 1 error\n"},
		{"build no manifest", []string{"build", "-t", "chrome", "testdata"}, exitBuild, "manifest.json: error: no manifest.json in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tt.stderr)
			}
		})
	}
}

// TestBuildJSON checks that build --json prints one JSON document with the
// targets, files, shims and diagnostics, and that check writes nothing.
func TestBuildJSON(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCmd("--target", "chrome,firefox", "-o", out, "--json", "../../testdata/extensions/seed")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		OK      bool `json:"ok"`
		Targets []struct {
			Browser         string   `json:"browser"`
			ManifestVersion int      `json:"manifestVersion"`
			Shims           []string `json:"shims"`
			Files           []struct {
				Path string `json:"path"`
				Size int64  `json:"size"`
			} `json:"files"`
		} `json:"targets"`
		Diagnostics []any `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("stdout is not the JSON document: %v\n%s", err, stdout)
	}
	if !doc.OK || len(doc.Targets) != 2 || doc.Targets[0].Browser != "chrome" || doc.Targets[0].ManifestVersion != 3 ||
		len(doc.Targets[0].Shims) != 1 || len(doc.Targets[1].Files) == 0 || doc.Diagnostics == nil {
		t.Errorf("unexpected document: %+v", doc)
	}
	for _, tr := range doc.Targets {
		for _, f := range tr.Files {
			st, err := os.Stat(filepath.Join(out, tr.Browser, f.Path))
			if err != nil || st.Size() != f.Size {
				t.Errorf("%s/%s: %v, size %d in the document", tr.Browser, f.Path, err, f.Size)
			}
		}
	}
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "manifest.json"), []byte(`{"manifest_version": 3, "name": "x", "version": "1"}`), 0o644)
	if code, _, stderr := runCmd("check", "-t", "chrome", src); code != exitOK {
		t.Fatalf("check: exit %d: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(src); len(entries) != 1 {
		t.Errorf("check wrote into the source: %v", entries)
	}
}
