// options.js: the stored colour, and the background's stats through
// runtime.getBackgroundPage's promise.
async function restore() {
  const results = {};
  try {
    const { color } = await browser.storage.local.get("color");
    document.getElementById("color").value = color || "";
    await browser.storage.local.set({ color: color || "yellow" });
    const page = await browser.runtime.getBackgroundPage();
    results.stats = await page.stats();
    results.color = (await browser.storage.local.get("color")).color;
  } catch (e) {
    results.error = e.name + ": " + e.message;
  }
  document.getElementById("out").textContent = JSON.stringify(results);
}

document.addEventListener("DOMContentLoaded", restore);
