// content.js: a content script of the extension sends the fallback's own
// messages to the background. The probes come from the page's URL fragment,
// JSON written by the test:
//   {"contentProbes": [{"name": "call secret", "path": ["secret"], "args": []}, ...]}
// (no args: a read). Each probe's reply, or the error of sending it, goes to
// a new <pre id="content-out"> element as JSON, with two controls: a ping
// the extension's own listener answers, and what getBackgroundPage is here.

// KEY is the fallback's message key (shims/js/bgpage/protocol.js).
const KEY = "__webext-shim@3";

// wire is the message the fallback's caller side sends for a probe.
// The arguments travel as the fallback encodes an array (strings and
// finite numbers are themselves).
const wire = (p) => ({ [KEY]: p.args ? [p.path, ["Array", ...p.args]] : [p.path] });

(async () => {
  const runtime = (globalThis.browser || chrome).runtime;
  const { contentProbes = [] } = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  const results = {};
  for (const p of contentProbes) {
    try {
      results[p.name] = { reply: (await runtime.sendMessage(wire(p))) ?? null };
    } catch (e) {
      results[p.name] = { error: String(e && e.message) };
    }
  }
  results.ping = { reply: (await runtime.sendMessage({ ping: true })) ?? null };
  results.getBackgroundPage = typeof chrome.extension?.getBackgroundPage;
  const out = document.createElement("pre");
  out.id = "content-out";
  out.textContent = JSON.stringify(results);
  document.documentElement.append(out);
})();
