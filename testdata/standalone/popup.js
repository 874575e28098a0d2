// popup.js: the seed page's call, through every spelling, and the other
// background functions; the results go to #out as JSON.
(async () => {
  const results = {};
  const ns = typeof browser !== "undefined" ? browser : chrome;
  async function check(name, fn) {
    try {
      results[name] = { ok: true, value: await fn() };
    } catch (e) {
      results[name] = { ok: false, error: e.name + ": " + e.message };
    }
  }
  const page = ns.extension.getBackgroundPage();
  results.mode = page && typeof page.document === "object" ? "native" : page ? "handle" : String(page);
  await check("browser.extension.getBackgroundPage().foo()", () => ns.extension.getBackgroundPage().foo());
  await check("chrome.extension.getBackgroundPage().foo()", () => chrome.extension.getBackgroundPage().foo());
  await check("browser.runtime.getBackgroundPage()", async () => (await ns.runtime.getBackgroundPage()).foo());
  await check("chrome.runtime.getBackgroundPage()", async () => (await chrome.runtime.getBackgroundPage()).foo());
  await check("number", () => page.add(2, 3));
  await check("object", () => page.settingsObject());
  await check("promise", () => page.later(21));
  await check("throws", () => page.fail());
  await check("value", async () => (await page.settings).volume);
  await check("nested", () => page.nested.inner.twice(4));
  await check("missing", () => page.notDefinedAnywhere());
  document.getElementById("out").textContent = JSON.stringify(results);
})();
