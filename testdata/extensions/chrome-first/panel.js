// The side panel asks the background to parse some HTML, and shows what the
// side panel API says about itself (or the error it met).
(async () => {
  const out = document.getElementById("out");
  try {
    const parsed = await chrome.runtime.sendMessage({ type: "parse", html: "<p>Hello <b>there</b>,\n  reader</p>" });
    const options = await chrome.sidePanel.getOptions({});
    const behavior = await chrome.sidePanel.getPanelBehavior();
    out.textContent = JSON.stringify({ ...parsed, path: options.path, onClick: behavior.openPanelOnActionClick });
  } catch (error) {
    out.textContent = JSON.stringify({ error: String(error) });
  }
})();
