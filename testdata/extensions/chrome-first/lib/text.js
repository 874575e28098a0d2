// squash collapses the white space of a text.
function squash(text) {
  return text.replace(/\s+/g, " ").trim();
}
