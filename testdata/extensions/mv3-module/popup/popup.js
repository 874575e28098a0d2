// popup.js: an ES module importing another module; it reaches the
// background's functions through runtime.getBackgroundPage.
import { bracket } from "./format.js";

const results = {};
try {
  const page = await chrome.runtime.getBackgroundPage();
  results.mode = typeof page.document === "object" ? "native" : "handle";
  results.greet = bracket(await page.greet("popup"));
  results.bump = await page.bump();
  results.counter = await page.counter;
} catch (e) {
  results.error = e.name + ": " + e.message;
}
document.getElementById("out").textContent = JSON.stringify(results);
