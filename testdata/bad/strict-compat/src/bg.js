chrome.tabs.executeScript(1, {code: "1"});
