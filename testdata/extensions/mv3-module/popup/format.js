// format.js: imported by popup.js.
export function bracket(text) {
  return "[" + text + "]";
}
