// notes.js: the notes, kept in the background. main.js, loaded after this
// script, uses its globals.
var notes = [];

function addNote(text) {
  notes.push({ text, at: notes.length + 1 });
  return notes.length;
}

function listNotes() {
  return notes.map((n) => n.text);
}
