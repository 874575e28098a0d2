// content/content.js: the synthetic extension's content script, a classic
// script (content scripts are not modules), so it imports nothing.
(() => {
  const seen = new WeakSet();

  function describe(node) {
    const tag = node.tagName ? node.tagName.toLowerCase() : "#text";
    const id = node.id ? "#" + node.id : "";
    const classes = node.classList ? [...node.classList].map((c) => "." + c).join("") : "";
    return tag + id + classes;
  }

  function collect(root, limit = 200) {
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.currentNode; n && out.length < limit; n = walker.nextNode()) {
      if (seen.has(n)) continue;
      seen.add(n);
      out.push({ path: describe(n), text: (n.textContent || "").trim().slice(0, 80) });
    }
    return out;
  }

  function mark(items) {
    for (const item of items) {
      if (/price|total|sum/i.test(item.text)) {
        item.flagged = true;
      }
    }
    return items.filter((item) => item.flagged).length;
  }

  const items = collect(document.body || document.documentElement);
  const flagged = mark(items);
  chrome.runtime.sendMessage({ type: "content-ready", count: items.length, flagged }).catch(() => {});

  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType === Node.ELEMENT_NODE) mark(collect(n, 20));
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
