// popup.js: a classic page script using browser.* promises. It writes what
// each call gave into #out.
(async () => {
  const results = {};
  const step = async (name, f) => {
    try {
      results[name] = await f();
    } catch (e) {
      results[name] = "error: " + e.name + ": " + e.message;
    }
  };
  await step("tabs", async () => Array.isArray(await browser.tabs.query({})));
  await step("added", () => browser.runtime.sendMessage({ type: "add", text: "from the popup" }));
  await step("notes", () => browser.runtime.sendMessage({ type: "list" }));
  await step("stored", async () => (await browser.storage.local.get("notes")).notes.length);
  await step("rejected", () => browser.runtime.sendMessage({ type: "fail", id: 7 }));
  await step("unanswered", async () => String(await browser.runtime.sendMessage({ type: "unknown" })));
  await step("ping", () => browser.runtime.sendMessage({ type: "ping" }));
  await step("menus", () => browser.runtime.sendMessage({ type: "menus" }));
  await step("arguments", () => browser.contextMenus.remove());
  document.getElementById("out").textContent = JSON.stringify(results);
})();
