package corpus

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const tree = "testdata/tree"

func TestFind(t *testing.T) {
	exts, err := Find([]string{tree, filepath.Join(tree, "plain")})
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("Find error = %v, want the unreadable broken/manifest.json", err)
	}
	var got []string
	for _, e := range exts {
		got = append(got, e.Name+" in "+filepath.ToSlash(e.Root))
	}
	// Not: node_modules, a dot directory, a web app manifest, the output
	// of a build, the unreadable manifest.
	want := []string{
		"built in testdata/tree",
		"group/mv3 in testdata/tree",
		"lint in testdata/tree",
		"native in testdata/tree",
		"npm/addon in testdata/tree",
		"plain in testdata/tree",
		"plain in testdata/tree/plain", // a root that is an extension is named by its base name
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Find =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadManifest(t *testing.T) {
	tests := []struct {
		dir  string
		want Manifest
	}{
		{"plain", Manifest{
			Version: 2, Name: "plain", Background: "scripts", BackgroundScripts: []string{"background.js"},
			Pages: []Page{
				{Role: "popup", Path: "popup/popup.html"},
				{Role: "options", Path: "options.html"},
				{Role: "sidebar", Path: "sidebar.html"},
			},
			Permissions: []string{"menus", "storage"},
			GeckoID:     "plain@example.com",
		}},
		{"group/mv3", Manifest{
			Version: 3, Name: "mv3", Background: "service worker", BackgroundScripts: []string{"sw.js"},
			Pages: []Page{
				{Role: "popup", Path: "popup.html"},
				{Role: "options", Path: "popup.html"},
				{Role: "side panel", Path: "panel.html"},
				{Role: "override newtab", Path: "newtab.html"},
			},
			Permissions: []string{"sidePanel"},
		}},
		{"npm/addon", Manifest{Version: 2, Name: "npm", Background: "page", BackgroundScripts: []string{"bg.html"}}},
		{"lint", Manifest{Version: 2, Name: "lint", Background: "none"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got, err := ReadManifest(filepath.Join(tree, tt.dir))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadManifest =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
	for _, dir := range []string{"webapp", "broken", "nothing-here"} {
		t.Run(dir, func(t *testing.T) {
			if m, err := ReadManifest(filepath.Join(tree, dir)); err == nil {
				t.Errorf("ReadManifest = %+v, want an error", m)
			}
		})
	}
}

func TestSkipReason(t *testing.T) {
	exts, _ := Find([]string{tree})
	byName := map[string]Extension{}
	for _, e := range exts {
		byName[e.Name] = e
	}
	tests := []struct {
		name string
		want string // "" when measured
	}{
		{"plain", ""}, // nativeMessaging only as an optional permission
		{"group/mv3", ""},
		{"lint", ""}, // package.json scripts that only lint
		{"built", ""},
		{"native", `needs a native application: permission "nativeMessaging"`},
		{"npm/addon", `needs an npm build step: ../package.json script "watch" runs "webpack --watch"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := byName[tt.name]
			if !ok {
				t.Fatalf("Find did not find %q", tt.name)
			}
			if got := SkipReason(e); got != tt.want {
				t.Errorf("SkipReason = %q, want %q", got, tt.want)
			}
		})
	}
	// The package.json above the root is not the extension's.
	e := byName["npm/addon"]
	e.Root = e.Dir
	if got := SkipReason(e); got != "" {
		t.Errorf("SkipReason with the extension as the root = %q, want \"\"", got)
	}
}

func TestNPMBuild(t *testing.T) {
	tests := []struct {
		scripts string
		want    string
	}{
		{`{"build": "rollup -c"}`, `script "build" runs "rollup -c"`},
		{`{"build:prod": "node make.js"}`, `script "build:prod" runs "node make.js"`},
		{`{"start": "npm run x && ./node_modules/.bin/vite build"}`, `script "start" runs "npm run x && ./node_modules/.bin/vite build"`},
		{`{"types": "tsc --noEmit"}`, `script "types" runs "tsc --noEmit"`},
		{`{"test": "karma start", "web-ext": "web-ext run -s ./addon", "prepare": "husky install"}`, ``},
		{`{"lint": "eslint --ext .tsx ."}`, ``}, // a word that contains a tool's name is not the tool
	}
	for _, tt := range tests {
		t.Run(tt.scripts, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "package.json"), `{"scripts": `+tt.scripts+`}`)
			if got := npmBuild(filepath.Join(dir, "package.json")); got != tt.want {
				t.Errorf("npmBuild = %q, want %q", got, tt.want)
			}
		})
	}
}
