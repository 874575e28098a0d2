// Shared internals of the getBackgroundPage shims (the caller side in
// client.js, the background side in handler.js).
//
// The native APIs are reached only through globalThis (G): in bundles esbuild
// replaces the dotted expressions chrome.extension.getBackgroundPage,
// chrome.runtime.onMessage, ... with these shims' exports everywhere, so the
// shims never spell them with a free `chrome` or `browser`. The sources are
// written for size: the minified standalone script must stay under 2,000 bytes.

// KEY is the one property a fallback message and its reply carry. It names the
// project and the protocol version, so no extension's own message has it, and
// it starts with "__", a prefix the handler never resolves.
export const KEY = "__webext-shim/bgpage@1";

export const G = globalThis;

export const GBP = "getBackgroundPage";

// rt is the native runtime namespace (undefined where there is none).
export const rt = () => G.browser?.runtime || G.chrome?.runtime;

// nat returns the native ns.getBackgroundPage (ns "extension" or "runtime")
// bound to its namespace, browser.* first, then chrome.*; a wrapper installed
// by standalone.js is looked through (it keeps the native, or 0, under KEY).
export const nat = (ns) => {
  for (const o of [G.browser?.[ns], G.chrome?.[ns]]) {
    const f = o?.[GBP]?.[KEY] ?? o?.[GBP];
    if (f) return f.bind(o);
  }
};

// inExt: this context is an extension page or the extension's service worker
// (its URL is inside the extension's origin; content scripts run on web pages).
export const inExt = () => location.href.startsWith(rt()?.getURL(""));

// isBg: this context is the extension's background: a service worker, the
// page the manifest names or Firefox's generated background page. (Where the
// native getBackgroundPage returns the page's own global, the client returns
// that anyway.)
export const isBg = (p = location.pathname) =>
  inExt() &&
  (G instanceof (G.ServiceWorkerGlobalScope || Map) ||
    p == "/_generated_background_page.html" ||
    p == "/" + rt().getManifest().background?.page);

// check throws a TypeError unless v survives message serialisation: null,
// booleans, finite numbers, strings, arrays and plain objects, recursively and
// without cycles. undefined is accepted at the top level (an argument, a
// result) and as an object property (it reads back as undefined), not as an
// array element (JSON turns it into null). what and dir word the message:
//   argument 1 of page.save() cannot be sent to the background: functions cannot be serialised
// JSON.stringify walks the value; the replacer looks at the value before toJSON.
export const check = (v, what, dir) => {
  try {
    JSON.stringify(v, function (k) {
      const x = this[k], t = typeof x, a = Array.isArray, p = t == "object" && x && Object.getPrototypeOf(x);
      if (t == "string" || t == "boolean" || (t == "number" && isFinite(x)) || a(x) || (t == "object" && !(p && Object.getPrototypeOf(p))) || (x === undefined && !a(this))) return x;
      throw p ? p.constructor?.name + " objects" : t == "number" || t == "undefined" ? "" + x : t + "s";
    });
  } catch (e) {
    throw TypeError(what + " cannot be sent " + dir + ": " + (e instanceof Error ? "cycles" : e) + " cannot be serialised");
  }
};

// toError rebuilds an error sent as {name, message}: the built-in constructor
// for the standard names, else an Error with that name.
export const toError = ({ name, message }) => {
  const e = new (/^(Type|Range|Reference|Syntax|Eval|URI)Error$/.test(name) ? G[name] : Error)(message);
  if (e.name != name) e.name = name;
  return e;
};

// fromError is the {name, message} form of a thrown value.
export const fromError = (e) => ({ name: "" + (e?.name || "Error"), message: "" + (e?.message ?? e) });
