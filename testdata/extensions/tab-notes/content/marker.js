// marker.js: marks the page, and answers the background's questions.
document.documentElement.dataset.tabNotes = "1";

browser.runtime.onMessage.addListener((message) => {
  if (message && message.type === "title") {
    return Promise.resolve(document.title);
  }
  return undefined;
});
