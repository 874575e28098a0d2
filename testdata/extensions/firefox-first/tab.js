// A page the manifest does not name (background.js opens it with
// tabs.create): it reaches the background's functions as the popup would.
browser.runtime.getBackgroundPage().then(async (bg) => {
  document.getElementById("out").textContent = JSON.stringify({ greeting: await bg.greeting("tab") });
});
