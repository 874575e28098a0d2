// A fake WebExtensions API for the goja tests of the getBackgroundPage shims
// (shims/js_test.go). One goja runtime is one extension context; the Go side
// (shims/jsharness_test.go) provides the host functions and carries messages
// between runtimes as JSON strings, as Chromium does:
//   __host_send(json, callback(replyJSON | undefined, error | undefined))
//   __host_timer(fn, ms)   a virtual-time setTimeout
//   __host_log(text)
// and calls __deliver(json, senderJSON, respond(kind, payload)) to hand a
// message to this context's runtime.onMessage listeners.
//
// __installFake(cfg) builds the globals of one context. cfg:
//   kind     "sw" (service worker), "bgpage" (background page), "page", "content"
//   href     the context's URL
//   id       the extension's id; scheme "chrome-extension" or "moz-extension"; uuid the host
//   manifest the manifest object (runtime.getManifest())
//   browserNS   a native browser namespace exists
//   sameExtensionObject  browser.extension === chrome.extension (Firefox MV3)
//   chromePromises  chrome.* methods return promises without a callback
//   oldMessaging  Chromium before 148: a listener's promise does not answer
//            (only `return true` keeps the channel open)
//   ext      what extension.getBackgroundPage does: "absent", "undefined", "null", "self", "window"
//   rt       what runtime.getBackgroundPage does: "absent", "reject", "null", "self", "window"
function __installFake(cfg) {
  "use strict";
  const g = globalThis;
  const m = /^([a-z-]+:)\/\/([^/]*)(\/[^?#]*)/.exec(cfg.href);
  g.location = { href: cfg.href, protocol: m[1], host: m[2], pathname: m[3], origin: m[1] + "//" + m[2] };
  g.console = { log: (...a) => __host_log(a.join(" ")), warn: (...a) => __host_log(a.join(" ")), error: (...a) => __host_log(a.join(" ")) };
  g.setTimeout = (fn, ms) => __host_timer(fn, ms || 0);
  g.fetch = function fetch() { return Promise.reject(new TypeError("no network in tests")); };
  g.self = g;
  if (cfg.kind == "sw") {
    g.ServiceWorkerGlobalScope = function ServiceWorkerGlobalScope() {};
    // An inherited global, as the web platform's are.
    g.ServiceWorkerGlobalScope.prototype.skipWaiting = function skipWaiting() { return Promise.resolve(); };
    Object.setPrototypeOf(g, g.ServiceWorkerGlobalScope.prototype);
    g.importScripts = function importScripts() { throw new Error("importScripts is not faked"); };
  } else {
    g.window = g;
    g.document = {};
    g.XMLHttpRequest = function XMLHttpRequest() {};
  }
  // What a Firefox extension page gets from getBackgroundPage in a normal
  // window. (It cannot be the background runtime's real global.)
  g.__fakeBackgroundWindow = { isFakeBackgroundWindow: true, foo() { return "native foo"; } };

  const origin = cfg.scheme + "://" + cfg.uuid;
  const bg = (how) => (how == "window" ? g.__fakeBackgroundWindow : how == "self" ? g : how == "null" ? null : undefined);
  const later = (f) => Promise.resolve().then(f);
  const NOBG = "You do not have a background page.";
  // Chromium logs "Unchecked runtime.lastError" when a callback does not read it.
  let lastError, lastErrorRead;
  g.__uncheckedLastError = [];
  // __withLastError calls cb(...args) with runtime.lastError set to message
  // (for the data-driven members of testdata/fakechrome.js).
  const withLastError = (message, cb, ...args) => {
    lastError = { message };
    lastErrorRead = false;
    try { cb(...args); } finally {
      lastError = undefined;
      if (!lastErrorRead) g.__uncheckedLastError.push(message);
    }
  };
  g.__withLastError = withLastError;

  // Events have their methods on a prototype, as in Chromium.
  class FakeEvent {
    constructor() { this.listeners = []; }
    addListener(f) {
      if (typeof f != "function") throw new TypeError("listener must be a function");
      if (!this.listeners.includes(f)) this.listeners.push(f);
    }
    removeListener(f) {
      const i = this.listeners.indexOf(f);
      if (i >= 0) this.listeners.splice(i, 1);
    }
    hasListener(f) { return this.listeners.includes(f); }
    hasListeners() { return this.listeners.length > 0; }
  }
  const events = [];

  const namespace = (promises) => {
    const onMessage = new FakeEvent();
    events.push(onMessage);
    const runtime = {
      id: cfg.id,
      getURL: (p) => origin + "/" + String(p).replace(/^\//, ""),
      getManifest: () => JSON.parse(JSON.stringify(cfg.manifest)),
      get lastError() { lastErrorRead = true; return lastError; },
      onMessage,
      sendMessage(msg, cb) {
        const json = JSON.stringify(msg);
        const p = new Promise((ok, no) =>
          __host_send(json, (reply, err) => (err !== undefined ? no(new Error(err)) : ok(reply === undefined ? undefined : JSON.parse(reply)))));
        if (typeof cb == "function") {
          p.then((v) => cb(v), (e) => withLastError(e.message, cb));
          return;
        }
        if (promises) return p;
        p.catch(() => {});
      },
    };
    if (cfg.rt != "absent")
      runtime.getBackgroundPage = function getBackgroundPage(cb) {
        if (typeof cb == "function") {
          // browser.* ignore callbacks in this fake (they only return promises).
          if (!promises || this === chrome.runtime) {
            later(() => (cfg.rt == "reject" ? withLastError(NOBG, cb) : cb(bg(cfg.rt))));
            return;
          }
        }
        if (!promises) return;
        return cfg.rt == "reject" ? Promise.reject(new Error(NOBG)) : Promise.resolve(bg(cfg.rt));
      };
    const extension = { inIncognitoContext: cfg.ext == "null" };
    if (cfg.ext != "absent") extension.getBackgroundPage = function getBackgroundPage() { return bg(cfg.ext); };
    return { runtime, extension };
  };

  const chrome = namespace(cfg.chromePromises);
  g.chrome = chrome;
  if (cfg.browserNS) {
    g.browser = namespace(true);
    if (cfg.sameExtensionObject) g.browser.extension = chrome.extension;
  }
  if (cfg.kind == "content") {
    // Content scripts have neither getBackgroundPage.
    for (const n of [g.chrome, g.browser]) if (n) { delete n.extension.getBackgroundPage; delete n.runtime.getBackgroundPage; }
  }

  // The originals, for tests that check that nothing changed.
  g.__native = {
    chromeExt: chrome.extension.getBackgroundPage,
    chromeRt: chrome.runtime.getBackgroundPage,
    chromeAdd: chrome.runtime.onMessage.addListener,
    browserExt: g.browser && g.browser.extension.getBackgroundPage,
    browser: g.browser,
  };

  g.__listenerCount = () => events.reduce((n, e) => n + e.listeners.length, 0);

  // Chromium's dispatch in one receiving context: every listener gets the
  // message; the first sendResponse wins; a listener keeps the channel open by
  // returning true (and calling sendResponse later) or (not with oldMessaging)
  // a promise (whose value is the reply). If none does and nobody answered at
  // once, this context reports "none".
  g.__deliver = (json, senderJSON, respond) => {
    const msg = JSON.parse(json), sender = JSON.parse(senderJSON);
    let open = false, done = false;
    const sendResponse = (v) => {
      if (!done) { done = true; respond("reply", JSON.stringify(v)); }
    };
    for (const ev of events)
      for (const f of [...ev.listeners]) {
        let r;
        try {
          r = f(msg, sender, sendResponse);
        } catch (e) {
          __host_log("listener threw: " + e);
          continue;
        }
        if (r === true) open = true;
        else if (r && typeof r.then == "function" && !cfg.oldMessaging) {
          open = true;
          r.then(sendResponse, (e) => {
            if (!done) { done = true; respond("error", String((e && e.message) || e)); }
          });
        }
      }
    if (!open && !done) { done = true; respond("none"); }
  };

  // __describe formats a rejection for the Go side.
  g.__describe = (e) => (e instanceof Error || (e && typeof e == "object" && "message" in e) ? e.name + ": " + e.message : "non-error " + String(e));
}
