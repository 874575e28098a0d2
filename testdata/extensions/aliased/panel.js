// panel.js: an ES module that reaches getBackgroundPage through a value and
// reads the background's counter. It reports, as JSON in #out, the mode
// ("native" or "handle") and the counter.
const api = globalThis.browser ?? chrome;

const out = {};
try {
  const page = api.extension.getBackgroundPage();
  out.mode = page && typeof page.document === "object" ? "native" : page ? "handle" : String(page);
  out.counter = await page.counter;
} catch (e) {
  out.error = e.name + ": " + e.message;
}
document.getElementById("out").textContent = JSON.stringify(out);
