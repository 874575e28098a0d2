// popup.js: browser.* promises, and the background's functions through
// getBackgroundPage, as a Firefox-first extension writes them.
const page = browser.extension.getBackgroundPage();

async function show() {
  const results = {};
  try {
    const tabs = await browser.tabs.query({ currentWindow: true });
    results.tabs = tabs.length > 0;
    results.added = await page.addNote("popup opened");
    results.notes = await page.listNotes();
    results.count = (await browser.runtime.sendMessage({ type: "count" })).count;
    results.color = (await browser.storage.local.get("color")).color || null;
    results.stats = await page.stats();
  } catch (e) {
    results.error = e.name + ": " + e.message;
  }
  document.getElementById("out").textContent = JSON.stringify(results);
}

show();
