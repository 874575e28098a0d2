// mark writes into the page that the content script ran, and where.
export function mark(body, url) {
  const p = document.createElement("p");
  p.id = "firefox-first-marker";
  p.textContent = "marked by " + url.replace(/^[a-z-]+:\/\/[^/]+/, "");
  body.append(p);
}
