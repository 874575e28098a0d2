const [page] = chrome.extension.getViews({ type: "background" });
browser.runtime.getBackgroundPage().then((bg) => {
  if (bg instanceof Window) page.alert("same window");
});
