package bundle_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/targets"
)

// ExampleBuild checks a Firefox-first Manifest V2 extension for chrome and
// firefox without writing anything (DryRun): Chromium's output is Manifest
// V3, where the browserAction call goes through a rename shim, and the
// executeScript call with a code string, which Manifest V3 cannot run, is a
// warning at its position (an error with Options.Strict).
func ExampleBuild() {
	src, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(src)
	files := map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "Example", "version": "1.0",
  "background": {"scripts": ["background.js"]},
  "browser_action": {"default_title": "Example"},
  "browser_specific_settings": {"gecko": {"id": "example@example.com"}}}`,
		"background.js": "browser.browserAction.onClicked.addListener(() => {});\nbrowser.tabs.executeScript({code: \"document.title\"});\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			panic(err)
		}
	}
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		panic(err)
	}
	res, err := bundle.Build(context.Background(), bundle.Options{Source: src, Targets: qs, DryRun: true})
	fmt.Println(err)
	for _, t := range res.Targets {
		fmt.Printf("%s: Manifest V%d, background %s, shims %v\n", t.Target.Browser.Name, t.ManifestVersion, t.Background, t.Shims)
	}
	for _, d := range res.Diagnostics {
		fmt.Println(d)
	}
	// Output:
	// <nil>
	// chrome: Manifest V3, background service worker, shims [browserNamespace action scripting]
	// firefox: Manifest V2, background page, shims []
	// background.js:2:1: warning: tabs.executeScript with a code string fails in Manifest V3, which runs no code strings (the call rejects); move the code into a file and pass {file: ...}
}
