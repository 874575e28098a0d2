// main.js: an ES module background. Module scope is not the global object,
// so what the pages may reach is assigned to globalThis.
import { open, count } from "./store.js";

globalThis.store = { open, count };
globalThis.ping = () => "pong";

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message === "count") {
    sendResponse(count());
  }
});
