// content.js: a content script asking the background with browser.* and
// showing the answer in the web page.
browser.runtime.sendMessage({ type: "hello" }).then(
  (reply) => show(reply),
  (e) => show({ error: e.message }),
);

function show(value) {
  const el = document.createElement("pre");
  el.id = "browser-ns-result";
  el.textContent = JSON.stringify(value);
  document.documentElement.appendChild(el);
}
