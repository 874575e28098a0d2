// Caller side of getBackgroundPage: the replacements for
// extension.getBackgroundPage and runtime.getBackgroundPage, the background
// handle, and the runtime.onMessage filter that hides the fallback's messages
// from the extension's own listeners.
import { KEY, G, nat, inExt, isBg, check, toError } from "./protocol.js";

// send asks the background handler for op ("call" or "get") on path and
// resolves the value or rejects with the background's error. The arguments
// travel as an array-like object {0: a, 1: b, length: 2}, so that an undefined
// argument stays undefined (JSON turns it into null in an array). Transport:
// browser.runtime.sendMessage's promise where it exists, else
// chrome.runtime.sendMessage's callback (runtime.lastError: no answer).
const send = async (op, path, args) => {
  const m = { [KEY]: { op, path, args } }, b = G.browser?.runtime, c = G.chrome?.runtime;
  let r;
  try {
    r = (await (b?.sendMessage ? b.sendMessage(m) : new Promise((ok) => c.sendMessage(m, (v) => ok(c.lastError || v)))))[KEY];
  } catch {}
  if (!r) throw Error("the background did not answer: is the webext-shim background handler loaded?");
  if (!r.ok) throw toError(r.error);
  return r.value;
};

// proxy is the handle for path, a Comlink-style remote: reading a property
// extends the path, calling sends "call", a path's then() sends "get" (so
// `await page.x` reads x). The root (path []) is a non-callable object without
// then, so `await runtime.getBackgroundPage()` yields the handle. Symbols read
// undefined.
const proxy = (path) =>
  new Proxy(path[0] ? function () {} : {}, {
    get: (_, k) =>
      k == "then" ? (path[0] ? (ok, no) => send("get", path).then(ok, no) : undefined)
      : typeof k != "symbol" ? proxy([...path, k])
      : undefined,
    apply: async (_, __, a) => (
      a.map((x, i) => check(x, "argument " + (i + 1) + " of page." + path.join(".") + "()", "to the background")),
      send("call", path, { ...a, length: a.length })
    ),
  });

let handle;

// pick turns what the native getBackgroundPage gave into the answer: the Window
// when there is one (in the background, its own); the background's own global
// inside a service worker; the handle in the extension's other pages; the
// native value elsewhere (content scripts: nothing changes).
const pick = (w) => (w && typeof w == "object" ? w : isBg() ? G : inExt() ? (handle ||= proxy([])) : w);

// extensionGetBackgroundPage replaces extension.getBackgroundPage.
export const extensionGetBackgroundPage = () => pick(nat("extension")?.());

// runtimeGetBackgroundPage replaces runtime.getBackgroundPage: it resolves the
// Window or the handle and never rejects; a callback gets the same. It prefers
// the synchronous extension.getBackgroundPage, else calls the native
// runtime.getBackgroundPage with a callback (reading chrome's lastError) and
// takes its promise too if it returns one.
export const runtimeGetBackgroundPage = (cb) => {
  const f = nat("runtime"),
    p = nat("extension") || !f
      ? Promise.resolve(extensionGetBackgroundPage())
      : new Promise((ok, no) => f((w) => (G.chrome?.runtime?.lastError, ok(w)))?.then(ok, no)).catch(() => {}).then(pick);
  typeof cb == "function" && p.then(cb);
  return p;
};

// filterEvent wraps a native runtime.onMessage event so that listeners never
// see the fallback's messages: for those the wrapper returns undefined and
// leaves sendResponse alone; anything else, and the listener's answer (true +
// sendResponse, or a promise), passes through. removeListener and hasListener
// take the original listener; hasListeners counts the listeners added through
// the filter (so the background handler's own listener stays hidden).
export const filterEvent = (ev) => {
  const w = new WeakMap(), [add, rem, has] = ["add", "remove", "has"].map((k) => ev?.[k + "Listener"]?.bind(ev));
  let n = 0;
  return {
    addListener(f) {
      w.has(f) || w.set(f, function (m) { return m?.[KEY] ? undefined : f.apply(this, arguments); });
      has(w.get(f)) || n++;
      add(w.get(f));
    },
    removeListener(f) {
      const g = w.get(f);
      g && has(g) && n--;
      rem(g || f);
    },
    hasListener: (f) => has(w.get(f) || f),
    hasListeners: () => n > 0,
  };
};

const onMessageOf = (ns) => filterEvent(G[ns]?.runtime?.onMessage);

// Replacements for chrome.runtime.onMessage and browser.runtime.onMessage in
// bundles (whose methods throw, as natively, where the namespace is missing;
// creating them never throws).
export const chromeOnMessage = /* @__PURE__ */ onMessageOf("chrome");
export const browserOnMessage = /* @__PURE__ */ onMessageOf("browser");
