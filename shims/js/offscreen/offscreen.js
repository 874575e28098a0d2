// Chrome's offscreen API over a background page (Firefox's Manifest V2 and
// V3 backgrounds are pages with a DOM): the offscreen document is a hidden
// frame of the background page. It is an extension page like Chrome's, so
// messages between it and the background travel by runtime.sendMessage as
// in Chrome.
//
// As in Chrome, an extension has at most one offscreen document:
// createDocument rejects with Chrome's message while one is open, and
// resolves once the document has loaded. runtime.getContexts lists it as
// the OFFSCREEN_DOCUMENT context (the native getContexts, which does not
// know that type, answers for the others).

const G = globalThis;

// ONE_DOCUMENT is Chrome's error when a second document is created.
const ONE_DOCUMENT = "Only a single offscreen document may be created.";

// frame is the offscreen document's frame while it is open, created at
// createdAt.
let frame = null;
let createdAt = 0;

// absolute turns the document's URL, relative to the extension's root as
// Chrome takes it, into an absolute extension URL.
function absolute(url) {
  return new URL(url, G.location.origin + "/").href;
}

async function createDocument(parameters) {
  if (!parameters || typeof parameters.url !== "string") {
    throw new TypeError("offscreen.createDocument: parameters.url must be a string");
  }
  if (frame) {
    throw new Error(ONE_DOCUMENT);
  }
  const created = G.document.createElement("iframe");
  created.hidden = true;
  created.src = absolute(parameters.url);
  frame = created;
  createdAt = Date.now();
  await new Promise((resolve, reject) => {
    // The document is ready when the frame holds it, loaded. Firefox may
    // first fire load for the frame's initial about:blank, and a check on
    // each load alone can miss the document's own; a timer checks too, and
    // keeps the wait alive until then.
    // Firefox tells the background about the document's runtime.onMessage
    // listeners some time after the load: until then a message to it finds
    // no receiving end. So the wait goes on until the document has a
    // listener, for at most a second after the load (a document that never
    // listens is ready then).
    let loadedAt = 0;
    const ready = () => {
      const doc = created.contentDocument;
      if (!doc || doc.readyState !== "complete" || created.contentWindow.location.href !== created.src) {
        return;
      }
      loadedAt ||= Date.now();
      const runtime = created.contentWindow.browser?.runtime ?? created.contentWindow.chrome?.runtime;
      if (!runtime?.onMessage?.hasListeners?.() && Date.now() - loadedAt < 1000) {
        return;
      }
      clearInterval(timer);
      created.removeEventListener("load", ready);
      resolve();
    };
    const timer = setInterval(ready, 50);
    created.addEventListener("load", ready);
    created.addEventListener("error", () => {
      clearInterval(timer);
      reject(new Error("offscreen.createDocument: the document did not load"));
    }, { once: true });
    // At the background's start-up its page may have no body yet.
    (G.document.body ?? G.document.documentElement).append(created);
  });
}

async function closeDocument() {
  if (!frame) {
    throw new Error("No current offscreen document.");
  }
  frame.remove();
  frame = null;
}

async function hasDocument() {
  return frame !== null;
}

// Reason is Chrome's enum of reasons: each name stands for itself.
const Reason = /* @__PURE__ */ new Proxy({}, { get: (_, name) => (typeof name === "string" ? name : undefined) });

export const offscreen = /* @__PURE__ */ (() => ({ createDocument, closeDocument, hasDocument, Reason }))();

// getContexts answers runtime.getContexts with the offscreen document
// added where the filter asks for it.
export async function getContexts(filter = {}) {
  const types = filter.contextTypes;
  const wantsOffscreen = !types || types.includes("OFFSCREEN_DOCUMENT");
  const others = types?.filter((type) => type !== "OFFSCREEN_DOCUMENT");
  const native = G.browser?.runtime?.getContexts ?? G.chrome?.runtime?.getContexts;
  const contexts = others?.length === 0 || !native ? [] : await native({ ...filter, contextTypes: others });
  if (wantsOffscreen && frame && (!filter.documentUrls || filter.documentUrls.includes(frame.src))) {
    contexts.push({
      contextType: "OFFSCREEN_DOCUMENT",
      contextId: "webext-shim-offscreen",
      documentUrl: frame.src,
      documentOrigin: G.location.origin,
      frameId: -1,
      tabId: -1,
      windowId: -1,
      incognito: false,
    });
  }
  return contexts;
}

// sendMessage is runtime.sendMessage for the background: in the first
// seconds of an offscreen document, a message that finds no receiving end
// is sent again, since Firefox may learn of the document's listeners only
// after it has loaded (Chrome's createDocument resolves when they can be
// reached). A call with a callback goes to the native method as it is.
export async function sendMessage(...args) {
  const runtime = G.browser?.runtime ?? G.chrome?.runtime;
  if (typeof args[args.length - 1] === "function") {
    return G.chrome.runtime.sendMessage(...args);
  }
  for (;;) {
    try {
      return await runtime.sendMessage(...args);
    } catch (error) {
      const noReceiver = String(error?.message).includes("Receiving end does not exist");
      if (!noReceiver || !frame || Date.now() - createdAt > 3000) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
