// checks.js: the extension's own page probes its background through
// getBackgroundPage: through the handle, as the extension's code would, or
// with the fallback's raw message. The probes come from the URL fragment,
// JSON written by the test:
//   {"probes": [{"name": "...", "via": "handle" | "wire", "path": [...], "args": [...]}]}
// (no args: a read of the path). The results go to #out as JSON:
//   {"mode": "handle" | "native" | "null" | "undefined",
//    NAME: {"value": v} | {"error": "Name: message"} | {"reply": r}}

// KEY is the fallback's message key (shims/js/bgpage/protocol.js).
const KEY = "__webext-shim@3";

// The arguments travel as the fallback encodes an array (strings and
// finite numbers are themselves).
const wire = (p) => ({ [KEY]: p.args ? [p.path, ["Array", ...p.args]] : [p.path] });

// plain keeps what JSON can carry and names the rest.
const plain = (v) => (v === null || ["string", "number", "boolean"].includes(typeof v) ? v : "<" + typeof v + ">");

const page = chrome.extension.getBackgroundPage();

// viaHandle follows the path on the handle, then calls or reads.
const viaHandle = async (p) => {
  let target = page;
  for (const k of p.path) target = target[k];
  return { value: plain(await (p.args ? target(...p.args) : target)) };
};

// viaWire sends the raw message and reports the fallback's answer.
const viaWire = async (p) => {
  const reply = await (globalThis.browser || chrome).runtime.sendMessage(wire(p));
  const answer = reply?.[KEY];
  // An error is [["Error", name, message, stack], 1].
  if (answer?.[1]) return { error: answer[0][1] + ": " + answer[0][2] };
  if (answer) return { value: plain(answer[0]) };
  return { reply: reply ?? null };
};

(async () => {
  const { probes = [] } = JSON.parse(decodeURIComponent(location.hash.slice(1)) || "{}");
  const results = {};
  results.mode = page && typeof page.document === "object" ? "native" : page ? "handle" : String(page);
  for (const p of probes) {
    try {
      results[p.name] = await (p.via === "wire" ? viaWire(p) : viaHandle(p));
    } catch (e) {
      results[p.name] = { error: e.name + ": " + e.message };
    }
  }
  document.getElementById("out").textContent = JSON.stringify(results);
})();
