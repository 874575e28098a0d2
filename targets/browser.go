package targets

import (
	"fmt"
	"strings"
)

// Family is a browser engine family: browsers of one family share manifest
// rules and extension API behaviour.
type Family string

// The three families.
const (
	Chromium Family = "chromium"
	Gecko    Family = "gecko"
	WebKit   Family = "webkit"
)

// Browser is one browser webext-shim can build for.
type Browser struct {
	// Name is the name used in target lists and output directories, such as
	// "firefox-android".
	Name string
	// Title is the name people use, such as "Firefox for Android".
	Title string
	// Family is the engine family.
	Family Family
	// BCDKey is the browser's key in @mdn/browser-compat-data.
	BCDKey string
	// Engine is esbuild's engine name for the browser ("chrome", "ios", ...).
	Engine string
}

var browsers = []Browser{
	{Name: "chrome", Title: "Chrome", Family: Chromium, BCDKey: "chrome", Engine: "chrome"},
	{Name: "edge", Title: "Edge", Family: Chromium, BCDKey: "edge", Engine: "edge"},
	{Name: "opera", Title: "Opera", Family: Chromium, BCDKey: "opera", Engine: "opera"},
	{Name: "firefox", Title: "Firefox", Family: Gecko, BCDKey: "firefox", Engine: "firefox"},
	{Name: "firefox-android", Title: "Firefox for Android", Family: Gecko, BCDKey: "firefox_android", Engine: "firefox"},
	{Name: "safari", Title: "Safari", Family: WebKit, BCDKey: "safari", Engine: "safari"},
	{Name: "safari-ios", Title: "Safari on iOS", Family: WebKit, BCDKey: "safari_ios", Engine: "ios"},
}

// Browsers returns the seven browsers in a fixed order.
func Browsers() []Browser {
	return append([]Browser(nil), browsers...)
}

// BrowserNames returns the names of the browsers, in the order of Browsers.
func BrowserNames() []string {
	names := make([]string, len(browsers))
	for i, b := range browsers {
		names[i] = b.Name
	}
	return names
}

// LookupBrowser returns the browser with the given name. Its error names the
// valid browsers and, for a near miss, the likely one.
func LookupBrowser(name string) (Browser, error) {
	lower := strings.ToLower(name)
	for _, b := range browsers {
		if b.Name == lower {
			return b, nil
		}
	}
	// BCD's spellings are accepted too: firefox_android, safari_ios.
	for _, b := range browsers {
		if b.BCDKey == lower {
			return b, nil
		}
	}
	msg := fmt.Sprintf("unknown browser %q; known: %s", name, strings.Join(BrowserNames(), ", "))
	if s := closest(lower, BrowserNames(), 3); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return Browser{}, &UnknownError{Kind: "browser", Name: name, Suggestions: closest(lower, BrowserNames(), 3), msg: msg}
}

// UnknownError reports a browser or feature name that is not in the tables.
type UnknownError struct {
	// Kind is "browser" or "feature".
	Kind string
	// Name is the name as given.
	Name string
	// Suggestions are known names close to Name, best first.
	Suggestions []string
	msg         string
}

func (e *UnknownError) Error() string { return e.msg }
