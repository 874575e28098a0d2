package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/gen/compat.golden.json")

const (
	testBCD    = "../testdata/gen/bcd"
	testCT     = "../testdata/gen/chrome-types"
	goldenFile = "../testdata/gen/compat.golden.json"
)

// TestMain lets the test binary stand in for npm (see fakeNPM).
func TestMain(m *testing.M) {
	if os.Getenv("GEN_TEST_FAKE_NPM") == "1" {
		os.Exit(fakeNPM(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func TestGolden(t *testing.T) {
	out := filepath.Join(t.TempDir(), "compat.json")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-bcd", testBCD, "-chrome-types", testCT, "-o", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(goldenFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run go test ./targets/gen -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./targets/gen -update and review the diff):\n%s", goldenFile, firstDiff(got, want))
	}

	// Same input, same bytes.
	out2 := filepath.Join(t.TempDir(), "again.json")
	if code := run([]string{"-bcd", testBCD, "-chrome-types", testCT, "-o", out2}, io.Discard, io.Discard); code != 0 {
		t.Fatal("second run failed")
	}
	again, _ := os.ReadFile(out2)
	if !bytes.Equal(got, again) {
		t.Error("two runs gave different bytes")
	}
}

// TestGoldenContent checks the facts the rest of webext-shim relies on, so
// that an -update cannot silently lose them.
func TestGoldenContent(t *testing.T) {
	data, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Generated string                  `json:"generated"`
		Sources   sources                 `json:"sources"`
		Browsers  map[string]browser      `json:"browsers"`
		Features  map[string]feature      `json:"features"`
		Chrome    map[string]chromeMember `json:"chrome"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c.Generated != generatedMarker {
		t.Errorf("generated = %q", c.Generated)
	}
	if want := (sources{BCD: "8.1.9", ChromeTypes: "0.1.457", Date: "2026-11-12", ChromeTypesDate: "2026-10-16"}); c.Sources != want {
		t.Errorf("sources = %+v, want %+v", c.Sources, want)
	}
	if len(c.Browsers) != 7 {
		t.Errorf("%d browsers, want 7", len(c.Browsers))
	}
	var vs []string
	for _, r := range c.Browsers["chrome"].Releases {
		vs = append(vs, r.V)
	}
	if got := strings.Join(vs, " "); got != "1 9 10 22 88 99 133 157 160" {
		t.Errorf("chrome releases = %s", got)
	}
	if c.Browsers["safari-ios"].Name != "Safari on iOS" || c.Browsers["firefox-android"].Name != "Firefox for Android" {
		t.Error("browsers are not keyed by our names")
	}

	st := func(feature, browser string) []statement { return c.Features[feature].Support[browser] }
	checks := []struct {
		name string
		ok   bool
	}{
		{"runtime.getBackgroundPage chrome 22", len(st("runtime.getBackgroundPage", "chrome")) == 1 && st("runtime.getBackgroundPage", "chrome")[0].Added == "22"},
		{"runtime.getBackgroundPage firefox 45 with the private-window note", len(st("runtime.getBackgroundPage", "firefox")) == 1 &&
			st("runtime.getBackgroundPage", "firefox")[0].Added == "45" &&
			strings.Contains(strings.Join(st("runtime.getBackgroundPage", "firefox")[0].Notes, " "), "private browsing window") &&
			strings.Contains(strings.Join(st("runtime.getBackgroundPage", "firefox")[0].Notes, " "), "return null.")},
		{"tabs.executeScript chrome mv 2", st("tabs.executeScript", "chrome")[0].MV == 2},
		{"manifest.background.service_worker firefox never", st("manifest.background.service_worker", "firefox") != nil && len(st("manifest.background.service_worker", "firefox")) == 0},
		{"manifest.background.persistent chrome ≤58", reflect.DeepEqual(st("manifest.background.persistent", "chrome")[0], statement{Added: "58", Approx: true, MV: 2, Notes: []string{"Available for use in Manifest V2 only."}})},
		{"dns chrome preview", st("dns", "chrome")[0].Added == "preview"},
		{"userScripts mv 3", st("userScripts", "chrome")[0].MV == 3},
		{"menus.ContextType.page_action firefox mv3Since", st("menus.ContextType.page_action", "firefox")[0].MV3Since == "138"},
		{"manifest.action.icon_variants flags", st("manifest.action.icon_variants", "chrome")[0].Flags},
		{"manifest.options_ui has no entry", c.Features["manifest.options_ui"].Support == nil},
		{"extension.getURL not in chrome-types", c.Features["extension.getURL"].NotInChromeTypes},
		{"tabs.executeScript not in chrome-types", c.Features["tabs.executeScript"].NotInChromeTypes},
		{"extension.getBackgroundPage in chrome-types", !c.Features["extension.getBackgroundPage"].NotInChromeTypes},
		{"tabs.Tab.active not compared", !c.Features["tabs.Tab.active"].NotInChromeTypes},
		{"offscreen.createDocument from chrome-types, chrome 109", c.Features["offscreen.createDocument"].Source == sourceChromeTypes &&
			reflect.DeepEqual(st("offscreen.createDocument", "chrome"), []statement{{Added: "109"}}) &&
			st("offscreen.createDocument", "firefox") != nil && len(st("offscreen.createDocument", "firefox")) == 0},
		{"sidePanel.close from chrome-types, sidePanel.open from BCD", c.Features["sidePanel.close"].Source == sourceChromeTypes && c.Features["sidePanel.open"].Source == ""},
		{"manifest.permissions.offscreen from chrome-types", c.Features["manifest.permissions.offscreen"].Source == sourceChromeTypes},
		{"no contextMenus (BCD's menus)", c.Features["contextMenus"].Support == nil && c.Features["contextMenus.remove"].Support == nil},
		{"no webAccessibleResources (types only)", c.Features["webAccessibleResources"].Support == nil},
	}
	for _, ck := range checks {
		if !ck.ok {
			t.Errorf("%s: not so in %s", ck.name, goldenFile)
		}
	}

	ptr := func(n int) *int { return &n }
	wantChrome := map[string]chromeMember{
		"runtime.getBackgroundPage": {Kind: "function", PromiseSince: "99", NoServiceWorker: true, DeprecatedSince: "133",
			Deprecated: "Background pages do not exist in MV3 extensions.", MinArgs: ptr(0), MaxArgs: ptr(0), CallbackArgs: ptr(1)},
		"extension.getBackgroundPage":   {Kind: "function", NoServiceWorker: true, MinArgs: ptr(0), MaxArgs: ptr(0)},
		"storage.local.get":             {Kind: "function", PromiseSince: "95", MinArgs: ptr(0), MaxArgs: ptr(1), CallbackArgs: ptr(1)},
		"runtime.onMessage":             {Kind: "event"},
		"action":                        {Kind: "namespace", Since: "88", MinManifest: 3},
		"devtools.inspectedWindow.eval": {Kind: "function", PromiseSince: "151", MinArgs: ptr(1), MaxArgs: ptr(2), CallbackArgs: ptr(1)},
	}
	for k, want := range wantChrome {
		got, _ := json.Marshal(c.Chrome[k])
		w, _ := json.Marshal(want)
		if !bytes.Equal(got, w) {
			t.Errorf("chrome[%q] = %s, want %s", k, got, w)
		}
	}
}

// firstDiff shows where two outputs start to differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n got: %.300s\nwant: %.300s", i+1, x, y)
		}
	}
	return "(same lines)"
}

func TestRunUsage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.json")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"help", []string{"-h"}, 0, "usage:"},
		{"nothing", nil, 2, "one of -bcd and -bcd-version is required"},
		{"no chrome-types", []string{"-bcd", testBCD}, 2, "one of -chrome-types and -chrome-types-version is required"},
		{"unknown flag", []string{"-x"}, 2, "flag provided but not defined"},
		{"argument", []string{"-bcd", testBCD, "-chrome-types", testCT, "extra"}, 2, `unexpected argument "extra"`},
		{"empty output", []string{"-bcd", testBCD, "-chrome-types", testCT, "-o", ""}, 2, "-o must not be empty"},
		{"missing dir", []string{"-bcd", filepath.Join(dir, "nope"), "-chrome-types", testCT, "-o", out}, 1, "reading browser-compat-data"},
		{"bcd version mismatch", []string{"-bcd", testBCD, "-bcd-version", "9.0.0", "-chrome-types", testCT, "-o", out}, 1, `is browser-compat-data "8.1.9", not the "9.0.0" asked for`},
		{"chrome-types version mismatch", []string{"-bcd", testBCD, "-chrome-types", testCT, "-chrome-types-version", "0.1.1", "-o", out}, 1, `is chrome-types "0.1.457", not the "0.1.1" asked for`},
		{"versions match", []string{"-bcd", testBCD, "-bcd-version", "8.1.9", "-chrome-types", testCT, "-chrome-types-version", "0.1.457", "-o", out}, 0, ""},
		{"unwritable output", []string{"-bcd", testBCD, "-chrome-types", testCT, "-o", filepath.Join(dir, "no", "such", "dir.json")}, 1, "writing the output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
		})
	}
}

func TestRunReport(t *testing.T) {
	var stdout, stderr bytes.Buffer
	out := filepath.Join(t.TempDir(), "x.json")
	if code := run([]string{"-bcd", testBCD, "-chrome-types", testCT, "-o", out, "-report"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{"Available for use (?:in|with) Manifest V2 only", "unrecognised notes that mention a manifest version: 0"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestPackageDirForms(t *testing.T) {
	// DIR may be the package directory or the directory holding package/,
	// as `tar xzf` leaves it.
	dir := t.TempDir()
	for _, f := range []string{"bcd/data.json", "chrome-types/index.d.ts", "chrome-types/package.json"} {
		src, err := os.ReadFile(filepath.Join("../testdata/gen", f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, strings.Replace(f, "/", "/package/", 1))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "x.json")
	var stderr bytes.Buffer
	if code := run([]string{"-bcd", filepath.Join(dir, "bcd"), "-chrome-types", filepath.Join(dir, "chrome-types"), "-o", out}, io.Discard, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	got, _ := os.ReadFile(out)
	want, _ := os.ReadFile(goldenFile)
	if !bytes.Equal(got, want) {
		t.Error("output differs from the golden file")
	}
}

// fakeNPM acts as `npm pack --json --ignore-scripts SPEC...` for the
// testdata packages: it writes their archives into the working directory
// and prints what npm prints. GEN_TEST_FAKE_NPM_MODE selects misbehaviour.
func fakeNPM(args []string) int {
	if len(args) < 3 || args[0] != "pack" || args[1] != "--json" || args[2] != "--ignore-scripts" {
		fmt.Fprintf(os.Stderr, "fake npm: unexpected arguments %q\n", args)
		return 1
	}
	mode := os.Getenv("GEN_TEST_FAKE_NPM_MODE")
	if mode == "fail" {
		fmt.Fprintln(os.Stderr, "npm error 404 Not Found")
		return 1
	}
	dirs := map[string]string{
		"@mdn/browser-compat-data@8.1.9": os.Getenv("GEN_TEST_BCD"),
		"chrome-types@0.1.457":           os.Getenv("GEN_TEST_CT"),
	}
	type packed struct {
		Name     string `json:"name"`
		Version  string `json:"version"`
		Filename string `json:"filename"`
	}
	var out []packed
	for _, spec := range args[3:] {
		dir, ok := dirs[spec]
		if !ok {
			fmt.Fprintf(os.Stderr, "npm error 404 %s\n", spec)
			return 1
		}
		i := strings.LastIndex(spec, "@")
		name, version := spec[:i], spec[i+1:]
		file := strings.ReplaceAll(strings.TrimPrefix(name, "@"), "/", "-") + "-" + version + ".tgz"
		entries := map[string]string{}
		fs, _ := os.ReadDir(dir)
		for _, f := range fs {
			b, _ := os.ReadFile(filepath.Join(dir, f.Name()))
			entries["package/"+f.Name()] = string(b)
		}
		if mode == "escape" {
			entries["package/../../evil"] = "x"
		}
		if err := os.WriteFile(file, makeTGZ(entries, nil), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		out = append(out, packed{name, version, file})
	}
	json.NewEncoder(os.Stdout).Encode(out)
	return 0
}

// makeTGZ builds a .tgz with regular files (sorted) and extra headers.
func makeTGZ(files map[string]string, extra []*tar.Header) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	tw := tar.NewWriter(zw)
	for _, name := range sortedKeys(files) {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(files[name])), Typeflag: tar.TypeReg})
		tw.Write([]byte(files[name]))
	}
	for _, h := range extra {
		tw.WriteHeader(h)
	}
	tw.Close()
	zw.Close()
	return b.Bytes()
}

func TestFetchWithFakeNPM(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	t.Setenv("GEN_TEST_FAKE_NPM", "1")
	t.Setenv("GEN_TEST_BCD", abs(testBCD))
	t.Setenv("GEN_TEST_CT", abs(testCT))
	old := npmCommand
	npmCommand = exe
	defer func() { npmCommand = old }()

	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, mode string
		args       []string
		code       int
		stderr     string
	}{
		{"both", "", []string{"-bcd-version", "8.1.9", "-chrome-types-version", "0.1.457"}, 0, ""},
		{"bcd only", "", []string{"-bcd-version", "8.1.9", "-chrome-types", testCT}, 0, ""},
		{"chrome-types only", "", []string{"-bcd", testBCD, "-chrome-types-version", "0.1.457"}, 0, ""},
		{"npm fails", "fail", []string{"-bcd-version", "8.1.9", "-chrome-types-version", "0.1.457"}, 1, "npm error 404 Not Found"},
		{"unknown version", "", []string{"-bcd-version", "0.0.1", "-chrome-types-version", "0.1.457"}, 1, "npm pack @mdn/browser-compat-data@0.0.1 chrome-types@0.1.457"},
		{"escaping entry", "escape", []string{"-bcd-version", "8.1.9", "-chrome-types-version", "0.1.457"}, 1, "escapes the destination"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GEN_TEST_FAKE_NPM_MODE", tt.mode)
			out := filepath.Join(t.TempDir(), "compat.json")
			var stderr bytes.Buffer
			code := run(append(tt.args, "-o", out), io.Discard, &stderr)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.code != 0 {
				return
			}
			got, _ := os.ReadFile(out)
			if !bytes.Equal(got, want) {
				t.Error("output differs from the golden file")
			}
		})
	}
}

func TestUntgz(t *testing.T) {
	file := func(name string) *tar.Header {
		return &tar.Header{Name: name, Mode: 0o644, Typeflag: tar.TypeReg}
	}
	tests := []struct {
		name  string
		files map[string]string
		extra []*tar.Header
		err   string
	}{
		{"ok", map[string]string{"package/data.json": "{}", "package/sub/x.txt": "x"}, []*tar.Header{{Name: "package/empty/", Typeflag: tar.TypeDir, Mode: 0o755}}, ""},
		{"parent", nil, []*tar.Header{file("../evil")}, "escapes the destination"},
		{"parent inside", nil, []*tar.Header{file("package/../../evil")}, "escapes the destination"},
		{"absolute", nil, []*tar.Header{file("/tmp/evil")}, "escapes the destination"},
		{"backslash", nil, []*tar.Header{file(`package\..\..\evil`)}, "escapes the destination"},
		{"empty name", nil, []*tar.Header{file("")}, "escapes the destination"},
		{"symlink", nil, []*tar.Header{{Name: "package/link", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"}}, "not a regular file or directory"},
		{"hard link", nil, []*tar.Header{{Name: "package/link", Typeflag: tar.TypeLink, Linkname: "package/data.json"}}, "not a regular file or directory"},
		{"duplicate", map[string]string{"package/a": "1"}, []*tar.Header{file("package/a")}, "exists"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "out")
			err := untgz(bytes.NewReader(makeTGZ(tt.files, tt.extra)), dest)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, content := range tt.files {
				got, err := os.ReadFile(filepath.Join(dest, name))
				if err != nil || string(got) != content {
					t.Errorf("%s = %q, %v; want %q", name, got, err, content)
				}
			}
		})
	}
	if err := untgz(strings.NewReader("not gzip"), t.TempDir()); err == nil {
		t.Error("a file that is not gzip was accepted")
	}
}
