chrome.tabs.toggleReaderMode(1);
