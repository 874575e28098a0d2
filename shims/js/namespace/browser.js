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
// Generated data, set per build with esbuild's define (see namespace.go):
//   WEBEXT_SHIM_BROWSER  some version of the range lacks the native namespace;
//                        false folds this module down to globalThis.browser.
//   WEBEXT_SHIM_NS       the table, "ns|ns2:name<min><max><flag>,...;ns3:...",
//                        the members of each group of namespaces, flag "*"
//                        for several callback values, "!" for sendMessage.
//   WEBEXT_SHIM_EV       the onMessage and onMessageExternal wrappers are used.
// The file never names chrome or browser as free identifiers: bundles replace
// those with their shims.

const G = globalThis;

// REJ marks a reply that carries a listener's rejection. It is the marker of
// mozilla/webextension-polyfill's wire format, so that a sender using the
// polyfill (another extension, say) sees the rejection too.
const REJ = "__mozWebExtensionPolyfillReject__";

// method returns o[k] wrapped callback -> promise; f is its dotted path, min and
// max bound its arguments, s is its flag.
const method = (C, o, k, f, min, max, s) =>
  function (...a) {
    const n = a.length;
    if (typeof a[n - 1] == "function") return o[k](...a);
    if (n < min || n > max)
      throw TypeError(
        "Expected at " + (n < min ? "least " + min : "most " + max) + " argument" + ((n < min ? min : max) == 1 ? "" : "s") + " for " + f + "(), got " + n,
      );
    return new Promise((ok, no) =>
      o[k](...a, (...r) => {
        const e = C.runtime.lastError;
        s == "!"
          ? e
            ? /port closed/.test(e.message)
              ? ok()
              : no(Error(e.message))
            : r[0]?.[REJ]
              ? no(Error(r[0].message))
              : ok(r[0])
          : e
            ? no(Error(e.message))
            : ok(s || r.length > 1 ? r : r[0]);
      }),
    );
  };

// event wraps a native onMessage event: each listener gets a wrapper that turns
// a promise it returns (or an exception it throws) into the reply. Other
// properties read through to the native event.
const event = (ev, w = new WeakMap(), g = (f) => w.get(f) || f) => ({
  __proto__: ev,
  addListener: (f) =>
    ev.addListener(
      w.get(f) ||
        w
          .set(f, (m, s, reply) => {
            let r;
            try {
              r = f(m, s, reply);
            } catch (e) {
              r = Promise.reject(e);
            }
            return (
              r === true ||
              (typeof r?.then == "function" && (r.then(reply, (e) => reply({ [REJ]: true, message: e?.message ?? "" + e })), true))
            );
          })
          .get(f),
    ),
  removeListener: (f) => ev.removeListener(g(f)),
  hasListener: (f) => ev.hasListener(g(f)),
  hasListeners: () => ev.hasListeners(),
});

// make builds the namespace over C (chrome).
const make = (C) => {
  // W maps the dotted path of each member the proxy changes to the function
  // that wraps it, given its object and key.
  const W = {};
  let ns;
  (globalThis.WEBEXT_SHIM_NS ?? "").replace(/([\w.|]+):|(\w+?)(\d)(\d)([*!]?)(?!\w)/g, (_, p, m, a, b, s) => {
    p ? (ns = p.split("|")) : ns.map((n) => (W[(n += "." + m)] = (o, k) => method(C, o, k, n, +a, +b, s)));
  });
  if (globalThis.WEBEXT_SHIM_EV ?? true) W["runtime.onMessage"] = W["runtime.onMessageExternal"] = (o, k) => event(o[k]);
  const keys = Object.keys(W);
  // wrap returns the proxy of o, whose dotted path is p (with a final dot). A
  // read is cached with the value it came from, so that it keeps its identity
  // while the underlying member does not change.
  const wrap = (o, p, c = new Map()) =>
    new Proxy(o, {
      get(o, k, _, v = o[k], f = p + String(k), e = c.get(k)) {
        if (!e || e[0] !== v)
          c.set(
            k,
            (e = [
              v,
              v == null
                ? v
                : W[f]
                  ? W[f](o, k)
                  : keys.some((x) => x.startsWith(f + "."))
                    ? wrap(v, f + ".")
                    : typeof v == "function"
                      ? Object.assign(v.bind(o), v)
                      : v,
            ]),
          );
        return e[1];
      },
    });
  return wrap(C, "");
};

// namespace is the native browser namespace, or (where some version of the
// range lacks it and this context has none) the one made over chrome. Bundles
// get it for the free identifier browser.
export const namespace = /* @__PURE__ */ (() =>
  (globalThis.WEBEXT_SHIM_BROWSER ?? true) && !G.browser && G.chrome ? make(G.chrome) : G.browser)();
