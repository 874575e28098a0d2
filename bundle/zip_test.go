package bundle

import (
	"archive/zip"
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/targets"
)

// TestZipReproducible builds the same source twice, at different times,
// with different file times and in different time zones, and checks the
// archives are byte for byte the same.
func TestZipReproducible(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json":                 `{"manifest_version": 2, "name": "__MSG_extName__", "version": "2.0.1", "default_locale": "en", "background": {"scripts": ["bg.js"]}, "browser_specific_settings": {"gecko": {"id": "z@example.com"}}}`,
		"_locales/en/messages.json":     `{"extName": {"message": "My Zip Test: Ünïcode & Co."}}`,
		"bg.js":                         "function foo() { return 1; }\n",
		"icons/icon.png":                "not really a png",
		".git/HEAD":                     "ref: refs/heads/main\n",
		"node_modules/x/index.js":       "module.exports = 1;\n",
		"old-build/extension-1.0.0.zip": "PK",
	})
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		t.Fatal(err)
	}
	build := func() map[string][]byte {
		out := t.TempDir()
		res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs, Zip: true, SourcesZip: true})
		if err != nil {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
		got := map[string][]byte{}
		for _, p := range append([]string{res.SourcesZip}, res.Targets[0].Zip, res.Targets[1].Zip) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got[filepath.Base(p)] = data
		}
		return got
	}
	first := build()
	// Another time zone, newer file times, a later clock.
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("UTC+9", 9*3600)
	later := time.Now().Add(3 * time.Hour)
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.Chtimes(p, later, later)
		}
		return nil
	})
	os.Chmod(filepath.Join(src, "bg.js"), 0o600)
	time.Sleep(1100 * time.Millisecond)
	second := build()
	names := []string{"my-zip-test-ünïcode-co-2.0.1-chrome.zip", "my-zip-test-ünïcode-co-2.0.1-firefox.zip", "my-zip-test-ünïcode-co-2.0.1-sources.zip"}
	for _, name := range names {
		if first[name] == nil {
			t.Fatalf("no archive %q; got %v", name, slices.Collect(func(yield func(string) bool) {
				for k := range first {
					if !yield(k) {
						return
					}
				}
			}))
		}
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s differs between the builds", name)
		}
	}
	// The contents: sorted, fixed time and mode, nothing skipped shipped.
	for _, tt := range []struct {
		name string
		want []string
	}{
		{names[0], []string{"_locales/en/messages.json", "bg.js", "icons/icon.png", "manifest.json"}},
		{names[2], []string{"_locales/en/messages.json", "bg.js", "icons/icon.png", "manifest.json"}},
	} {
		zr, err := zip.NewReader(bytes.NewReader(first[tt.name]), int64(len(first[tt.name])))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range zr.File {
			got = append(got, f.Name)
			if !f.Modified.Equal(DefaultZipTime) || f.Mode() != 0o644 {
				t.Errorf("%s: %s has time %v, mode %v", tt.name, f.Name, f.Modified, f.Mode())
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s holds %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestZipTime(t *testing.T) {
	src := writeSource(t, map[string]string{"manifest.json": `{"manifest_version": 3, "name": "T", "version": "1"}`})
	qs, _ := targets.ParseQueries("chrome")
	when := time.Date(2024, 5, 6, 7, 8, 10, 0, time.UTC)
	res, err := Build(context.Background(), Options{Source: src, OutDir: t.TempDir(), Targets: qs, Zip: true, ZipTime: when})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(res.Targets[0].Zip)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if filepath.Base(res.Targets[0].Zip) != "t-1-chrome.zip" {
		t.Errorf("archive name %q", res.Targets[0].Zip)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(when) {
			t.Errorf("%s: time %v, want %v", f.Name, f.Modified, when)
		}
	}
}

func TestFileSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Tab notes":          "tab-notes",
		"  Ünïcode & Co.  ":  "ünïcode-co",
		"a/b\\c:d":           "a-b-c-d",
		"1.2.3":              "1.2.3",
		"":                   "extension",
		"---":                "extension",
		"My_Extension v2.0!": "my_extension-v2.0",
	} {
		if got := fileSafe(in); got != want {
			t.Errorf("fileSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReproOutputTree builds two copies of one source, written in
// opposite orders (so that the file system lists them differently, where
// it lists in creation order; Build reads directories with
// filepath.WalkDir, which sorts, and sorts the file list again), with
// different file times and in different time zones: the output trees hold
// the same files with the same bytes, and the archives are the same bytes.
// (TestReproAcrossProcesses adds umasks and separate processes.)
func TestReproOutputTree(t *testing.T) {
	files := map[string]string{
		"manifest.json":             `{"manifest_version": 2, "name": "__MSG_n__", "version": "3.1", "default_locale": "en", "background": {"scripts": ["b.js", "a.js"]}, "browser_action": {"default_popup": "p/popup.html"}, "browser_specific_settings": {"gecko": {"id": "r@example.com"}}}`,
		"_locales/en/messages.json": `{"n": {"message": "Repro tree"}}`,
		"a.js":                      "function a() { return 1; }\n",
		"b.js":                      "function b() { return a(); }\n",
		"p/popup.html":              "<!doctype html>\n<script src=\"popup.js\"></script>\n",
		"p/popup.js":                "chrome.extension.getBackgroundPage().b();\n",
		"z/z.txt":                   "z\n",
		"y/x/w.txt":                 "w\n",
		"0.txt":                     "0\n",
	}
	names := slices.Sorted(maps.Keys(files))
	qs, err := targets.ParseQueries("chrome,firefox,safari")
	if err != nil {
		t.Fatal(err)
	}
	defer func(l *time.Location) { time.Local = l }(time.Local)
	type result struct {
		tree     map[string]string
		archives map[string][]byte
	}
	var results []result
	for i, zone := range []*time.Location{time.UTC, time.FixedZone("UTC-11", -11*3600)} {
		time.Local = zone
		order := slices.Clone(names)
		if i == 1 {
			slices.Reverse(order)
		}
		src := t.TempDir()
		when := time.Date(1999+i*30, 1, 1, 0, 0, 0, 0, zone)
		for _, rel := range order {
			p := filepath.Join(src, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(files[rel]), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, when, when); err != nil {
				t.Fatal(err)
			}
		}
		out := t.TempDir()
		res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs, Zip: true, SourcesZip: true})
		if err != nil {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
		r := result{tree: map[string]string{}, archives: map[string][]byte{}}
		err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if strings.HasSuffix(rel, ".zip") {
				r.archives[rel] = data
			} else {
				r.tree[filepath.ToSlash(rel)] = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	if len(results[0].archives) != 4 || len(results[0].tree) < 3*len(files) {
		t.Fatalf("%d archives, %d files", len(results[0].archives), len(results[0].tree))
	}
	if !maps.Equal(results[0].tree, results[1].tree) {
		for p, data := range results[0].tree {
			if results[1].tree[p] != data {
				t.Errorf("%s differs between the builds", p)
			}
		}
		for p := range results[1].tree {
			if _, ok := results[0].tree[p]; !ok {
				t.Errorf("%s is only in the second build", p)
			}
		}
	}
	for name, data := range results[0].archives {
		if !bytes.Equal(data, results[1].archives[name]) {
			t.Errorf("archive %s differs between the builds", name)
		}
	}
}
