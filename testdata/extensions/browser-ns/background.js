// background.js: the service worker, an ES module written with browser.*, as
// for Firefox. Its listeners answer with promises.
import { addNote, listNotes } from "./lib/notes.js";

browser.runtime.onMessage.addListener((message, sender) => {
  switch (message && message.type) {
    case "add":
      return addNote(message.text);
    case "list":
      return listNotes();
    case "fail":
      return Promise.reject(new RangeError("no note " + message.id));
    case "hello":
      return Promise.resolve({ from: "background", tab: Boolean(sender.tab) });
    case "menus":
      return menus();
  }
  // Anything else gets no answer from this listener.
  return undefined;
});

// A listener in the callback style keeps working.
browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.type === "ping") {
    sendResponse("pong");
  }
});

// Context menus have no promise form in Chrome: the namespace wraps them.
async function menus() {
  await browser.contextMenus.removeAll();
  const id = browser.contextMenus.create({ id: "note", title: "Add a note", contexts: ["page"] });
  await browser.contextMenus.update(id, { title: "Add a tab note" });
  const missing = await browser.contextMenus.remove("missing").then(
    () => "removed",
    (e) => e.message,
  );
  return { id, missing };
}
