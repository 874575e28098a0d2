// Shared internals of the getBackgroundPage shims: the caller side in
// client.js, the background side in handler.js, the in-place patch in
// patch.js.
//
// The native APIs are reached only through globalThis: in bundles esbuild
// replaces the dotted expressions chrome.extension.getBackgroundPage,
// chrome.runtime.onMessage, ... with these shims' exports everywhere, so the
// shims never spell them with a free `chrome` or `browser`.
//
// The sources are written to be read; esbuild minifies them. The minified
// standalone script with this shim alone stays within 3,400 bytes, 1,800
// gzipped (TestJSStandaloneSize), so the messages are arrays rather than
// objects with named fields, and the shared code lives here.

// Facts about the target browsers. Builds and RenderStandalone define the
// globalThis.WEBEXT_SHIM_* names per target range (TargetDefines in
// shims/standalone.go), false where no browser of the range needs the code
// path; esbuild then inlines the constants below where they are used and
// drops the code they guard. In tests the names are undefined and every path
// is kept. esbuild inlines only the constants a module declares before any
// other statement, in a module without imports, and drops unused code at
// parse time only for its own constants: so this module declares the facts
// it reads first, and client.js, which imports, spells them out where it
// uses them.
//   WORKER_FALLBACK (WEBEXT_SHIM_SW): the fallback may serve a
//     service-worker background.
//   PAGE_FALLBACK (WEBEXT_SHIM_PAGE): the fallback may serve a background
//     page (Firefox's private windows).
//   MAY_LACK_EXTENSION_GBP (WEBEXT_SHIM_RT): an extension page or background
//     page may lack extension.getBackgroundPage, so the native
//     runtime.getBackgroundPage is consulted and the background page is
//     recognised by its path.
//   CALLBACK_TRANSPORT (WEBEXT_SHIM_CB): runtime.sendMessage may not return a
//     promise (chrome.* without browser.* in Manifest V2), so the fallback
//     sends with chrome.runtime.sendMessage's callback.
const WORKER_FALLBACK = globalThis.WEBEXT_SHIM_SW ?? true;
const PAGE_FALLBACK = globalThis.WEBEXT_SHIM_PAGE ?? true;
const MAY_LACK_EXTENSION_GBP = globalThis.WEBEXT_SHIM_RT ?? true;

// KEY is the one property a fallback message and its reply carry. It names the
// project and the protocol version, so no extension's own message has it, and
// it starts with "__", a prefix the handler never resolves. It also marks a
// global whose background handler is installed.
//   request: {[KEY]: [["a", "fn"], ["A", x]]}  a call of a.fn(x)
//            {[KEY]: [["a", "b"]]}            a read of a.b
//   reply:   {[KEY]: [value]}                 the result
//            {[KEY]: [error, 1]}              what the background threw
// where the arguments (an array), value and error are encoded by values.js.
// (Version 1, "__webext-shim/bgpage@1", sent {path, args} and replied {value}
// or {ok, error}; version 2 sent the arguments as {0: x, length: 1} and
// replied [null, name, message] for an error, all as JSON.)
export const KEY = "__webext-shim@3";

export const global = globalThis;

// namespaces are the native namespaces, browser first, as the shim found
// them: it is evaluated before anything patches or polyfills them. (This and
// the other values read from the natives are pure for esbuild, so that a
// bundle that uses none of the shim keeps none of it.)
export const namespaces = /* @__PURE__ */ (() => [global.browser, global.chrome])();

// api is the first native namespace there is (browser.*, else chrome.*),
// runtime its runtime (undefined where there is none) and ORIGIN the
// extension's origin with a slash.
const api = /* @__PURE__ */ (() => namespaces[0] || namespaces[1])();
export const runtime = /* @__PURE__ */ (() => api?.runtime)();
export const ORIGIN = /* @__PURE__ */ (() => runtime?.getURL(""))();

// nativeExtensionGetBackgroundPage and nativeRuntimeGetBackgroundPage are
// api's native extension.getBackgroundPage and runtime.getBackgroundPage,
// bound to their objects, as the shim found them (undefined where missing).
const extension = /* @__PURE__ */ (() => api?.extension)();
export const nativeExtensionGetBackgroundPage = /* @__PURE__ */ (() => extension?.getBackgroundPage?.bind(extension))();
export const nativeRuntimeGetBackgroundPage = /* @__PURE__ */ (() => runtime?.getBackgroundPage?.bind(runtime))();

// inExtension tells whether this context is an extension page or the
// extension's service worker: its URL is inside the extension's origin
// (content scripts run on web pages).
export const inExtension = () => location.href.startsWith(ORIGIN);

// isBackground tells whether this context is the extension's background: a
// service worker, or a background page, which the native
// extension.getBackgroundPage() returns itself; where that may be missing,
// the page the manifest names or Firefox's generated background page.
export const isBackground = () => {
  if (WORKER_FALLBACK && global.ServiceWorkerGlobalScope) return true;
  if (!PAGE_FALLBACK) return false;
  if (MAY_LACK_EXTENSION_GBP && inExtension()) {
    const pages = ["_generated_background_page.html", runtime.getManifest().background?.page];
    if (pages.includes(location.pathname.slice(1))) return true;
  }
  return nativeExtensionGetBackgroundPage?.() == global;
};

export const prototypeOf = Object.getPrototypeOf;
