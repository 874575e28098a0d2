// Caller side of getBackgroundPage: the replacements for
// extension.getBackgroundPage and runtime.getBackgroundPage, the background
// handle, and the runtime.onMessage filter that hides the fallback's messages
// from the extension's own listeners.

import {
  KEY,
  global,
  runtime,
  nativeExtensionGetBackgroundPage,
  nativeRuntimeGetBackgroundPage,
  inExtension,
  isBackground,
} from "./protocol.js";
import { encode, decode } from "./values.js";
import { namespace } from "../namespace/browser.js";

// The target facts this module reads are spelt out where they are used,
// (globalThis.WEBEXT_SHIM_CB ?? true) and so on (see protocol.js): esbuild
// folds them there, which it would not do for constants of a module that
// imports.

// sendWithCallback sends message with chrome.runtime.sendMessage's callback
// where there is a chrome.runtime, and resolves the reply (or
// runtime.lastError when nobody answered); else it sends with
// runtime.sendMessage.
const sendWithCallback = (message) => {
  const chromeRuntime = global.chrome?.runtime;
  if (!chromeRuntime) return runtime.sendMessage(message);
  return new Promise((resolve) => {
    chromeRuntime.sendMessage(message, (reply) => resolve(chromeRuntime.lastError || reply));
  });
};

// send asks the background handler to read path, or to call it with args (the
// arguments' array, encoded by values.js), and resolves the value or rejects
// with what the background threw (an Error with the background's name,
// message and stack), both decoded. It sends
// with runtime.sendMessage's promise, or where that may be missing
// (CALLBACK_TRANSPORT) with a callback. A failure to send is no answer.
const send = async (path, args) => {
  const message = { [KEY]: [path, args] };
  const sent = (globalThis.WEBEXT_SHIM_CB ?? true) ? sendWithCallback(message) : runtime.sendMessage(message);
  const answer = (await sent.catch(() => undefined))?.[KEY];
  if (!answer) throw Error("no answer from the background");
  const [node, thrown] = answer;
  const value = decode(node);
  if (thrown) throw value;
  return value;
};

// proxy is the handle for path, a Comlink-style remote: reading a property
// extends the path, calling sends a call, and a path's then() sends a read
// (so `await page.x` reads x). The root (path []) is an object without then,
// which cannot be called, so `await runtime.getBackgroundPage()` yields the
// handle. Symbols (Symbol.toPrimitive, Symbol.iterator, ...) read undefined.
const proxy = (path) => {
  const root = !path.length;
  return new Proxy(root ? {} : () => {}, {
    get(target, key) {
      if (typeof key != "string") return undefined;
      if (key == "then") return root ? undefined : (...callbacks) => send(path).then(...callbacks);
      return proxy([...path, key]);
    },
    // A call encodes its arguments first: what cannot be sent is a
    // TypeError, and nothing is sent.
    apply: async (target, thisArg, args) => send(path, encode(args, "arguments", ` of page.${path.join(".")}()`)),
  });
};

let handle;

// backgroundPage turns what a native getBackgroundPage gave (native) into the
// answer: the Window when there is one (in the background, its own); the
// background's own global inside a service worker, or in a background page
// without extension.getBackgroundPage; the handle in the extension's other
// pages; the native value elsewhere (content scripts: nothing changes).
const backgroundPage = (native) => {
  if (native) return native;
  // WORKER_FALLBACK or MAY_LACK_EXTENSION_GBP: a background the native may
  // not return.
  if (((globalThis.WEBEXT_SHIM_SW ?? true) || (globalThis.WEBEXT_SHIM_RT ?? true)) && isBackground()) return global;
  if (inExtension()) return (handle ??= proxy([]));
  return native;
};

// extensionGetBackgroundPage replaces extension.getBackgroundPage.
export const extensionGetBackgroundPage = () => backgroundPage(nativeExtensionGetBackgroundPage?.());

// nativeRuntimePage resolves what the native runtime.getBackgroundPage gives
// (nothing when it fails), taken through backgroundPage. It passes a callback,
// which reads chrome's lastError (so that Chrome does not report it as
// unchecked), and takes the promise the native returns, if any.
const nativeRuntimePage = () =>
  new Promise((resolve, reject) => {
    const promise = nativeRuntimeGetBackgroundPage((page) => {
      global.chrome?.runtime?.lastError;
      resolve(page);
    });
    promise?.then(resolve, reject);
  })
    .catch(() => undefined)
    .then(backgroundPage);

// runtimeGetBackgroundPage replaces runtime.getBackgroundPage: it resolves the
// Window or the handle and never rejects (unless callback throws); a callback
// gets the same, after the call has returned. It prefers the synchronous
// extension.getBackgroundPage, else calls the native runtime.getBackgroundPage.
export const runtimeGetBackgroundPage = async (callback) => {
  // MAY_LACK_EXTENSION_GBP
  const useRuntime = (globalThis.WEBEXT_SHIM_RT ?? true) && !nativeExtensionGetBackgroundPage && nativeRuntimeGetBackgroundPage;
  const page = await (useRuntime ? nativeRuntimePage() : extensionGetBackgroundPage());
  callback?.(page);
  return page;
};

// filterEvent wraps a native runtime.onMessage event so that listeners never
// see the fallback's messages: for those the wrapper answers nothing and
// leaves sendResponse alone; anything else, and the listener's answer (true
// and sendResponse, or a promise), passes through. It writes addListener,
// removeListener and hasListener into target (by default the event itself:
// the standalone script patches the native event), each given the
// listener's wrapper, one per listener, made the first time one of them sees
// the listener. It returns the wrappers by listener.
export const filterEvent = (event, target = event) => {
  const wrappers = new Map();
  const wrapperOf = (listener) => {
    if (!wrappers.has(listener))
      wrappers.set(listener, (message, ...rest) => (message?.[KEY] ? undefined : listener(message, ...rest)));
    return wrappers.get(listener);
  };
  for (const name of ["addListener", "removeListener", "hasListener"]) {
    const native = event[name].bind(event);
    target[name] = (listener) => native(wrapperOf(listener));
  }
  return wrappers;
};

// bundleEvent is filterEvent's event for bundles: a new object over event,
// whose hasListeners says whether a listener added through it is still there
// (so the background handler's own listener stays hidden), or where the
// namespace is missing (event is undefined) an empty one, whose methods throw
// when called, as natively. (The standalone script's patched events keep the
// native hasListeners.)
const bundleEvent = (event) => {
  const filtered = {};
  if (event) {
    const wrappers = filterEvent(event, filtered);
    filtered.hasListeners = () => [...wrappers.values()].some((wrapper) => event.hasListener(wrapper));
  }
  return filtered;
};

// Replacements for chrome.runtime.onMessage and browser.runtime.onMessage in
// bundles (whose methods throw, as natively, where the namespace is missing;
// creating them never throws). The browser one filters the browser namespace
// of namespace/browser.js: the native one, or on targets that need it the one
// made over chrome, whose listeners may return promises.
export const chromeOnMessage = /* @__PURE__ */ (() => bundleEvent(global.chrome?.runtime?.onMessage))();
export const browserOnMessage = /* @__PURE__ */ (() => bundleEvent(namespace?.runtime?.onMessage))();
