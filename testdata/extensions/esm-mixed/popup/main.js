// main.js: a module page script that uses the classic script's global and
// the background through getBackgroundPage.
const page = await browser.runtime.getBackgroundPage();
const n = await page.store.open();
document.getElementById("out").textContent = JSON.stringify({ label: label(n), pong: await page.ping() });
