// Shows the word the background read from its library's data file.
chrome.runtime.getBackgroundPage(async (page) => {
  document.getElementById("out").textContent = await page.word;
});
