// Package browsertest drives real browsers from Go tests: it loads unpacked
// extension directories into Debian's Chromium and Firefox ESR and evaluates
// JavaScript in the extensions' pages, service workers and content pages.
//
// # Skip rules
//
// [Require](t, [ChromiumBinary]) and Require(t, [FirefoxBinary]) look the
// browser up on PATH. A missing browser skips the test, with a message that
// says how to install it, unless the environment variable [EnvE2E]
// (WEBEXT_SHIM_E2E) is "1": then it fails the test. [StartChromium] and
// [StartFirefox] call Require themselves.
//
// # Chromium
//
// [StartChromium](t, dirs...) starts a headless Chromium with each directory
// loaded as an unpacked extension (Chromium loads Manifest V3 extensions only)
// and closes it when the test ends:
//
//	c := browsertest.StartChromium(t, extDir)
//	id := c.ExtensionID(extDir)
//	v, err := c.EvalInPage(ctx, "chrome-extension://"+id+"/popup.html", "chrome.runtime.id")
//	v, err = c.EvalInServiceWorker(ctx, id, "self.answer()")
//	if errs := c.Errors(id); len(errs) > 0 {
//		t.Errorf("errors: %q", errs)
//	}
//
// [Chromium.EvalInPage] opens a new tab at a URL, waits for the load,
// evaluates an expression (awaiting a promise), closes the tab and returns
// the result as JSON. [Chromium.EvalInServiceWorker] evaluates in an
// extension's service worker once its script has run, and starts the worker
// first when it has stopped. [Chromium.Errors] returns the uncaught exceptions
// and console.error messages seen so far in an extension's service worker
// (from its first statement on), its pages and its content scripts.
// [Chromium.StopServiceWorkers] stops the workers, which do not stop when idle
// while the driver watches them.
//
// # Firefox
//
// [StartFirefox](t) starts a headless Firefox ESR and drives it over
// Marionette, Firefox's own automation protocol; no geckodriver is needed.
// [Firefox.InstallAddon] installs an unpacked extension as a temporary
// add-on, optionally allowed in private windows, and [Firefox.EvalInPage]
// opens a normal or private window at a URL and runs an async script there,
// with the page's global object as page:
//
//	f := browsertest.StartFirefox(t)
//	addon, err := f.InstallAddon(ctx, extDir, true)
//	v, err := f.EvalInPage(ctx, addon.URL("popup.html"), true,
//		`resolve(page.browser.extension.getBackgroundPage())`)
//
// # Many extensions, one after another
//
// A tool that measures many extensions (bench/corpus) starts one browser
// and loads them in turn. [Chromium.LoadExtension] loads an unpacked
// extension into a running Chromium (an error carries Chromium's reason, such
// as "Cannot install extension because it uses an unsupported manifest
// version."), [Chromium.BackgroundRunning] tells whether its service worker
// ran, [Chromium.ExtensionMessages] reads what chrome://extensions holds
// about it (manifest warnings such as "Permission 'menus' is unknown.", a
// failed service worker registration), and [Chromium.UninstallExtension]
// removes it. In Firefox, [Firefox.BackgroundState] tells whether the add-on's
// background runs, [Firefox.AddonWarnings] returns its manifest warnings,
// [Firefox.AddonMessages] the exceptions, unhandled rejections and
// console.error calls logged since a time, and [Firefox.UninstallAddon]
// removes it. Firefox prints a page's console calls on standard output
// without naming the page, so those are the add-on's only when one add-on
// runs at a time.
//
// # Web pages
//
// [ServeDir] serves a directory on 127.0.0.1, for pages that content scripts
// run in.
//
// # Sharing a browser
//
// A browser takes a second or two to start, so start one per package, not per
// test. Either start it in one test and run the checks as its subtests with
// t.Run, or start it in TestMain with [NewChromium] or [NewFirefox] and close
// it after m.Run:
//
//	var chromium *browsertest.Chromium
//
//	func TestMain(m *testing.M) {
//		c, err := browsertest.NewChromium("testdata/ext")
//		if err != nil && !errors.Is(err, exec.ErrNotFound) {
//			log.Fatal(err)
//		}
//		chromium = c
//		code := m.Run()
//		if c != nil {
//			c.Close()
//		}
//		os.Exit(code)
//	}
//
//	func TestPopup(t *testing.T) {
//		browsertest.Require(t, browsertest.ChromiumBinary) // skips or fails when missing
//		v, err := chromium.EvalInPage(...)
//	}
//
// Every method is safe for concurrent use. Chromium evaluates in parallel;
// Firefox runs one call at a time, as a Marionette session has one current
// window. A context without a deadline gets one of 30 seconds.
//
// The browsers run headless, with the profile in a temporary directory, and
// with background networking, updates, telemetry and sync off. The package
// writes nothing to standard output or standard error; what the browsers
// write is kept and shown in the errors of a failed start.
package browsertest
