// Background side of getBackgroundPage's message-passing fallback. Evaluating
// this module registers the request handler synchronously (so that a message
// wakes a service worker or an event page), once per global and only in the
// background. Load it before the extension's own background code: the names it
// resolves are those that appear on the global object after it was installed.
import { KEY, G, rt, ORIGIN, isBg, check, fromError } from "./protocol.js";

// The handler is registered on the native event (standalone.js patches it in
// place afterwards). It answers only the extension's own pages: the sender
// has the extension's id and its URL is inside the extension's origin.
// Anything else gets no answer from it, as if it were not there: content
// scripts (sender.url is the web page's), other extensions and web pages
// (their messages should never reach onMessage, but be sure); and messages
// without KEY, which the extension's own listeners answer.
if (rt && !G[KEY] && isBg()) {
  G[KEY] = 1;
  // The baseline: the global's own names before the extension's code ran.
  const base = Reflect.ownKeys(G);

  // resolve answers a request [path, args] (see KEY) with the reply's array,
  // throwing what the caller is to get as an error. Refused (n is the dotted
  // name so far): a path element that is not a string (["fetch"] would name
  // the property "fetch" past the checks of the element; k !== k + "" says k
  // is no string); "__" names (__proto__ ...), constructor, prototype; as
  // the first segment (o is G) what the extension's background code did not
  // define (the baseline: every built-in, eval, Function, fetch, self, ...;
  // inherited globals); any value that is the global, chrome, browser, eval
  // or Function, whatever its name (so also browser defined by a polyfill,
  // window or self assigned in a service worker); the empty path (the
  // global).
  const resolve = async ([path, args]) => {
    let o = G, t, n = "page";
    if (
      path.some(
        (k) => (
          (n += "." + k),
          k !== k + "" ||
            /^(__|constructor$|prototype$)/.test(k) ||
            (o == G && (base.includes(k) || (!Object.hasOwn(G, k) && k in G))) ||
            ([G, G.chrome, G.browser, G.eval, G.Function].includes((o = (t = o)[k])) && o)
        ),
      ) ||
      o == G
    )
      throw ReferenceError(n + " is not exposed");
    if (args && typeof o != "function") throw TypeError(n + " is not a function");
    check((o = await (args ? o.apply(t, args) : o)), args ? "result of " + n + "()" : n);
    return [o];
  };

  rt.onMessage.addListener((m, s, reply) => {
    if (m?.[KEY] && s.id == rt.id && s.url?.startsWith(ORIGIN)) {
      resolve(m[KEY])
        .catch(fromError)
        .then((x) => reply({ [KEY]: x }));
      // sendResponse later: works in Chromium and Firefox alike.
      return true;
    }
  });
}
