// Shared internals of the getBackgroundPage shims (the caller side in
// client.js, the background side in handler.js).
//
// The native APIs are reached only through globalThis (G): in bundles esbuild
// replaces the dotted expressions chrome.extension.getBackgroundPage,
// chrome.runtime.onMessage, ... with these shims' exports everywhere, so the
// shims never spell them with a free `chrome` or `browser`.
//
// The sources are written for size: the minified standalone script must stay
// under 2,000 bytes (TestJSStandaloneSize). Shared code lives here; names and
// messages are short; messages are arrays rather than objects with named
// fields; the idioms that save bytes are explained where they are used.
//
// Facts about the target browsers are written (globalThis.WEBEXT_SHIM_X ??
// true) where they are used. RenderStandalone (shims/standalone.go) sets them
// per target range with esbuild Defines, false where no browser of the range
// needs the code path, so that esbuild drops it; elsewhere (bundles, tests)
// they are undefined and every path is kept.
//   WEBEXT_SHIM_SW:   the fallback may serve a service-worker background.
//   WEBEXT_SHIM_PAGE: the fallback may serve a background page (Firefox's
//                     private windows).
//   WEBEXT_SHIM_RT:   an extension page or background page may lack
//                     extension.getBackgroundPage, so the native
//                     runtime.getBackgroundPage is consulted and the
//                     background page is recognised by its path.
//   WEBEXT_SHIM_CB:   rt.sendMessage may not return a promise (chrome.*
//                     without browser.* in Manifest V2), so the fallback
//                     sends with chrome.runtime.sendMessage's callback.

// KEY is the one property a fallback message and its reply carry. It names the
// project and the protocol version, so no extension's own message has it, and
// it starts with "__", a prefix the handler never resolves. It also marks a
// global whose background handler is installed.
//   request: {[KEY]: [["a", "fn"], {0: x, length: 1}]}  a call of a.fn(x)
//            {[KEY]: [["a", "b"]]}                       a read of a.b
//   reply:   {[KEY]: [value]}
//            {[KEY]: [null, name, message]}              an error
// (Version 1, "__webext-shim/bgpage@1", sent {path, args} and replied {value}
// or {ok, error}.)
export const KEY = "__webext-shim@2";

export const G = globalThis;

export const GBP = "getBackgroundPage";

// NS are the native namespaces, browser first, as the shim found them: it is
// evaluated before anything patches or polyfills them. (NS, rt and ORIGIN are
// pure for esbuild, so that a bundle that uses none of the shim keeps none of
// it.)
export const NS = /* @__PURE__ */ (() => [G.browser, G.chrome])();

// NS1 is the first native namespace there is (browser.*, else chrome.*); rt
// its runtime (undefined where there is none), ORIGIN the extension's origin
// with a slash.
const NS1 = /* @__PURE__ */ (() => NS[0] || NS[1])();
export const rt = /* @__PURE__ */ (() => NS1?.runtime)();
export const ORIGIN = /* @__PURE__ */ (() => rt?.getURL(""))();

// natExt and natRt are the native extension.getBackgroundPage and
// runtime.getBackgroundPage of NS1, bound to their objects, as the shim found
// them.
const ext = /* @__PURE__ */ (() => NS1?.extension)();
export const natExt = /* @__PURE__ */ (() => ext?.[GBP]?.bind(ext))();
export const natRt = /* @__PURE__ */ (() => rt?.[GBP]?.bind(rt))();

// inExt: this context is an extension page or the extension's service worker
// (its URL is inside the extension's origin; content scripts run on web pages).
export const inExt = () => location.href.startsWith(ORIGIN);

// isBg: this context is the extension's background (a truthy value): a
// service worker (WEBEXT_SHIM_SW), or (WEBEXT_SHIM_PAGE) a background page,
// which the native extension.getBackgroundPage() returns itself; where that
// may be missing (WEBEXT_SHIM_RT), the page the manifest names or Firefox's
// generated background page. (Written so that the facts a target lacks fold
// away.)
export const isBg = () =>
  (globalThis.WEBEXT_SHIM_PAGE ?? true)
    ? ((globalThis.WEBEXT_SHIM_SW ?? true) && G.ServiceWorkerGlobalScope) ||
      ((globalThis.WEBEXT_SHIM_RT ?? true) &&
        inExt() &&
        ["_generated_background_page.html", rt.getManifest().background?.page].includes(location.pathname.slice(1))) ||
      natExt?.() == G
    : (globalThis.WEBEXT_SHIM_SW ?? true) && G.ServiceWorkerGlobalScope;

// proto is Object.getPrototypeOf.
export const proto = Object.getPrototypeOf;

// check throws a TypeError unless v survives message serialisation: null,
// booleans, finite numbers, strings, arrays and plain objects (whose prototype
// is null or has none), recursively and without cycles. undefined is accepted
// at the top level (an argument, a result) and as an object property (it reads
// back as undefined), not as an array element (JSON turns it into null). what
// names v in the message:
//   argument 1 of page.save() is not serialisable: Function
// JSON.stringify walks the value; the replacer looks at the value before toJSON
// and throws what is wrong with it: a number, else the name of its prototype's
// constructor (Function, Symbol, Date, Map, ...), else its type (undefined);
// for a cycle, JSON.stringify's own TypeError is the reason.
// (Among the results of typeof, /^(st|bo)/ matches "string" and "boolean",
// and only "undefined" is > "u".)
export const check = (v, what) => {
  try {
    JSON.stringify(v, function (k) {
      const x = this[k], t = typeof x, p = x && proto(x), a = Array.isArray;
      if (t == "object" ? !p || a(x) || !proto(p) : t == "number" ? isFinite(x) : /^(st|bo)/.test(t) || (t > "u" && !a(this)))
        return x;
      throw t == "number" ? x : p?.constructor?.name || t;
    });
  } catch (e) {
    throw TypeError(what + " is not serialisable: " + e);
  }
};

// toError rebuilds an error from a reply [, name, message]: an Error with that
// name and message. (Not an instance of the built-in constructor the name
// names: natively, too, an error thrown in the background page is not an
// instance of the caller's TypeError, which belongs to another realm.)
export const toError = ([, name, message], e = Error(message)) => ((e.name = name), e);

// fromError is the reply for a thrown value: [null, name, message] (the hole
// becomes null in JSON).
export const fromError = (e) => [, "" + (e?.name || "Error"), "" + (e?.message ?? e)];
