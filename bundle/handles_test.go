package bundle

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestHandleDiagnostics: the popup of testdata/bgsync uses its background
// synchronously. Built for chrome (Manifest V3, a service worker: every
// page gets the handle) each such use is a warning at its position, an
// error with Strict, and so are getViews for the background page and in the
// background; built for firefox (Manifest V2, the page itself in normal
// windows) nothing is reported.
func TestHandleDiagnostics(t *testing.T) {
	const reached = "the background is a service worker here, reached by message"
	chrome := []string{
		`background.js:10:22: SEV: extension.getViews is not available in a service-worker background, which has no windows to reach the pages through; send them a message instead (runtime.sendMessage, or tabs.sendMessage for a page in a tab)`,
		`options.js:1:16: SEV: extension.getViews({type: "background"}) returns [] where the background is a service worker; call runtime.getBackgroundPage() instead, which the getBackgroundPage shim serves (await what you read through it)`,
		`options.js:3:7: SEV: bg instanceof Window tests the handle, not the object it stands for; ` + reached + `: the handle is not the background's Window; test a value read with await instead`,
		`popup.js:2:48: SEV: bg.isListening() is used synchronously (assigned to document.getElementById("listening").checked); ` + reached + ": write `await bg.isListening()`",
		`popup.js:4:27: SEV: opts (bg.loadOptions()) is used synchronously (reading .theme of its result); ` + reached + ": write `(await opts).theme`",
		`popup.js:5:31: SEV: bg.stats is used synchronously (as an argument of Object.keys); ` + reached + ": write `await bg.stats`",
		`popup.js:6:22: SEV: bg.PREFS.interval is used synchronously (in arithmetic); ` + reached + ": write `await bg.PREFS.interval`",
		`popup.js:7:1: SEV: bg.document reads the DOM behind the handle, which no message can carry: a service-worker background has none; move the code that needs it into a function of the background and call that with await, or use an offscreen document`,
		`popup.js:14:1: SEV: bg.lastOpened assigns through the handle, which sets nothing behind it; ` + reached + `: call a function of the background that assigns it, with await`,
	}
	for _, c := range []struct {
		name   string
		list   string
		strict bool
		want   []string
	}{
		{"chrome", "chrome", false, chrome},
		{"chrome strict", "chrome", true, chrome},
		{"firefox", "firefox", false, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			qs, err := targets.ParseQueries(c.list)
			if err != nil {
				t.Fatal(err)
			}
			res, _ := Build(context.Background(), Options{Source: "testdata/bgsync", Targets: qs, DryRun: true, Strict: c.strict})
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, d.String())
			}
			sev := "warning"
			if c.strict {
				sev = "error"
			}
			var want []string
			for _, w := range c.want {
				want = append(want, strings.Replace(w, "SEV", sev, 1))
			}
			if !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
