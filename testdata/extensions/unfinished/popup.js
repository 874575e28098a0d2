// The popup reads the background's value; vendor.js, loaded before it,
// fails to parse, and this script still runs.
browser.runtime.getBackgroundPage().then(async (page) => {
  document.getElementById("out").textContent = await page.ready;
});
