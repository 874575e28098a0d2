// main.js: messages and storage, using the globals of notes.js.
browser.runtime.onMessage.addListener((message) => {
  if (message && message.type === "count") {
    return Promise.resolve({ count: listNotes().length });
  }
  return undefined;
});

browser.runtime.onInstalled.addListener(async () => {
  await browser.storage.local.set({ color: "yellow" });
  addNote("installed");
});

function stats() {
  return { notes: notes.length, last: notes.length ? notes[notes.length - 1].text : null };
}
