// background.js: reaches the extension API through a value, as cross-browser
// code often does, and answers every message it sees at once. The fallback's
// messages must reach webext-shim's handler all the same, and this listener
// must never see them.
const api = globalThis.browser ?? chrome;

var counter = 0;
var seen = [];

function bump(n) {
  counter += n;
  return counter;
}

function seenTypes() {
  return seen.map((m) => m?.type ?? "(other)");
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  seen.push(message);
  sendResponse({ echo: message });
});
