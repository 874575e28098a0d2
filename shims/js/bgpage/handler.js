// Background side of getBackgroundPage's message-passing fallback. Evaluating
// this module registers the request handler synchronously (so that a message
// wakes a service worker or an event page), once per global and only in the
// background. Load it before the extension's own background code: the names it
// resolves are those that appear on the global object after it was installed.
import { KEY, global, runtime, ORIGIN, isBackground, prototypeOf } from "./protocol.js";
import { encode, decode, errorNode } from "./values.js";

// The handler is registered on the native event (standalone.js patches it in
// place afterwards). It answers only the extension's own pages: the sender
// has the extension's id and its URL is inside the extension's origin.
// Anything else gets no answer from it, as if it were not there: content
// scripts (sender.url is the web page's), other extensions and web pages
// (their messages should never reach onMessage, but be sure); and messages
// without KEY, which the extension's own listeners answer.
if (!global[KEY] && isBackground()) {
  global[KEY] = 1;

  // baseline holds the names of the global before the extension's code ran:
  // its own built-ins (eval, Function, self, ...). Those of its prototypes
  // (fetch, addEventListener, ...) are refused as they are when the request
  // comes.
  const baseline = Reflect.ownKeys(global);

  // resolve answers a request [path, args] (see KEY) with the reply's array,
  // throwing what the caller is to get as an error; name is the dotted name
  // so far, for the errors. The arguments are decoded only once the path
  // has passed the checks, and the result is encoded (values.js). Refused:
  //   - "__" names (__proto__ ...), constructor and prototype;
  //   - as the first segment (read from the global), a name of the baseline
  //     or of the global's prototypes;
  //   - a value that is the global, chrome, browser, eval or Function,
  //     whatever its name (so also browser defined by a polyfill, window or
  //     self assigned in a service worker), as they are when the request
  //     comes;
  //   - the empty path (the global itself).
  // Each path element is taken as a string first (["fetch"] names the
  // property "fetch": the checks must see the name the property access
  // uses).
  const resolve = async ([path, args]) => {
    let name = "page";
    let holder;
    let value = global;
    for (const element of path) {
      const key = String(element);
      name += "." + key;
      holder = value;
      // A refused name is not read: it stands for the global, a refused
      // value.
      const refusedName = /^(__|constructor$|prototype$)/.test(key) || (holder == global && (baseline.includes(key) || key in prototypeOf(global)));
      value = refusedName ? global : holder[key];
      if (value && [global, global.chrome, global.browser, global.eval, global.Function].includes(value))
        throw ReferenceError(name + " is not exposed");
    }
    if (value == global) throw ReferenceError(name + " is not exposed");
    if (args && typeof value != "function") throw TypeError(name + " is not a function");
    const result = await (args ? value.apply(holder, decode(args)) : value);
    return [encode(result, args ? name + "()" : name)];
  };

  runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (message?.[KEY] && sender.id == runtime.id && sender.url?.startsWith(ORIGIN)) {
      // The caller always gets an answer: if turning what was thrown into
      // the reply throws (a symbol, an object without toString) or sending
      // the reply does, the reply is that error.
      const reply = (answer) => sendResponse({ [KEY]: answer });
      const thrown = (error) => [errorNode(error), 1];
      resolve(message[KEY])
        .catch(thrown)
        .then(reply)
        .catch((error) => reply(thrown(error)));
      // sendResponse later: works in Chromium and Firefox alike.
      return true;
    }
  });
}
