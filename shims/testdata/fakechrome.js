// A data-driven fake of Chromium's chrome.* for the goja tests of the browser
// namespace (shims/namespace_js_test.go), loaded after testdata/fakeext.js in
// the same context. __installChrome(cfg) adds to the chrome object of
// fakeext.js every member chrome-types records (targets.ChromeMembers) as a
// Chrome of version cfg.version has it:
//   - a member exists from its "since" version;
//   - a method that takes a callback calls it asynchronously, with
//     runtime.lastError set when it fails; without a callback it returns a
//     promise from its "promiseSince" version, and before that (or never)
//     throws "No matching signature", as Chrome does; the argument count is
//     checked against minArgs..maxArgs;
//   - methods of objects that are not namespaces (storage areas, settings)
//     and of events throw "Illegal invocation" unless called on their object,
//     as Chromium's native bindings do;
//   - events record their listeners; __dispatch(path, message, sender) calls
//     them as Chromium before 148 does for runtime.onMessage (the first
//     sendResponse answers; only `return true` keeps the channel open) and
//     resolves {reply} or {none: true};
//   - other properties hold their path as a string.
// What fakeext.js already defines (runtime messaging, getURL, lastError,
// getBackgroundPage) is kept.
//
// cfg: {version: 120, serviceWorker: false, members: {path: {kind, since,
// promiseSince, minArgs, maxArgs, callbackArgs, noServiceWorker}}}. Tests steer results with __chromeImpl[path] =
// (...args) => ({values: [...]}) or ({error: "message"}); by default a method
// gives {path, args} to a one-parameter callback, nothing to a callback
// without parameters, and "path#i" as its i-th value to a callback with
// several. __chromeCalls lists {path, args, callback} of every call.
function __installChrome(cfg) {
  "use strict";
  const g = globalThis;
  const chrome = g.chrome;
  const later = (f) => Promise.resolve().then(f);
  g.__chromeImpl = {};
  g.__chromeCalls = [];
  const noSignature = (path) => new Error("Error in invocation of " + path + ": No matching signature.");
  const at = (v) => (v ? Number(v.split(".")[0]) : 0);
  const exists = (d) => at(d.since) <= cfg.version;

  class Event {
    constructor(path) {
      const listeners = [];
      const own = (self) => {
        if (self !== this) throw new TypeError("Illegal invocation");
      };
      this.addListener = function (f) {
        own(this);
        if (typeof f != "function") throw new TypeError("listener must be a function");
        if (!listeners.includes(f)) listeners.push(f);
      };
      this.removeListener = function (f) {
        own(this);
        const i = listeners.indexOf(f);
        if (i >= 0) listeners.splice(i, 1);
      };
      this.hasListener = function (f) {
        own(this);
        return listeners.includes(f);
      };
      this.hasListeners = function () {
        own(this);
        return listeners.length > 0;
      };
      this.__listeners = listeners;
      this.__path = path;
    }
  }

  const defaultValues = (path, n, args) =>
    n == 0 ? [] : n == 1 ? [{ path, args }] : Array.from({ length: n }, (_, i) => path + "#" + i);

  const method = (path, d, owner) =>
    function (...args) {
      if (owner && this !== owner) throw new TypeError("Illegal invocation");
      const takes = d.callbackArgs !== undefined;
      let cb;
      if (takes && typeof args[args.length - 1] == "function") cb = args.pop();
      g.__chromeCalls.push({ path, args, callback: !!cb });
      if (args.length < (d.minArgs || 0) || args.length > (d.maxArgs || 0)) throw noSignature(path);
      const impl = g.__chromeImpl[path];
      const result = () => (impl ? impl(...args) : { values: takes ? defaultValues(path, d.callbackArgs, args) : [path + "(" + JSON.stringify(args) + ")"] });
      if (!takes) return result().values[0];
      if (cb) {
        later(() => {
          const r = result();
          r.error !== undefined ? g.__withLastError(r.error, cb) : cb(...r.values);
        });
        return;
      }
      if (!d.promiseSince || at(d.promiseSince) > cfg.version) throw noSignature(path);
      return later(() => {
        const r = result();
        if (r.error !== undefined) throw new Error(r.error);
        return r.values[0];
      });
    };

  // Objects along the paths, parents first (sorted paths): namespaces are
  // plain objects whose methods do not check their receiver; the others
  // (storage.local, ...) do.
  const kinds = {};
  for (const [path, d] of Object.entries(cfg.members)) kinds[path] = d.kind;
  // parentOf returns the object of path's parent, made as needed, or
  // undefined when an ancestor is missing in this version or is no object
  // (runtime.lastError.message).
  const parentOf = (path) => {
    const parts = path.split(".");
    let o = chrome;
    for (let i = 1; i < parts.length; i++) {
      const ancestor = cfg.members[parts.slice(0, i).join(".")];
      if (ancestor && !exists(ancestor)) return undefined;
      const p = parts[i - 1];
      if (!(p in o)) o[p] = {};
      o = o[p];
      if (o === null || (typeof o != "object" && typeof o != "function")) return undefined;
    }
    return o;
  };
  for (const path of Object.keys(cfg.members).sort()) {
    const d = cfg.members[path];
    const o = parentOf(path);
    // getBackgroundPage is fakeext.js's, per flavour; a service worker lacks
    // what chrome-types marks @chrome-disallow-service-workers.
    if (!exists(d) || !o || path.endsWith(".getBackgroundPage") || (cfg.serviceWorker && d.noServiceWorker)) continue;
    const name = path.split(".").pop();
    const parentPath = path.split(".").slice(0, -1).join(".");
    if (name in o) continue; // fakeext.js's own, or made as a parent already
    switch (d.kind) {
      case "namespace":
        o[name] = {};
        break;
      case "function":
        o[name] = method(path, d, parentPath && kinds[parentPath] != "namespace" ? o : undefined);
        break;
      case "event":
        o[name] = new Event(path);
        break;
      default:
        o[name] = Object.keys(cfg.members).some((p) => p.startsWith(path + ".")) ? {} : path;
    }
  }

  // __dispatch calls the listeners of the event at path as Chromium before
  // 148 does, and resolves {reply} or {none: true}.
  g.__dispatch = (path, message, sender) =>
    new Promise((resolve) => {
      const ev = path.split(".").reduce((o, k) => o[k], chrome);
      let open = false, done = false;
      const reply = (v) => {
        if (!done) {
          done = true;
          resolve({ reply: JSON.parse(JSON.stringify(v === undefined ? null : v)) });
        }
      };
      for (const f of [...ev.__listeners]) {
        let r;
        try {
          r = f(JSON.parse(JSON.stringify(message)), sender, reply);
        } catch (e) {
          __host_log("listener threw: " + e);
          continue;
        }
        if (r === true) open = true;
      }
      if (!open && !done) {
        done = true;
        resolve({ none: true });
      }
    });
}
