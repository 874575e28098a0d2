// popup.js: asks the background to echo.
chrome.runtime.sendMessage("hi").then((reply) => {
  document.getElementById("out").textContent = JSON.stringify(reply);
});
