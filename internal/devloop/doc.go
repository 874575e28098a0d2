// Package devloop is the development loop of webext-shim run: it builds an
// extension for one target, starts that target's browser with the output
// loaded, and on every change of the source rebuilds it and reloads it in
// the browser, while it passes the errors the browser reports about the
// extension on, with their positions mapped to the source through the
// output's source maps.
//
// [Run] reports what happens through the callbacks of [Hooks]; it prints
// nothing. The browsers are driven by package internal/browser: Chromium
// over the DevTools protocol (--remote-debugging-pipe, Extensions.loadUnpacked,
// which also reloads), Firefox over Marionette (a temporary add-on, reloaded
// as about:debugging does).
package devloop
