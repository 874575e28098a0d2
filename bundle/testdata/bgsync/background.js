var stats = { clicks: 0 };
var PREFS = { interval: 5 };
function isListening() {
  return true;
}
function loadOptions() {
  return { theme: "dark" };
}
function notifyPages() {
  for (const view of chrome.extension.getViews()) view.refresh();
}
