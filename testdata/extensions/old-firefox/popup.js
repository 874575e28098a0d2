// The popup calls the background's function (a promise through the
// fallback, a string from the page itself: then takes both).
browser.runtime.getBackgroundPage()
  .then(function (page) { return page.greet("reader"); })
  .then(function (text) { document.getElementById("out").textContent = text; });
