// sw.js: a classic service worker. Its top-level functions are what the
// popup reaches through getBackgroundPage.
var counter = 0;

function greet(name) {
  return "hello, " + name + ", from the background";
}

function bump() {
  counter += 1;
  return counter;
}

chrome.runtime.onInstalled.addListener(() => {
  chrome.storage.local.set({ installed: true });
});
