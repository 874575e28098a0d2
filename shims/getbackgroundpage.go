package shims

import (
	"fmt"

	"github.com/Masterminds/semver/v3"
	"github.com/webext-shim/webext-shim/targets"
)

// GetBackgroundPage is the getBackgroundPage shim with its message-passing
// fallback (js/bgpage): where a target cannot return the background page, a
// background handle reaches the background's functions and values by
// runtime.sendMessage, answered by its background part.
var GetBackgroundPage = Shim{
	Name:  "getBackgroundPage",
	Title: "getBackgroundPage with a message-passing fallback",
	Provides: []string{
		"browser.extension.getBackgroundPage",
		"browser.runtime.getBackgroundPage",
		"chrome.extension.getBackgroundPage",
		"chrome.runtime.getBackgroundPage",
	},
	Features: backgroundPageFeatures,
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.extension.getBackgroundPage", Module: "bgpage/client.js", Export: "extensionGetBackgroundPage"},
		{API: "browser.extension.getBackgroundPage", Module: "bgpage/client.js", Export: "extensionGetBackgroundPage"},
		{API: "chrome.runtime.getBackgroundPage", Module: "bgpage/client.js", Export: "runtimeGetBackgroundPage"},
		{API: "browser.runtime.getBackgroundPage", Module: "bgpage/client.js", Export: "runtimeGetBackgroundPage"},
		{API: "chrome.runtime.onMessage", Module: "bgpage/client.js", Export: "chromeOnMessage", WithBackgroundPart: true},
		{API: "browser.runtime.onMessage", Module: "bgpage/client.js", Export: "browserOnMessage", WithBackgroundPart: true, Via: "browserNamespace"},
	},
	BackgroundPart: &BackgroundPart{
		Handler: "bgpage/handler.js",
		Patch:   "bgpage/patch.js",
		UsedBy:  []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"},
	},
	Standalone: "bgpage/standalone.js",
	Defines:    backgroundPageDefines,
	// Where the background is a service worker, every extension page gets
	// the handle: nothing through it is synchronous. (Firefox gives the
	// handle only in private windows, which an extension runs in only when
	// the user allows it; its normal windows get the page.)
	Handles: []HandleCheck{{
		APIs:     []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"},
		Contexts: []Context{Page},
		Where:    inServiceWorker,
		Reached:  "the background is a service worker here, reached by message",
		Identity: "the handle is not the background's Window; test a value read with await instead",
		Write:    "call a function of the background that assigns it, with await",
		DOM:      "a service-worker background has none; move the code that needs it into a function of the background and call that with await, or use an offscreen document",
	}},
	Calls: []CallCheck{
		{
			API: "extension.getViews", Value: "background", Contexts: []Context{Page}, Where: inServiceWorker,
			Message: `extension.getViews({type: "background"}) returns [] where the background is a service worker; call runtime.getBackgroundPage() instead, which the getBackgroundPage shim serves (await what you read through it)`,
		},
		{
			API: "extension.getViews", Contexts: []Context{Background}, Where: inServiceWorker,
			Message: "extension.getViews is not available in a service-worker background, which has no windows to reach the pages through; send them a message instead (runtime.sendMessage, or tabs.sendMessage for a page in a tab)",
		},
	},
}

// backgroundPageFeatures are the features whose lack makes a target need
// the getBackgroundPage shim.
var backgroundPageFeatures = []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"}

// backgroundPageDefines returns the esbuild defines of the target facts
// js/bgpage reads (globalThis.WEBEXT_SHIM_SW, _PAGE, _RT and _CB in
// bgpage/protocol.js) for the targets: "false" where no browser of any
// target range needs the code path, so that esbuild drops it, "true" where
// some does. All four come from the targets tables.
func backgroundPageDefines(ts []targets.Target, _ []string) (map[string]string, error) {
	var sw, page, rt, cb bool
	for _, t := range ts {
		// The fallback serves a background kind where the target needs it
		// with that kind of background and the kind exists on some version
		// of the range: Chromium's and Safari's service workers, Firefox's
		// background pages (private windows).
		for _, k := range []BackgroundKind{BackgroundServiceWorker, BackgroundPage} {
			why, err := featureReasons(backgroundPageFeatures, t, Output{Background: k})
			if err != nil {
				return nil, err
			}
			if len(why) == 0 {
				continue
			}
			features := []string{"manifest.background.page", "manifest.background.scripts"}
			if k == BackgroundServiceWorker {
				features = []string{"manifest.background.service_worker"}
			}
			for _, f := range features {
				has, err := somewhere(f, t)
				if err != nil {
					return nil, err
				}
				if k == BackgroundServiceWorker {
					sw = sw || has
				} else {
					page = page || has
				}
			}
		}
		// Extension pages and background pages without a usable
		// extension.getBackgroundPage make the client consult the native
		// runtime.getBackgroundPage and the handler recognise the background
		// page by its path.
		s, err := targets.Lookup("extension.getBackgroundPage", t)
		if err != nil {
			return nil, err
		}
		rt = rt || !s.AvailableIn(2) || !s.AvailableIn(3) || s.Partial || s.Unknown
		// The fallback sends with rt.sendMessage (browser.runtime where the
		// browser namespace exists, else chrome.runtime): unless it returns a
		// promise on every version of the range, the callback transport stays.
		promises, err := sendMessagePromises(t)
		if err != nil {
			return nil, err
		}
		cb = cb || !promises
	}
	return map[string]string{
		"globalThis.WEBEXT_SHIM_SW":   fmt.Sprint(sw),
		"globalThis.WEBEXT_SHIM_PAGE": fmt.Sprint(page),
		"globalThis.WEBEXT_SHIM_RT":   fmt.Sprint(rt),
		"globalThis.WEBEXT_SHIM_CB":   fmt.Sprint(cb),
	}, nil
}

// somewhere reports whether some version of t's range has feature.
func somewhere(feature string, t targets.Target) (bool, error) {
	s, err := targets.Lookup(feature, t)
	if err != nil {
		return false, err
	}
	return s.All || len(s.Missing) < len(t.Versions), nil
}

// sendMessagePromises reports whether runtime.sendMessage returns a promise
// on every version of t's range: through browser.* where every version has
// the native browser namespace, else through chrome.*, whose promise support
// chrome-types records (for Manifest V3, the only manifest version of the
// Chromium service workers the fallback serves).
func sendMessagePromises(t targets.Target) (bool, error) {
	ns, err := targets.Lookup(targets.FeatureBrowserNamespace, t)
	if err != nil {
		return false, err
	}
	if ns.All {
		return true, nil
	}
	s, err := targets.Lookup("runtime.sendMessage", t)
	if err != nil {
		return false, err
	}
	if s.PromiseSince == "" {
		return false, nil
	}
	since, err := semver.NewVersion(s.PromiseSince)
	if err != nil {
		return false, nil
	}
	min, err := semver.NewVersion(t.Min())
	if err != nil {
		return false, nil
	}
	return !min.LessThan(since), nil
}
