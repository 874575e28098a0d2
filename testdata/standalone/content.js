// content.js: a content script forging the fallback's message. The handler
// must refuse it; the reply goes into the web page's #content-result.
(() => {
  const api = typeof browser !== "undefined" ? browser : chrome;
  const out = (v) => {
    const el = document.createElement("pre");
    el.id = "content-result";
    el.textContent = JSON.stringify(v);
    document.documentElement.appendChild(el);
  };
  const message = { "__webext-shim/bgpage@1": { op: "call", path: ["foo"], args: [] } };
  Promise.resolve(api.runtime.sendMessage(message)).then(
    (reply) => out({ reply: reply === undefined ? "undefined" : reply, getBackgroundPage: typeof api.extension?.getBackgroundPage }),
    (err) => out({ error: String(err && err.message) }),
  );
})();
