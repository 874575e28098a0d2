chrome.browserAction.onClicked.addListener((tab) => {
  chrome.tabs.toggleReaderMode(tab.id);
});
