package corpus

import (
	"reflect"
	"testing"

	"github.com/webext-shim/webext-shim/bundle"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		message string
		want    []string
	}{
		{"tabs.executeScript is not available on chrome (Manifest V3); no shim covers it", []string{"tabs.executeScript", "executeScript"}},
		{"menus.create is not available on chrome; no shim covers it", []string{"menus.create", "menus"}},
		{"browserAction.onClicked is not available on chrome (Manifest V3); no shim covers it", []string{"browserAction.onClicked", "onClicked", "browserAction"}},
		{`manifest key "sidebar_action" is not supported by chrome 131-157+; dropped`, []string{"sidebar_action"}},
		{`manifest key "options_ui.browser_style" is not supported by chrome 131-157+; dropped`, []string{"options_ui.browser_style", "browser_style"}},
		{`permission "webRequestBlocking" is refused by chrome (Manifest V3): blocking webRequest is for policy-installed extensions only; use declarativeNetRequest; dropped`, []string{"webRequestBlocking"}},
		{"browser_specific_settings.gecko.id is missing: Firefox requires an add-on id", []string{"browser_specific_settings.gecko.id", "browser_specific_settings"}},
		{"document is not available in chrome's service-worker background: do DOM work in an offscreen document", []string{"document"}},
		{`storage.sync needs an add-on id in Firefox: without browser_specific_settings.gecko.id it rejects ("The storage API will not work with a temporary addon ID"); add one`,
			[]string{"storage.sync", "The storage API will not work with a temporary addon ID"}},
		{"nothing to see here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.message, func(t *testing.T) {
			if got := Terms(tt.message); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Terms = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMatchErrors(t *testing.T) {
	diags := bundle.Diagnostics{
		{File: "src/background.js", Line: 3, Column: 1, Severity: bundle.Warning, Message: "menus.create is not available on chrome; no shim covers it"},
		{File: "src/background.js", Line: 9, Column: 5, Severity: bundle.Warning, Message: "tabs.executeScript is not available on chrome (Manifest V3); no shim covers it"},
		{File: "manifest.json", Line: 1, Column: 1, Severity: bundle.Warning, Message: `manifest key "sidebar_action" is not supported by chrome 131-157+; dropped`},
	}
	tests := []struct {
		name string
		err  Message
		want *Match // nil: no match
	}{
		{"member named", Message{Text: "TypeError: chrome.tabs.executeScript is not a function", Source: "chrome-extension://x/background.js", Line: 9},
			&Match{Diagnostic: diags[1], Term: "tabs.executeScript", SameFile: true}},
		{"namespace named", Message{Text: "Permission 'menus' is unknown."},
			&Match{Diagnostic: diags[0], Term: "menus"}},
		{"generic member quoted", Message{Text: "Uncaught TypeError: Cannot read properties of undefined (reading 'create')", Source: "chrome-extension://x/popup.js"},
			&Match{Diagnostic: diags[0], Term: "'create'"}},
		{"manifest key", Message{Text: "Unrecognized manifest key 'sidebar_action'."},
			&Match{Diagnostic: diags[2], Term: "sidebar_action"}},
		{"part of a longer word", Message{Text: "ReferenceError: executeScripts is not defined"}, nil},
		{"generic member unquoted", Message{Text: "could not create the window"}, nil},
		{"unrelated", Message{Text: "Uncaught Error: boom"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load := &Load{Loaded: true, Contexts: []Context{{Name: "manifest"}, {Name: "background", Errors: []Message{{Text: "first"}, tt.err}}}}
			got := MatchErrors(load, diags)
			var want []Match
			if tt.want != nil {
				m := *tt.want
				m.Context, m.Index, m.Error = "background", 1, tt.err.Text
				want = []Match{m}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("MatchErrors =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	if got := MatchErrors(nil, diags); got != nil {
		t.Errorf("MatchErrors(nil) = %+v", got)
	}
}

// TestWorkerRegistrationMatched: Chromium's "Service worker registration
// failed" is paired with the diagnostic of the background's first matched
// error, and left alone when the background has none.
func TestWorkerRegistrationMatched(t *testing.T) {
	diag := bundle.Diagnostic{File: "background.js", Line: 30, Column: 1, Severity: bundle.Warning, Message: "theme.update is not available on chrome; no shim covers it"}
	registration := Message{Text: "Service worker registration failed. Status code: 15"}
	thrown := Message{Text: "Uncaught TypeError: Cannot read properties of undefined (reading 'update')", Source: "chrome-extension://x/background.js"}
	load := &Load{Loaded: true, Contexts: []Context{
		{Name: "manifest", Errors: []Message{registration}},
		{Name: "background", Errors: []Message{thrown}},
	}}
	got := MatchErrors(load, bundle.Diagnostics{diag})
	if len(got) != 2 || got[1].Context != "manifest" || got[1].Index != 0 || got[1].Diagnostic != diag {
		t.Errorf("MatchErrors = %+v, want the background's error and the registration, both with %v", got, diag)
	}
	load.Contexts[1].Errors = []Message{{Text: "Uncaught Error: boom"}}
	if got := MatchErrors(load, bundle.Diagnostics{diag}); len(got) != 0 {
		t.Errorf("MatchErrors = %+v, want none: nothing explains the background's error", got)
	}
}

// TestMatchFileErrors: a failed load of a file is paired with the diagnostic
// that quotes its path, and a SyntaxError with the diagnostic of a script
// that does not parse, in the same file.
func TestMatchFileErrors(t *testing.T) {
	diags := bundle.Diagnostics{
		{File: "popup.html", Line: 16, Column: 1, Severity: bundle.Warning, Message: `the script "node_modules/expect.js/index.js" is left out of the build: like web-ext, webext-shim skips dotfiles, node_modules and archives; the page runs without it`},
		{File: "scripts/polyfill.js", Line: 18, Column: 68, Severity: bundle.Warning, Message: `Expected ";" but found "{": the script is copied as written and the browser stops at this error when it runs it (--strict makes this an error)`},
	}
	tests := []struct {
		name string
		err  Message
		want *Match
	}{
		{"chromium network error", Message{Text: "network: Failed to load resource: net::ERR_FILE_NOT_FOUND (chrome-extension://abc/node_modules/expect.js/index.js)"},
			&Match{Diagnostic: diags[0], Term: "node_modules/expect.js/index.js"}},
		{"firefox script loader", Message{Text: "Loading failed for the <script> with source “moz-extension://abc/node_modules/expect.js/index.js”."},
			&Match{Diagnostic: diags[0], Term: "node_modules/expect.js/index.js"}},
		{"another file", Message{Text: "network: Failed to load resource: net::ERR_FILE_NOT_FOUND (chrome-extension://abc/node_modules/expect.js/index.js.map)"}, nil},
		{"syntax error in the file", Message{Text: "Uncaught SyntaxError: Unexpected token '{'", Source: "chrome-extension://abc/scripts/polyfill.js"},
			&Match{Diagnostic: diags[1], Term: "SyntaxError", SameFile: true}},
		{"syntax error without a file", Message{Text: "SyntaxError: unexpected token: '{'"},
			&Match{Diagnostic: diags[1], Term: "SyntaxError"}},
		{"syntax error in another file", Message{Text: "Uncaught SyntaxError: Unexpected token '{'", Source: "chrome-extension://abc/popup.js"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			load := &Load{Loaded: true, Contexts: []Context{{Name: "popup", Errors: []Message{tt.err}}}}
			got := MatchErrors(load, diags)
			var want []Match
			if tt.want != nil {
				m := *tt.want
				m.Context, m.Index, m.Error = "popup", 0, tt.err.Text
				want = []Match{m}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("MatchErrors =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}
