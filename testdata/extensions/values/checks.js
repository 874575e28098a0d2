// The checks both pages run through getBackgroundPage, written as an
// extension would, with every value awaited. Objects may come from the
// background's realm (the native Window in a normal Firefox window), so
// kinds are told by Object.prototype.toString, not instanceof.

// sendMessage sends with a callback, which chrome.* takes in every browser
// (in Firefox's Manifest V2 it returns no promise), and reads lastError (a
// message nobody answers is no error here).
const sendMessage = (message) =>
  new Promise((resolve) =>
    chrome.runtime.sendMessage(message, (reply) => {
      chrome.runtime.lastError;
      resolve(reply);
    }),
  );

const kind = (value) => Object.prototype.toString.call(value).slice(8, -1);

// show prints a value with the class of every object, Dates as ISO strings,
// -0, undefined and BigInts, and an object met again as #N.
const show = (value, seen = new Map()) => {
  const type = typeof value;
  if (type === "bigint") return value + "n";
  if (type === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (type === "undefined") return "undefined";
  if (type !== "object" || value === null) return JSON.stringify(value);
  if (seen.has(value)) return "#" + seen.get(value);
  seen.set(value, seen.size);
  const inner = (x) => show(x, seen);
  switch (kind(value)) {
    case "Array":
      return "[" + Array.from(value, inner).join(",") + "]";
    case "Map":
      return "Map{" + [...value].map(([k, v]) => inner(k) + "=>" + inner(v)).join(",") + "}";
    case "Set":
      return "Set{" + [...value].map(inner).join(",") + "}";
    case "Date":
      return "Date(" + value.toISOString() + ")";
    default:
      return "{" + Object.keys(value).map((k) => JSON.stringify(k) + ":" + inner(value[k])).join(",") + "}";
  }
};

async function check() {
  const page = chrome.extension.getBackgroundPage();
  const result = { mode: page && typeof page.document === "object" ? "native" : page ? "handle" : String(page) };
  result.sender = await sendMessage({ type: "sender" });
  // A log of Dates, read, and a Map and a Set sent and returned.
  const log = await page.log;
  result.log = show(log);
  result.logDates = log.every((entry) => kind(entry.at) === "Date");
  const map = new Map([[1, { opened: new Date(5), urls: new Set(["a", "b"]) }], ["k", [1n, NaN, -0, undefined]]]);
  const set = new Set([new Date(0), "x", 2]);
  result.map = show(await page.echo(map)) === show(map) && show(map);
  result.set = show(await page.echo(set)) === show(set) && show(set);
  result.tabStates = show(await page.tabStates);
  // An error keeps its name, message and the background's stack.
  try {
    await page.fail();
    result.error = "no error";
  } catch (error) {
    result.error = {
      kind: kind(error),
      name: error.name,
      message: error.message,
      backgroundStack: /background\.js/.test(error.stack),
    };
  }
  // Cyclic structures arrive cyclic, both ways.
  const cycle = await page.makeCycle();
  result.cycle = cycle.self === cycle && cycle.children[0].parent === cycle;
  const sent = { list: [] };
  sent.self = sent;
  sent.list.push(sent);
  result.cycleSent = await page.isCycle(sent);
  // A function cannot be sent.
  try {
    await page.echo({ state: { onTick() {} } });
    result.function = "sent";
  } catch (error) {
    result.function = error.name + ": " + error.message;
  }
  return result;
}

function report(where) {
  const send = (result) => sendMessage({ type: "checked", where, result });
  check().then(send, (error) => send({ failed: String(error) + " " + error.stack }));
}
