// show prints a value of any kind the getBackgroundPage fallback carries as
// one canonical string, for the tests of js_test.go: the class of every
// object, -0, undefined, BigInts, a Map's entries, the bytes of a buffer, an
// error's name and message, and an object met again as #N (N counts the
// objects in the order first met), so that a cycle or a shared object shows.
// A plain object's prototype shows when it is not Object.prototype: "null"
// or "other".
globalThis.show = (value, seen = new Map()) => {
  const type = typeof value;
  if (type == "bigint") return value + "n";
  if (type == "number") return Object.is(value, -0) ? "-0" : String(value);
  if (type == "undefined") return "undefined";
  if (type != "object" || value === null) return JSON.stringify(value);
  if (seen.has(value)) return "#" + seen.get(value);
  seen.set(value, seen.size);
  const inner = (x) => show(x, seen);
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  if (Array.isArray(value)) return "[" + Array.from(value, inner).join(",") + "]";
  if (value instanceof Map) return "Map{" + [...value].map(([k, v]) => inner(k) + "=>" + inner(v)).join(",") + "}";
  if (value instanceof Set) return "Set{" + [...value].map(inner).join(",") + "}";
  if (value instanceof Date) return "Date(" + value.getTime() + ")";
  if (value instanceof RegExp) return "RegExp(" + value.source + "," + value.flags + ")";
  if (value instanceof ArrayBuffer) return "ArrayBuffer(" + new Uint8Array(value).join(" ") + ")";
  if (ArrayBuffer.isView(value)) return tag + "(" + inner(value.buffer) + "," + value.byteOffset + "," + (value.length ?? value.byteLength) + ")";
  if (value instanceof Error) return "Error(" + value.name + ":" + value.message + ")";
  const prototype = Object.getPrototypeOf(value);
  const prefix = prototype === Object.prototype ? "" : prototype === null ? "null" : "other";
  return prefix + "{" + Object.keys(value).map((k) => JSON.stringify(k) + ":" + inner(value[k])).join(",") + "}";
};
