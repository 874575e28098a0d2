// A Firefox-first background: every API below is Firefox's name or shape.
browser.browserAction.setBadgeText({ text: "ff" });
browser.browserAction.onClicked.addListener(() => console.log("clicked"));

// icons and the "tab" context exist in Firefox only.
browser.menus.create({ id: "inspect", title: "Inspect", contexts: ["all", "tab"], icons: { 16: "icon.png" } });
browser.menus.create({ id: "tab-only", title: "Tab only", contexts: ["tab"] });
// Feature detection as Firefox-first code does it: Firefox resolves an
// update of an id it does not know.
browser.menus.update("no-such-item", { visible: true });
chrome.menus.onClicked.addListener((info) => console.log("menu", info.menuItemId));

const popupURL = chrome.extension.getURL("popup.html");

// Firefox takes a notification without an icon.
const notified = browser.notifications.create("hello", { type: "basic", title: "Firefox first", message: "built" });

// inject runs content.js in the tab and colours its page: the MV2 calls.
async function inject(tabId) {
  const results = await browser.tabs.executeScript(tabId, { file: "/content.js" });
  await browser.tabs.insertCSS(tabId, { code: "body { background-color: rgb(1, 2, 3); }" });
  return results;
}

// injectWithCallback does the same with chrome.* and a callback.
function injectWithCallback(tabId) {
  return new Promise((resolve) => chrome.tabs.executeScript(tabId, { file: "content.js" }, resolve));
}

// greeting is called from tab.html, a page the manifest does not name,
// through getBackgroundPage.
function greeting(name) {
  return "hello " + name;
}

// openTab opens that page, as the extension does at run time.
function openTab() {
  return browser.tabs.create({ url: "/tab.html" });
}
