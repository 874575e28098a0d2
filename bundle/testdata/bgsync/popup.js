const bg = chrome.extension.getBackgroundPage();
document.getElementById("listening").checked = bg.isListening();
const opts = bg.loadOptions();
document.body.className = opts.theme;
for (const key of Object.keys(bg.stats)) console.log(key);
setInterval(refresh, bg.PREFS.interval * 1000);
bg.document.title = "popup open";

async function refresh() {
  const fresh = await bg.loadOptions();
  document.body.className = fresh.theme;
  document.title = String(await bg.stats.clicks);
}
bg.lastOpened = Date.now();
