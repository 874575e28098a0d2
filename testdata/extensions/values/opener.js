// The popup: holds frame.html in a frame and, once start() is called,
// opens opened.html in a tab; it writes what both report (runtime messages
// {type: "checked", where, result}) into #out as JSON {tab: ..., frame: ...}
// and closes the tab. (The test calls start() once the page has loaded, so
// that the new tab does not race the page for the test's attention.)
const results = {};
chrome.runtime.onMessage.addListener((message, sender) => {
  if (message && message.type === "checked") {
    results[message.where] = message.result;
    if (message.where === "tab") chrome.tabs.remove(sender.tab.id);
    if (results.tab && results.frame) document.getElementById("out").textContent = JSON.stringify(results);
  }
});

function start() {
  chrome.tabs.create({ url: chrome.runtime.getURL("opened.html") });
  // After 15 seconds, whatever arrived, so that a failure shows what is
  // missing.
  setTimeout(() => {
    document.getElementById("out").textContent = JSON.stringify({ ...results, timedOut: true });
  }, 15000);
}
