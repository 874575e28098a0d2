// The popup reads the extension's own URL the Manifest V2 way.
document.getElementById("out").textContent = JSON.stringify({
  url: browser.extension.getURL("popup.html"),
  action: typeof browser.browserAction.setTitle,
});
