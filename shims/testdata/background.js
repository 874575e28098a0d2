// The extension's own classic background script for the goja tests of the
// getBackgroundPage shims, loaded after the standalone shim. Its top-level
// declarations and assigned globals are what the background handle reaches.

// The example from MDN's extension.getBackgroundPage() page.
function foo() {
  return "I'm defined in background.js";
}

function add(a, b) {
  return a + b;
}
function echo(x) {
  return x;
}
function getObj() {
  return { a: [1, { b: null }], s: "x", t: true, n: -2.5 };
}
function later(n) {
  return new Promise((ok) => setTimeout(() => ok(n * 2), 50));
}
async function asyncFn(x) {
  await null;
  return "async " + x;
}
function throwsType() {
  throw new TypeError("bad type");
}
function throwsRange() {
  throw new RangeError("out of range");
}
class QuotaError extends Error {
  constructor(m) {
    super(m);
    this.name = "QuotaError";
  }
}
function throwsCustom() {
  throw new QuotaError("over quota");
}
async function rejectsAsync() {
  await null;
  throw new SyntaxError("async bad");
}
function throwsString() {
  throw "plain string";
}
var settings = { theme: "dark", size: 3 };
var counter = 0;
function inc(by) {
  counter += by === undefined ? 1 : by;
  return counter;
}
var a = {
  b: {
    tag: "a.b",
    fn(x) {
      return this.tag + ":" + x + ":" + (this === a.b);
    },
  },
};
function argsInfo() {
  return { n: arguments.length, types: Array.from(arguments, (x) => typeof x) };
}
function save() {
  return "saved";
}
function getFn() {
  return function () {};
}
function getDate() {
  return { when: new Date(0) };
}
function getCycle() {
  const o = {};
  o.self = o;
  return o;
}
function getNaN() {
  return [1, NaN];
}
function getUndefined() {}
var withFn = { state: { n: 1, onTick() {} } };
var obj = { x: 1 };
var api = chrome;
var evalAlias = eval;
var holder = { g: globalThis, fn: Function, n: 1 };
var pending = new Promise((ok) => setTimeout(() => ok("resolved later"), 10));
globalThis.assigned = "assigned global";
// Per-tab state as real extensions keep it, for the reads of the values
// tests.
var tabState = new Map([[7, { opened: new Date(0), urls: new Set(["https://example.com/"]), hits: 2n }]]);
var log = [{ at: new Date(1), msg: "a" }, { at: new Date(2), msg: "b" }];
function makeCycle() {
  const node = { name: "root", children: [] };
  node.children.push({ parent: node });
  node.self = node;
  return node;
}
// received shows an argument as the background got it (testdata/show.js is
// loaded into the background by the values tests).
function received(x) {
  return globalThis.show ? show(x) : "no show";
}
