package shims

import "testing"

// TestValueUse: which uses of the API namespaces, ending where they end,
// may reach the getBackgroundPage shim's APIs without the expressions it
// replaces.
func TestValueUse(t *testing.T) {
	cases := []struct {
		namespace, path string
		want            bool
	}{
		{"chrome", "", true},                   // const api = chrome
		{"browser", "", true},                  // globalThis.browser ?? chrome
		{"chrome", "runtime", true},            // const rt = chrome.runtime
		{"browser", "extension", true},         // const {getBackgroundPage} = browser.extension
		{"chrome", "runtime.onMessage", false}, // replaced itself
		{"chrome", "runtime.getBackgroundPage", false},
		{"chrome", "runtime.sendMessage", false},
		{"chrome", "runtime.id", false},
		{"chrome", "run", false}, // not a member boundary
		{"chrome", "tabs", false},
		{"chrome", "storage.local", false},
		{"other", "", false},
	}
	for _, c := range cases {
		t.Run(c.namespace+"."+c.path, func(t *testing.T) {
			if got := GetBackgroundPage.ValueUse(c.namespace, c.path); got != c.want {
				t.Errorf("ValueUse(%q, %q) = %v, want %v", c.namespace, c.path, got, c.want)
			}
		})
	}
	if BrowserNamespace.ValueUse("browser", "") {
		t.Error("the browser namespace shim replaces browser itself: a value of it is shimmed")
	}
}
