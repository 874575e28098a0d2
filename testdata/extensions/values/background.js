// The background's state as extensions keep it: a log of Dates, a Map of
// per-tab state, a Set; functions the pages call through getBackgroundPage.
var log = [
  { at: new Date(Date.UTC(2026, 0, 1, 8, 0, 0)), msg: "installed" },
  { at: new Date(Date.UTC(2026, 0, 1, 8, 0, 1, 500)), msg: "first tab" },
];
var tabStates = new Map([[7, { opened: new Date(0), urls: new Set(["https://example.com/"]) }]]);

function echo(value) {
  return value;
}

// fail throws an error whose stack names this file.
function fail() {
  throw new RangeError("out of range in background");
}

function makeCycle() {
  const root = { name: "root", children: [] };
  root.children.push({ parent: root });
  root.self = root;
  return root;
}

// isCycle tells whether an argument arrived cyclic.
function isCycle(value) {
  return value.self === value && value.list[0] === value;
}

// The extension's own listener answers "sender" with what the browser says
// about the page that sent it (a page in a tab, a frame).
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === "sender") {
    sendResponse({ url: sender.url, tab: !!sender.tab, frameId: sender.frameId });
  }
});
