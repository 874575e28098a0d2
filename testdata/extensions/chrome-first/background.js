// A Chrome-first service worker, written as Chrome's samples write them.
importScripts("lib/text.js");

const OFFSCREEN_DOCUMENT = "offscreen/offscreen.html";

chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });

// ensureOffscreenDocument creates the offscreen document unless it exists.
async function ensureOffscreenDocument() {
  const existing = await chrome.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"] });
  if (existing.length > 0) {
    return;
  }
  await chrome.offscreen.createDocument({
    url: OFFSCREEN_DOCUMENT,
    reasons: [chrome.offscreen.Reason.DOM_PARSER],
    justification: "Parse HTML without a window",
  });
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message.type !== "parse") {
    return false;
  }
  (async () => {
    await ensureOffscreenDocument();
    const text = await chrome.runtime.sendMessage({ target: "offscreen", html: message.html });
    let second = "";
    try {
      await chrome.offscreen.createDocument({ url: OFFSCREEN_DOCUMENT, reasons: ["DOM_PARSER"], justification: "again" });
    } catch (error) {
      second = error.message;
    }
    sendResponse({ text: squash(text), second });
  })().catch((error) => sendResponse({ error: String(error) }));
  return true;
});
