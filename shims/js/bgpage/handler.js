// Background side of getBackgroundPage's message-passing fallback. Evaluating
// this module registers the request handler synchronously (so that a message
// wakes a service worker or an event page), once per global and only in the
// background. Load it before the extension's own background code: the names it
// resolves are those that appear on the global object after it was installed.
import { KEY, G, rt, ORIGIN, isBg, check, fromError } from "./protocol.js";

export const installHandler = () => {
  // The native event (rt is taken before standalone.js patches it).
  const ev = rt?.onMessage;
  if (ev && !G[KEY] && isBg()) {
    G[KEY] = 1;
    // The baseline: what the global had before the extension's own code ran.
    const base = new Set(Object.getOwnPropertyNames(G));
    ev.addListener((m, s, reply) => {
      const q = m?.[KEY];
      // Not ours: the extension's own listeners answer. Another extension (its
      // messages should never reach onMessage, but be sure) or a web page: no
      // answer at all, nothing revealed.
      if (q && s.id == rt.id) {
        (async () => {
          // Our id but not our page: a content script (sender.url is the web
          // page's) or a page of another origin. Refused with an error, so that
          // the caller does not wait for an answer that never comes.
          if (!s.url?.startsWith(ORIGIN) || (s.origin && s.origin + "/" != ORIGIN)) throw Error("not an extension page");
          const { path, args } = q;
          let o = G, t, n = "page";
          // Refused (n is the dotted name so far): "__" names (__proto__ ...),
          // constructor, prototype; as the first segment (o is G) what the
          // extension's background code did not define (the baseline: every
          // built-in, eval, Function, fetch, self, ...; inherited globals)
          // and the names of the natives and of the global, which a context
          // may lack at the baseline (browser before Chrome 148, window in a
          // service worker); any value that is the global, chrome, browser,
          // eval or Function, whatever its name; the empty path (the global);
          // a path element that is not a string (["fetch"] would name the
          // property "fetch" past the checks of the element).
          if (
            path.some(
              (k) => (
                (n += "." + k),
                typeof k != "string" ||
                  /\.(__|constructor$|prototype$)|^page\.(chrome|browser|window)$/.test(n) ||
                  (o == G && (base.has(k) || (!{}.hasOwnProperty.call(G, k) && k in G))) ||
                  ([G, G.chrome, G.browser, G.eval, G.Function].includes((o = (t = o)[k])) && o)
              ),
            ) ||
            o == G
          )
            throw ReferenceError(n + " is not exposed");
          if (args && typeof o != "function") throw TypeError(n + " is not a function");
          const v = await (args ? o.apply(t, args) : o);
          check(v, args ? "result of " + n + "()" : n);
          return { value: v };
        })()
          .catch((e) => ({ ok: false, error: fromError(e) }))
          .then((x) => reply({ [KEY]: x }));
        // sendResponse later: works in Chromium and Firefox alike.
        return true;
      }
    });
  }
};

installHandler();
