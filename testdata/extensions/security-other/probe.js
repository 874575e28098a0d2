// probe.js: from outside the extension under test (a page of another
// extension, or a web page that its externally_connectable admits), send it
// the fallback's own messages. The target and the probes come from the URL
// fragment, JSON written by the test:
//   {"target": "EXTENSION ID", "probes": [{"name": "...", "path": [...], "args": [...]}]}
// (no args: a read). Each reply and runtime.lastError go to #out as JSON,
// with a control: a ping that the target's own onMessageExternal listener
// answers. Without chrome.runtime.sendMessage (a web page that no extension
// admits), #out says {"api": false}.

// KEY is the fallback's message key (shims/js/bgpage/protocol.js).
const KEY = "__webext-shim@3";

// The arguments travel as the fallback encodes an array (strings and
// finite numbers are themselves).
const wire = (p) => ({ [KEY]: p.args ? [p.path, ["Array", ...p.args]] : [p.path] });

// send sends with a callback, the form web pages and extensions share.
const send = (target, message) =>
  new Promise((resolve) =>
    chrome.runtime.sendMessage(target, message, (reply) =>
      resolve({ reply: reply ?? null, lastError: chrome.runtime.lastError?.message ?? null }),
    ),
  );

(async () => {
  const { target, probes = [] } = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  if (!target) return; // a page for the content script's probes only
  let results = { api: false };
  if (typeof chrome == "object" && chrome.runtime?.sendMessage) {
    results = { api: true };
    for (const p of probes) results[p.name] = await send(target, wire(p));
    results.ping = await send(target, { ping: true });
  }
  document.getElementById("out").textContent = JSON.stringify(results);
})();
