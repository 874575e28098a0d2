// The promise-based browser namespace over chrome, for Chromium browsers that
// lack a native one (Chrome before 148, Edge, Opera). A native browser present
// at run time is used as it is.
//
// browser is a Proxy of chrome that changes only what the target range needs,
// per the table webext-shim generates from chrome-types (shims/namespace.go)
// for the members the extension's code uses; everything else, unknown members
// and namespaces included, reads through to chrome as it is:
//   - a method that some version of the range has without promise support is
//     called with a callback and returns a promise: runtime.lastError rejects
//     it with its message, one callback value resolves as itself, several (or
//     a callback the data gives several parameters) as an array; the argument
//     count is checked against the data's bounds first. A call that passes a
//     function last goes to chrome unchanged: its own callback, or the handler
//     of a handler setter such as devtools.panels.setOpenResourceHandler.
//   - runtime.sendMessage and tabs.sendMessage resolve undefined when the
//     listeners close the channel without an answer (Chrome's "The message
//     port closed before a response was received.") and reject with the
//     message a listener's promise rejected with.
//   - runtime.onMessage and onMessageExternal listeners may return a promise:
//     its value is the reply, its rejection (or an exception) an error at the
//     sender; sendResponse keeps working; removeListener and hasListener take
//     the original listener.
// Functions read through a namespace the proxy wraps are bound to their
// object (Chromium's events and storage areas check their receiver) and keep
// the original's own properties (the getBackgroundPage shim's marks).
//
// The file never names chrome or browser as free identifiers: bundles replace
// those with their shims.

// Generated data, set per build with esbuild's define (see namespace.go);
// undefined in tests, where every path is kept. esbuild folds the constant
// NAMESPACE_MISSING (declared first: it inlines only those) and the
// expressions that read the others where they are used, and drops the code
// they rule out. (WEBEXT_SHIM_EV and WEBEXT_SHIM_NS are read only where they
// are used: a build that does not need the namespace leaves them undefined,
// and a top-level read of them would stay in its bundles.)
//   WEBEXT_SHIM_BROWSER  some version of the range lacks the native namespace;
//                        false folds this module down to globalThis.browser.
//   WEBEXT_SHIM_EV       the onMessage and onMessageExternal wrappers are used.
//   WEBEXT_SHIM_NS       the table of the methods to wrap, a JSON object:
//                        each key is a namespace, or several separated by
//                        spaces (those with the same methods), and its value
//                        maps a method's name to its argument count, a
//                        number, or [minArgs, maxArgs] or
//                        [minArgs, maxArgs, kind]: kind "several" (the
//                        callback's values resolve as an array) or "message"
//                        (runtime.sendMessage, tabs.sendMessage):
//                          {"runtime": {"sendMessage": [1, 3, "message"]},
//                           "storage.local storage.sync": {"get": [0, 1], "set": 1}}
const NAMESPACE_MISSING = globalThis.WEBEXT_SHIM_BROWSER ?? true;

const global = globalThis;

// REJECTION marks a reply that carries a listener's rejection. It is the
// marker of mozilla/webextension-polyfill's wire format, so that a sender
// using the polyfill (another extension, say) sees the rejection too.
const REJECTION = "__mozWebExtensionPolyfillReject__";

// argumentCountError is the TypeError of a call of path with count arguments,
// outside min to max.
const argumentCountError = (path, count, min, max) => {
  const [bound, limit] = count < min ? ["least", min] : ["most", max];
  return TypeError(`Expected at ${bound} ${limit} argument${limit == 1 ? "" : "s"} for ${path}(), got ${count}`);
};

// promisify returns object[key], the chrome method path, wrapped
// callback -> promise; min and max bound its arguments, kind is its kind
// (see WEBEXT_SHIM_NS). chromeNamespace is the chrome whose
// runtime.lastError reports failures.
const promisify = (chromeNamespace, object, key, path, min, max, kind) =>
  function (...args) {
    if (typeof args[args.length - 1] == "function") return object[key](...args);
    if (args.length < min || args.length > max) throw argumentCountError(path, args.length, min, max);
    return new Promise((resolve, reject) => {
      object[key](...args, (...results) => {
        const error = chromeNamespace.runtime.lastError;
        if (kind == "message") {
          // No listener answered: undefined, as Firefox resolves.
          if (error && /port closed/.test(error.message)) resolve();
          else if (error) reject(Error(error.message));
          else if (results[0]?.[REJECTION]) reject(Error(results[0].message));
          else resolve(results[0]);
        } else if (error) reject(Error(error.message));
        else resolve(kind == "several" || results.length > 1 ? results : results[0]);
      });
    });
  };

// wrapEvent wraps a native onMessage event: each listener gets a wrapper that
// turns a promise it returns (or an exception it throws) into the reply.
// Other properties read through to the native event, the wrapper's
// prototype.
const wrapEvent = (event) => {
  const wrappers = new WeakMap();
  const wrapperOf = (listener) => wrappers.get(listener) || listener;
  const wrap = (listener) => {
    if (!wrappers.has(listener))
      wrappers.set(listener, (message, sender, sendResponse) => {
        let result;
        try {
          result = listener(message, sender, sendResponse);
        } catch (error) {
          result = Promise.reject(error);
        }
        if (result === true) return true;
        if (typeof result?.then != "function") return false;
        result.then(sendResponse, (error) => sendResponse({ [REJECTION]: true, message: error?.message ?? "" + error }));
        return true;
      });
    return wrappers.get(listener);
  };
  return {
    __proto__: event,
    addListener: (listener) => event.addListener(wrap(listener)),
    removeListener: (listener) => event.removeListener(wrapperOf(listener)),
    hasListener: (listener) => event.hasListener(wrapperOf(listener)),
    hasListeners: () => event.hasListeners(),
  };
};

// make builds the namespace over chromeNamespace.
const make = (chromeNamespace) => {
  // wrappers maps the dotted path of each member the proxy changes to the
  // function that wraps it, given its object and key.
  const wrappers = new Map();
  for (const [namespaces, methods] of Object.entries(globalThis.WEBEXT_SHIM_NS ?? {}))
    for (const prefix of namespaces.split(" "))
      for (const [name, count] of Object.entries(methods)) {
        const [min, max, kind] = typeof count == "number" ? [count, count] : count;
        const path = prefix + "." + name;
        wrappers.set(path, (object, key) => promisify(chromeNamespace, object, key, path, min, max, kind));
      }
  if (globalThis.WEBEXT_SHIM_EV ?? true)
    for (const path of ["runtime.onMessage", "runtime.onMessageExternal"])
      wrappers.set(path, (object, key) => wrapEvent(object[key]));
  const paths = [...wrappers.keys()];

  // present is what the proxy gives for value, object[key], whose dotted
  // path is path: the wrapper of a member the table names, a proxy of a
  // namespace that holds one, a function bound to its object (with the
  // original's own properties), anything else as it is.
  const present = (object, key, value, path) => {
    if (value == null) return value;
    if (wrappers.has(path)) return wrappers.get(path)(object, key);
    if (paths.some((p) => p.startsWith(path + "."))) return wrap(value, path + ".");
    if (typeof value == "function") return Object.assign(value.bind(object), value);
    return value;
  };

  // wrap returns the proxy of object, whose dotted path is prefix (with a
  // final dot, "" for chrome itself). A read is cached with the value it came
  // from, so that it keeps its identity while the underlying member does not
  // change.
  const wrap = (object, prefix) => {
    const cache = new Map(); // key -> [value, what the proxy gave for it]
    return new Proxy(object, {
      get(target, key) {
        const value = target[key];
        if (!cache.has(key) || cache.get(key)[0] !== value)
          cache.set(key, [value, present(target, key, value, prefix + String(key))]);
        return cache.get(key)[1];
      },
    });
  };
  return wrap(chromeNamespace, "");
};

// namespace is the native browser namespace, or (where some version of the
// range lacks it and this context has none) the one made over chrome. Bundles
// get it for the free identifier browser.
export const namespace = /* @__PURE__ */ (() =>
  NAMESPACE_MISSING && !global.browser && global.chrome ? make(global.chrome) : global.browser)();
