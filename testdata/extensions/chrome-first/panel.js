// The side panel asks the background to parse some HTML, and shows what the
// side panel API says about itself.
(async () => {
  const parsed = await chrome.runtime.sendMessage({ type: "parse", html: "<p>Hello <b>there</b>,\n  reader</p>" });
  const options = await chrome.sidePanel.getOptions({});
  const behavior = await chrome.sidePanel.getPanelBehavior();
  document.getElementById("out").textContent = JSON.stringify({ ...parsed, path: options.path, onClick: behavior.openPanelOnActionClick });
})();
