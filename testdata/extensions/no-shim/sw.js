// sw.js: message passing only. (It never asks for getBackgroundPage: the
// word in this comment must not bring the shim in.)
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  sendResponse({ echo: message });
});
