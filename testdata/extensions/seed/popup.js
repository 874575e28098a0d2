// popup.js: the seed page's call, as MDN writes it, then the other
// background functions. The results go to #out as JSON for the tests.
var page = browser.extension.getBackgroundPage();
var pending = page.foo(); // -> "I'm defined in background.js"

(async () => {
  const results = {};
  async function check(name, fn) {
    try {
      results[name] = { ok: true, value: await fn() };
    } catch (e) {
      results[name] = { ok: false, error: e.name + ": " + e.message };
    }
  }
  results.mode = page && typeof page.document === "object" ? "native" : page ? "handle" : String(page);
  await check("foo", () => pending);
  await check("runtime.getBackgroundPage", async () => (await browser.runtime.getBackgroundPage()).foo());
  await check("number", () => page.add(2, 3));
  await check("object", () => page.settingsObject());
  await check("promise", () => page.later(21));
  await check("throws", () => page.fail());
  await check("value", async () => (await page.settings).volume);
  await check("calls", async () => (await page.calls).length);
  document.getElementById("out").textContent = JSON.stringify(results);
})();
