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
        ? new Promise((ok) => c.sendMessage({ [KEY]: { path, args } }, (v) => ok(c.lastError || v)))
        : rt.sendMessage({ [KEY]: { path, args } })
      ).catch((e) => e)
    )?.[KEY];
  if (!r) throw Error("no answer from the background");
  if (r.error) throw toError(r.error);
  return r.value;
};

// proxy is the handle for path, a Comlink-style remote: reading a property
// extends the path, calling sends a call, a path's then() a read (so
// `await page.x` reads x). The root (path []) is a non-callable object without
// then, so `await runtime.getBackgroundPage()` yields the handle. Symbols read
// undefined.
const proxy = (path) =>
  new Proxy(path[0] ? function () {} : {}, {
    get: (_, k) =>
      typeof k == "symbol" ? undefined : k == "then" ? path[0] && ((ok, no) => send(path).then(ok, no)) : proxy([...path, k]),
    apply: async (_, __, a) => (
      a.map((x, i) => check(x, "argument " + (i + 1) + " of page." + path.join(".") + "()")),
      send(path, { ...a, length: a.length })
    ),
  });

let handle;

// pick turns what the native getBackgroundPage gave into the answer: the Window
// when there is one (in the background, its own); the background's own global
// inside a service worker; the handle in the extension's other pages; the
// native value elsewhere (content scripts: nothing changes).
const pick = (w) => w || (isBg() ? G : inExt() ? (handle ||= proxy([])) : w);

// extensionGetBackgroundPage replaces extension.getBackgroundPage.
export const extensionGetBackgroundPage = () => pick(natExt?.());

// runtimeGetBackgroundPage replaces runtime.getBackgroundPage: it resolves the
// Window or the handle and never rejects; a callback gets the same. It prefers
// the synchronous extension.getBackgroundPage, else (WEBEXT_SHIM_RT) calls the
// native runtime.getBackgroundPage with a callback (reading chrome's
// lastError) and takes its promise too if it returns one.
export const runtimeGetBackgroundPage = (cb) => {
  const p =
    (globalThis.WEBEXT_SHIM_RT ?? true) && !natExt && natRt
      ? new Promise((ok, no) => natRt((w) => (G.chrome?.runtime?.lastError, ok(w)))?.then(ok, no)).catch(() => {}).then(pick)
      : Promise.resolve(extensionGetBackgroundPage());
  p.then(cb);
  return p;
};

// filterEvent wraps a native runtime.onMessage event so that listeners never
// see the fallback's messages: for those the wrapper returns undefined and
// leaves sendResponse alone; anything else, and the listener's answer (true +
// sendResponse, or a promise), passes through. removeListener and hasListener
// take the original listener; hasListeners counts the listeners added through
// the filter and not removed (so the background handler's own listener stays
// hidden).
export const filterEvent = (ev) => {
  const w = new Map(), g = (f) => w.get(f) || f, [add, rem, has] = ["add", "remove", "has"].map((k) => ev?.[k + "Listener"].bind(ev));
  return {
    addListener: (f) => add(w.get(f) || w.set(f, (m, ...a) => (m?.[KEY] ? undefined : f(m, ...a))).get(f)),
    removeListener: (f) => (rem(g(f)), w.delete(f)),
    hasListener: (f) => has(g(f)),
    hasListeners: () => w.size > 0,
  };
};

// Replacements for chrome.runtime.onMessage and browser.runtime.onMessage in
// bundles (whose methods throw, as natively, where the namespace is missing;
// creating them never throws). The browser one filters the browser namespace
// of namespace/browser.js: the native one, or on targets that need it the one
// made over chrome, whose listeners may return promises.
export const chromeOnMessage = /* @__PURE__ */ (() => filterEvent(G.chrome?.runtime?.onMessage))();
export const browserOnMessage = /* @__PURE__ */ (() => filterEvent(namespace?.runtime?.onMessage))();
