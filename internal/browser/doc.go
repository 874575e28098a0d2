// Package browser starts and drives real browsers for webext-shim: it loads
// unpacked extension directories into Chromium and Firefox ESR, reloads
// them, opens pages, evaluates JavaScript in the extensions' pages and
// service workers, and collects the errors the browsers report about them.
// The command's run loop (webext-shim run) and the tests (package
// internal/browsertest, which adds the test-only helpers) share it.
//
// # Chromium
//
// [LaunchChromium] starts Chromium with --remote-debugging-pipe (through
// chromedp) and loads each extension with the protocol command
// Extensions.loadUnpacked, after asking the browser to pause each service
// worker before its first statement until the driver has attached to it, so
// that no error of a worker's start escapes [Chromium.Errors] or the
// [ChromiumOptions] OnError hook. [Chromium.LoadExtension] loads another
// extension, or loads one again from the same directory, which reloads it.
// [Chromium.OpenTab] opens a tab that stays open, [Chromium.EvalInPage]
// one that closes after an evaluation, [Chromium.EvalInServiceWorker]
// evaluates in an extension's service worker. [Chromium.Done] is closed
// when the browser has gone, closed by [Chromium.Close], by the user, or
// by a crash.
//
// # Firefox
//
// [LaunchFirefox] starts Firefox ESR and drives it over Marionette, its own
// automation protocol; no geckodriver is needed. [Firefox.InstallAddon]
// installs an unpacked extension as a temporary add-on, optionally allowed
// in private windows; [Firefox.ReloadAddon] reloads it from its directory;
// [Firefox.OpenWindow] opens a window that stays open;
// [Firefox.AddonMessages] returns the errors logged about an add-on.
// [Firefox.Done] is closed when the browser process has exited.
//
// Every method is safe for concurrent use. A context without a deadline
// gets one of 30 seconds. The package writes nothing to standard output or
// standard error; what the browsers write is kept and shown in the errors of
// a failed start.
package browser
