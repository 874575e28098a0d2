// The offscreen document parses the HTML the background sends it.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message.target !== "offscreen") {
    return false;
  }
  const doc = new DOMParser().parseFromString(message.html, "text/html");
  sendResponse(doc.body.textContent);
  return false;
});
