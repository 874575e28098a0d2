// popup.js: a classic script that reaches getBackgroundPage through a value.
// It reports, as JSON in #out: whether it got the background Window
// ("native") or webext-shim's handle, what the background's functions
// returned, the background listener's answer to its own message, and the
// messages that listener saw.
const api = globalThis.browser ?? chrome;

(async () => {
  const out = {};
  try {
    const page = await api.runtime.getBackgroundPage();
    out.mode = page && typeof page.document === "object" ? "native" : page ? "handle" : String(page);
    out.same = api.extension.getBackgroundPage() === page;
    out.bump = await page.bump(2);
    out.echo = await api.runtime.sendMessage({ type: "ping" });
    out.seen = await page.seenTypes();
  } catch (e) {
    out.error = e.name + ": " + e.message;
  }
  document.getElementById("out").textContent = JSON.stringify(out);
})();
