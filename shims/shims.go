package shims

import (
	"path"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// Context is a kind of extension context a shim runs in.
type Context string

// The contexts.
const (
	// Background is the background page, event page or service worker.
	Background Context = "background"
	// Page is an extension page: popup, options, sidebar, devtools, tabs.
	Page Context = "page"
	// ContentScript is a content script.
	ContentScript Context = "content"
)

// BackgroundKind is how a built extension's background runs on a target.
type BackgroundKind int

// The background kinds.
const (
	// BackgroundNone: the extension has no background.
	BackgroundNone BackgroundKind = iota
	// BackgroundPage: a background page or event page (background.scripts
	// or background.page); a Window exists.
	BackgroundPage
	// BackgroundServiceWorker: a service worker; no Window exists.
	BackgroundServiceWorker
)

// String returns "none", "page" or "service worker".
func (k BackgroundKind) String() string {
	switch k {
	case BackgroundPage:
		return "page"
	case BackgroundServiceWorker:
		return "service worker"
	}
	return "none"
}

// Shim describes one shim.
type Shim struct {
	// Name identifies the shim: "getBackgroundPage".
	Name string
	// Title says what it does, for reports.
	Title string
	// Provides are the API paths it replaces or defines.
	Provides []string
	// Features are the compat features (targets.Lookup paths) whose lack or
	// quirks require it.
	Features []string
	// Contexts are where its code runs.
	Contexts []Context
	// Replaces are the API expressions bundled code gets replaced with the
	// shim's exports (see Replacement).
	Replaces []Replacement
	// Handler is the embedded module of its background handler ("" for
	// none): evaluating it installs the handler.
	Handler string
	// Patch is the embedded module that patches the native API objects in
	// place ("" for none), for bundled code that reaches the APIs through
	// values (const api = chrome), which Replaces do not see (ValueUse).
	Patch string
	// Standalone is the embedded module of its part of the standalone
	// script: evaluating it patches or defines the globals.
	Standalone string
	// Families are the browser families it can be needed on (nil: all).
	Families []targets.Family
}

// Owns reports whether the embedded module (such as "bgpage/client.js") is
// part of the shim: it lies in the directory of one of the shim's modules.
func (s Shim) Owns(module string) bool {
	dir := path.Dir(module)
	for _, m := range append([]string{s.Handler, s.Patch, s.Standalone}, replacementModules(s)...) {
		if m != "" && path.Dir(m) == dir {
			return true
		}
	}
	return false
}

// ValueUse reports whether a use of the API namespace ("chrome" or
// "browser") whose member chain path ("", "runtime") ends there, a value
// the code goes on with (const api = chrome; const rt = chrome.runtime),
// may reach an API the shim replaces without the replaced expression: path
// is a strict prefix of one, member by member.
func (s Shim) ValueUse(namespace, path string) bool {
	for _, r := range s.Replaces {
		ns, member, _ := strings.Cut(r.API, ".")
		if ns == namespace && member != "" && (path == "" || strings.HasPrefix(member, path+".")) {
			return true
		}
	}
	return false
}

func replacementModules(s Shim) []string {
	var out []string
	for _, r := range s.Replaces {
		out = append(out, r.Module)
	}
	return out
}

// GetBackgroundPage is the getBackgroundPage shim with its message-passing
// fallback.
var GetBackgroundPage = Shim{
	Name:  "getBackgroundPage",
	Title: "getBackgroundPage with a message-passing fallback",
	Provides: []string{
		"browser.extension.getBackgroundPage",
		"browser.runtime.getBackgroundPage",
		"chrome.extension.getBackgroundPage",
		"chrome.runtime.getBackgroundPage",
	},
	Features: []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.extension.getBackgroundPage", Module: "bgpage/client.js", Export: "extensionGetBackgroundPage"},
		{API: "browser.extension.getBackgroundPage", Module: "bgpage/client.js", Export: "extensionGetBackgroundPage"},
		{API: "chrome.runtime.getBackgroundPage", Module: "bgpage/client.js", Export: "runtimeGetBackgroundPage"},
		{API: "browser.runtime.getBackgroundPage", Module: "bgpage/client.js", Export: "runtimeGetBackgroundPage"},
		{API: "chrome.runtime.onMessage", Module: "bgpage/client.js", Export: "chromeOnMessage", WithHandler: true},
		{API: "browser.runtime.onMessage", Module: "bgpage/client.js", Export: "browserOnMessage", WithHandler: true, Via: "browserNamespace"},
	},
	Handler:    "bgpage/handler.js",
	Patch:      "bgpage/patch.js",
	Standalone: "bgpage/standalone.js",
}

// All returns every shim, in the order their standalone parts run: the
// getBackgroundPage shim first, so that it finds the native objects unpatched
// and the namespace then reads through its patches.
func All() []Shim {
	return []Shim{GetBackgroundPage, BrowserNamespace}
}

// Covering returns the shims that provide feature (a targets feature path
// such as "runtime.getBackgroundPage").
func Covering(feature string) []Shim {
	var out []Shim
	for _, s := range All() {
		if slices.Contains(s.Features, feature) {
			out = append(out, s)
		}
	}
	return out
}

// ProvidesAPI reports whether some shim provides the API path (such as
// "chrome.runtime.getBackgroundPage") and returns it.
func ProvidesAPI(path string) (Shim, bool) {
	for _, s := range All() {
		if slices.Contains(s.Provides, path) {
			return s, true
		}
	}
	return Shim{}, false
}

// DefaultBackground is the background kind webext-shim's output has on t when
// the source's background is source: Chromium output is always Manifest V3
// with a service worker, Firefox has no extension service workers and runs
// background scripts, Safari keeps the source's kind.
func DefaultBackground(t targets.Target, source BackgroundKind) BackgroundKind {
	if source == BackgroundNone {
		return BackgroundNone
	}
	switch t.Browser.Family {
	case targets.Chromium:
		return BackgroundServiceWorker
	case targets.Gecko:
		return BackgroundPage
	}
	return source
}
