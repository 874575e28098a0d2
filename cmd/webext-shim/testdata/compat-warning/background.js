chrome.browserAction.onClicked.addListener((tab) => {
  chrome.tabs.executeScript(tab.id, { code: "document.body.style.border = '4px solid red'" });
});
