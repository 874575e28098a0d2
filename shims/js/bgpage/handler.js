// Background side of getBackgroundPage's message-passing fallback. Evaluating
// this module registers the request handler synchronously (so that a message
// wakes a service worker or an event page), once per global and only in the
// background. Load it before the extension's own background code: the names it
// resolves are those that appear on the global object after it was installed.
import { KEY, G, rt, ORIGIN, isBg, proto, check, fromError } from "./protocol.js";

// The handler is registered on the native event (standalone.js patches it in
// place afterwards). It answers only the extension's own pages: the sender
// has the extension's id and its URL is inside the extension's origin.
// Anything else gets no answer from it, as if it were not there: content
// scripts (sender.url is the web page's), other extensions and web pages
// (their messages should never reach onMessage, but be sure); and messages
// without KEY, which the extension's own listeners answer.
if (!G[KEY] && isBg()) {
  G[KEY] = 1;
  // The baseline: the names of the global and of its prototypes before the
  // extension's code ran.
  const base = [];
  for (let o = G; o; o = proto(o)) base.push(...Reflect.ownKeys(o));

  // resolve answers a request [path, args] (see KEY) with the reply's array,
  // throwing what the caller is to get as an error. Each path element is
  // taken as a string first (["fetch"] names the property "fetch": the checks
  // must see the name the property access uses). Refused (n is the dotted
  // name so far): "__" names (__proto__ ...), constructor, prototype; as the
  // first segment (o is G) what the extension's background code did not
  // define (the baseline: every built-in, eval, Function, fetch, self, ...,
  // also what the global inherits); any value that is the global, chrome,
  // browser, eval or Function, whatever its name (so also browser defined by
  // a polyfill, window or self assigned in a service worker); the empty path
  // (the global).
  const resolve = async ([path, args]) => {
    let o = G, t, n = "page";
    if (
      path.some(
        (k) => (
          (n += "." + (k += "")),
          /^(__|constructor$|prototype$)/.test(k) ||
            (o == G && base.includes(k)) ||
            ([G, G.chrome, G.browser, G.eval, G.Function].includes((o = (t = o)[k])) && o)
        ),
      ) ||
      o == G
    )
      throw ReferenceError(n + " is not exposed");
    if (args && typeof o != "function") throw TypeError(n + " is not a function");
    check((o = await (args ? o.apply(t, args) : o)), args ? `result of ${n}()` : n);
    return [o];
  };

  // The caller always gets an answer: if turning what was thrown into the
  // reply throws (a symbol, an object without toString) or sending the reply
  // does, the reply is that error. (answer is a parameter to save bytes:
  // listeners get three arguments.)
  rt.onMessage.addListener((m, s, reply, answer = (x) => reply({ [KEY]: x })) => {
    if (m?.[KEY] && s.id == rt.id && s.url?.startsWith(ORIGIN))
      return (
        resolve(m[KEY])
          .catch(fromError)
          .then(answer)
          .catch((e) => answer(fromError(e))),
        // sendResponse later: works in Chromium and Firefox alike.
        true
      );
  });
}
