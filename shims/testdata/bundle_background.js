// Background code of the bundle-mode test (TestJSBundleInject), imported after
// the handler. As a module, it assigns the globals a page may reach.
globalThis.foo = () => "I'm defined in background.js";
globalThis.seen = [];
chrome.runtime.onMessage.addListener((m, s, reply) => {
  seen.push(m.type);
  if (m.type == "ping") reply("pong");
});
globalThis.self_check = () => [chrome.extension.getBackgroundPage() === globalThis, chrome.runtime.onMessage.hasListeners()];
