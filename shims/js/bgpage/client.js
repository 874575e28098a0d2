// Caller side of getBackgroundPage: the replacements for
// extension.getBackgroundPage and runtime.getBackgroundPage, the background
// handle, and the runtime.onMessage filter that hides the fallback's messages
// from the extension's own listeners.
import { KEY, G, rt, natExt, natRt, inExt, isBg, check, toError } from "./protocol.js";
import { namespace } from "../namespace/browser.js";

// send asks the background handler to read path, or to call it with args, and
// resolves the value or rejects with the background's error. The arguments
// travel as an array-like object {0: a, 1: b, length: 2}, so that an undefined
// argument stays undefined (JSON turns it into null in an array). Transport:
// rt.sendMessage's promise, or (WEBEXT_SHIM_CB) chrome.runtime.sendMessage's
// callback (runtime.lastError: no answer).
const send = async (path, args) => {
  const c = (globalThis.WEBEXT_SHIM_CB ?? true) && G.chrome?.runtime,
    r = (
      await (c
        ? new Promise((ok) => c.sendMessage({ [KEY]: [path, args] }, (v) => ok(c.lastError || v)))
        : rt.sendMessage({ [KEY]: [path, args] })
      ).catch((e) => e)
    )?.[KEY];
  if (!r) throw Error("no answer from the background");
  if (r[1]) throw toError(r);
  return r[0];
};

// proxy is the handle for path, a Comlink-style remote: reading a property
// extends the path, calling sends a call, a path's then() a read (so
// `await page.x` reads x). The root (path []) is a non-callable object without
// then, so `await runtime.getBackgroundPage()` yields the handle. Symbols read
// undefined (k.trim: strings have a trim method, symbols do not).
const proxy = (path) =>
  new Proxy(path[0] ? () => {} : {}, {
    get: (_, k) => k.trim && (k == "then" ? path[0] && ((...a) => send(path).then(...a)) : proxy([...path, k])),
    apply: async (_, __, a) => (
      a.map((x, i) => check(x, `argument ${i + 1} of page.${path.join(".")}()`)),
      send(path, { ...a, length: a.length })
    ),
  });

let handle;

// extensionGetBackgroundPage replaces extension.getBackgroundPage. It turns
// what the native one gave (w; runtimeGetBackgroundPage passes what the
// native runtime.getBackgroundPage gave) into the answer: the Window when
// there is one (in the background, its own); the background's own global
// inside a service worker, or (WEBEXT_SHIM_RT) in a background page without
// extension.getBackgroundPage; the handle in the extension's other pages; the
// native value elsewhere (content scripts: nothing changes). (w is a
// parameter to save bytes: the native takes no arguments.)
export const extensionGetBackgroundPage = (w = natExt?.()) =>
  w || (((globalThis.WEBEXT_SHIM_SW ?? true) || (globalThis.WEBEXT_SHIM_RT ?? true)) && isBg() ? G : inExt() ? (handle ||= proxy([])) : w);

// runtimeGetBackgroundPage replaces runtime.getBackgroundPage: it resolves the
// Window or the handle and never rejects (unless cb throws); a callback (cb)
// gets the same, after the call has returned. It prefers the synchronous
// extension.getBackgroundPage, else (WEBEXT_SHIM_RT) calls the native
// runtime.getBackgroundPage with a callback (reading chrome's lastError) and
// takes its promise too if it returns one. (w is a local: a second argument
// is overwritten.)
export const runtimeGetBackgroundPage = async (cb, w) => (
  (w = await ((globalThis.WEBEXT_SHIM_RT ?? true) && !natExt && natRt
    ? new Promise((ok, no) => natRt((w) => (G.chrome?.runtime?.lastError, ok(w)))?.then(ok, no)).catch(() => {}).then(extensionGetBackgroundPage)
    : extensionGetBackgroundPage())),
  cb?.(w),
  w
);

// filterEvent wraps a native runtime.onMessage event so that listeners never
// see the fallback's messages: for those the wrapper returns 0 (not true and
// no promise: no answer) and leaves sendResponse alone; anything else, and the
// listener's answer (true + sendResponse, or a promise), passes through. It
// writes addListener, removeListener and hasListener into `to` (by default ev
// itself: the standalone script patches the native event), each given the
// listener's wrapper, one per listener, made the first time one of them sees
// the listener.
export const filterEvent = (ev, to = ev, w = new Map()) => (
  ["add", "remove", "has"].map((k) => {
    const native = ev[(k += "Listener")].bind(ev);
    to[k] = (f) => native(w.get(f) || w.set(f, (m, ...a) => (m?.[KEY] ? 0 : f(m, ...a))).get(f));
  }),
  to
);

// bundleEvent is filterEvent's event for bundles: a new object over ev, whose
// hasListeners says whether a listener added through it is still there (so
// the background handler's own listener stays hidden), or where the
// namespace is missing (ev is undefined) an empty one, whose methods throw
// when called, as natively. (The standalone script's patched events keep
// the native hasListeners, to save bytes.)
const bundleEvent = (ev, w = new Map()) =>
  ev ? filterEvent(ev, { hasListeners: () => [...w.values()].some((f) => ev.hasListener(f)) }, w) : {};

// Replacements for chrome.runtime.onMessage and browser.runtime.onMessage in
// bundles (whose methods throw, as natively, where the namespace is missing;
// creating them never throws). The browser one filters the browser namespace
// of namespace/browser.js: the native one, or on targets that need it the one
// made over chrome, whose listeners may return promises.
export const chromeOnMessage = /* @__PURE__ */ (() => bundleEvent(G.chrome?.runtime?.onMessage))();
export const browserOnMessage = /* @__PURE__ */ (() => bundleEvent(namespace?.runtime?.onMessage))();
