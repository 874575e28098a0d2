package bundle

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

func TestCallArgs(t *testing.T) {
	cases := []struct {
		src, args string
		ok        bool
	}{
		{`chrome.tabs.executeScript(1, {code: "x"})`, `1, {code: "x"}`, true},
		{`chrome.tabs.executeScript ( {file: "a(.js"} ); more()`, ` {file: "a(.js"} `, true},
		{"browser.menus.create({title: `)`, /* ) */ id: 'a' // )\n})", "{title: `)`, /* ) */ id: 'a' // )\n}", true},
		{`chrome.tabs.executeScript;`, ``, false},
		{`chrome.tabs.executeScript(1, {`, `1, {`, true},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			args, ok := callArgs([]byte(c.src), 0)
			if args != c.args || ok != c.ok {
				t.Errorf("callArgs = %q, %v; want %q, %v", args, ok, c.args, c.ok)
			}
		})
	}
}

func TestHasKey(t *testing.T) {
	cases := []struct {
		args, key string
		want      bool
	}{
		{`1, {code: "x"}`, "code", true},
		{`{"code": "x"}`, "code", true},
		{`{ code }`, "code", true},
		{`{file, code}`, "code", true},
		{`{file: "code.js"}`, "code", false},
		{`{barcode: 1}`, "code", false},
		{`{icons: {16: "a.png"}, id: "x"}`, "icons", true},
	}
	for _, c := range cases {
		if got := hasKey(c.args, c.key); got != c.want {
			t.Errorf("hasKey(%q, %q) = %v, want %v", c.args, c.key, got, c.want)
		}
	}
}

// TestCallChecks: what the rename shims cannot carry over is reported at
// the call, on the targets that need them only.
func TestCallChecks(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 2, "name": "c", "version": "1", "permissions": ["menus"], "background": {"scripts": ["bg.js"]}, "browser_specific_settings": {"gecko": {"id": "c@example.com"}}}`,
		"bg.js": "browser.tabs.executeScript({code: 'document.title'});\n" +
			"browser.tabs.executeScript({file: '/code.js'});\n" +
			"browser.menus.create({id: 'a', title: 'A', contexts: ['password'], icons: {16: 'i.png'}});\n" +
			"browser.menus.onShown.addListener(() => {});\n",
	})
	for _, c := range []struct {
		list string
		want []string
	}{
		{"chrome", []string{
			"bg.js:1:1: warning: tabs.executeScript with a code string fails in Manifest V3, which runs no code strings (the call rejects); move the code into a file and pass {file: ...}",
			`bg.js:3:1: warning: the "icons" property of menus.create is Firefox's only; Chromium's contextMenus has no icons, so it is left out`,
			`bg.js:3:1: warning: the "password" menu context is Firefox's only; it is left out (an item with no other context is created hidden)`,
			"bg.js:4:1: warning: menus.onShown is not available on chrome; no shim covers it",
		}},
		{"firefox", nil},
	} {
		t.Run(c.list, func(t *testing.T) {
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := Build(context.Background(), Options{Source: src, Targets: qs, DryRun: true})
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
