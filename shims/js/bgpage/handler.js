// Background side of getBackgroundPage's message-passing fallback. Evaluating
// this module registers the request handler synchronously (so that a message
// wakes a service worker or an event page), once per global and only in the
// background. Load it before the extension's own background code: the names it
// resolves are those that appear on the global object after it was installed.
import { KEY, G, rt, isBg, check, fromError } from "./protocol.js";

export const installHandler = () => {
  // The NATIVE event (chrome.runtime.onMessage; browser.* where there is no chrome).
  const ev = (G.chrome || G.browser)?.runtime?.onMessage, r = rt();
  if (ev && !G[KEY] && isBg()) {
    G[KEY] = 1;
    // The baseline: what the global had before the extension's own code ran.
    const origin = r.getURL(""), base = new Set(Object.getOwnPropertyNames(G));
    ev.addListener((m, s, reply) => {
      const q = m?.[KEY];
      // Not ours: the extension's own listeners answer. Another extension (its
      // messages should never reach onMessage, but be sure) or a web page: no
      // answer at all, nothing revealed.
      if (q && s.id == r.id) {
        (async () => {
          // Our id but not our page: a content script (sender.url is the web
          // page's) or a page of another origin. Refused with an error, so that
          // the caller does not wait for an answer that never comes.
          if (!String(s.url).startsWith(origin) || (s.origin && s.origin + "/" != origin))
            throw Error("only the extension's own pages may use the background page");
          const { op, path, args } = q, call = op == "call";
          let o = G, parent, name = "page";
          // Refused: "__" names (__proto__ ...), constructor, prototype; as the
          // first segment (o is G) what the extension's background code did not
          // define (the baseline, inherited globals) and the listed names; any
          // value that is the global, chrome, browser, eval or Function; the
          // empty path (the global itself).
          for (const k of path) {
            parent = o;
            name += "." + k;
            if (
              /^(__|constructor$|prototype$)/.test(k) ||
              (o == G && (/^(eval|Function|chrome|browser|globalThis|self|window|importScripts|fetch|XMLHttpRequest)$/.test(k) || base.has(k) || (!{}.hasOwnProperty.call(G, k) && k in G))) ||
              ([G.chrome, G.browser, G.eval, G.Function].includes((o = o[k])) && o)
            )
              o = G;
            if (o == G) break;
          }
          if (o == G) throw ReferenceError(name + " is not exposed by the background");
          if (call && typeof o != "function") throw TypeError(name + " is not a function");
          const v = await (call ? o.apply(parent, Array.from(args)) : o);
          check(v, call ? "result of " + name + "()" : "value of " + name, "from the background");
          return { ok: true, value: v };
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
