// content.js: a content script forging the fallback's message (a call of
// foo(), see KEY in shims/js/bgpage/protocol.js). The handler must not answer
// it; what came back goes into the web page's #content-result.
(() => {
  const api = typeof browser !== "undefined" ? browser : chrome;
  const out = (v) => {
    const el = document.createElement("pre");
    el.id = "content-result";
    el.textContent = JSON.stringify(v);
    document.documentElement.appendChild(el);
  };
  const message = { "__webext-shim@3": [["foo"], ["Array"]] };
  Promise.resolve(api.runtime.sendMessage(message)).then(
    (reply) => out({ reply: reply === undefined ? "undefined" : reply, getBackgroundPage: typeof api.extension?.getBackgroundPage }),
    (err) => out({ error: String(err && err.message) }),
  );
})();
