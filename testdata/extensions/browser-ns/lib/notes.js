// lib/notes.js: the notes, kept in browser.storage.local.
export async function addNote(text) {
  const { notes = [] } = await browser.storage.local.get("notes");
  notes.push(text);
  await browser.storage.local.set({ notes });
  return notes.length;
}

export async function listNotes() {
  const { notes = [] } = await browser.storage.local.get("notes");
  return notes;
}
