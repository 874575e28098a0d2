// background.js of the latency benchmark's extension (a classic service
// worker): fn() is what the page calls through the getBackgroundPage
// fallback; the onMessage listener is the trivial listener of the floor,
// plain runtime.sendMessage round trips.
function fn() {
  return 1;
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === "floor") {
    sendResponse(1);
  }
});
