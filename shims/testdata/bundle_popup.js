// Page (and content script) code of the bundle-mode test (TestJSBundleInject).
globalThis.getPage = () => chrome.extension.getBackgroundPage();
globalThis.getPageAsync = () => browser.runtime.getBackgroundPage();
globalThis.run = async () => {
  const page = chrome.extension.getBackgroundPage();
  const ev = chrome.runtime.onMessage, l = () => {};
  ev.addListener(l);
  const has = [ev.hasListener(() => {}), ev.hasListener(l)];
  ev.removeListener(l);
  has.push(ev.hasListener(l));
  return [typeof page, await page.foo(), await new Promise((ok) => chrome.runtime.sendMessage({ type: "ping" }, ok)), has];
};
