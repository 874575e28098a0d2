// Package shims holds webext-shim's JavaScript shims and decides which of
// them a target needs.
//
// A shim is a set of real JavaScript files under js/ (embedded with go:embed)
// plus Go metadata: the API paths it provides (for example
// "browser.extension.getBackgroundPage"), the contexts it runs in, and the
// compat features whose absence or misbehaviour on a target requires it.
// Needs decides, from the targets tables and overlay, what a target needs;
// RenderStandalone renders one self-contained script for `webext-shim shim`
// and for the ready-made scripts of package standalone (standalone/).
//
// The getBackgroundPage shim makes extension.getBackgroundPage() and
// runtime.getBackgroundPage() (browser. and chrome. spellings) return the
// background page where the browser has one, and otherwise a background
// handle that reaches the background by message passing: Chromium's
// Manifest V3 service workers, Safari's service-worker backgrounds and
// Firefox's private windows. A function call through the handle returns a
// promise where the native call returned a value; that is its one
// difference from the native API. Arguments, results and errors travel
// encoded by js/bgpage/values.js, which carries what structured cloning
// carries, the same in every browser. Its JavaScript is written to be read
// and minified by esbuild: the minified standalone script with this shim
// alone is at most 3,400 bytes, 1,800 gzipped, for every browser
// (TestJSStandaloneSize). The standalone and runtime scripts are always
// syntax-minified, readable ones too, so that the target facts
// RenderStandalone defines leave no dead code paths behind.
//
// The browser namespace shim (BrowserNamespace) defines browser over chrome
// on Chromium targets whose range includes versions without a native one
// (Chrome before 148, Edge, Opera); a native browser present at run time is
// used as it is. From chrome-types' data it wraps callback -> promise only
// the methods that some of those versions lack promise support for
// (namespaceMembers), restricted to the members the code uses; messaging
// follows Firefox: onMessage listeners may answer with a promise, and a
// message nobody answers resolves undefined. The table reaches the
// JavaScript as esbuild defines (namespaceDefines), so each bundle holds
// only its own.
package shims
