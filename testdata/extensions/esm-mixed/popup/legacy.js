// legacy.js: a classic page script; its top-level function stays a global
// of the page.
function label(n) {
  return "opened " + n + " times";
}
