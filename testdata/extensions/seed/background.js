// background.js: the seed page's foo(), and more functions for the tests.
function foo() {
  console.log("I'm defined in background.js");
  calls.push("foo");
  return "I'm defined in background.js";
}

var calls = [];

function add(a, b) {
  return a + b;
}

function settingsObject() {
  return { theme: "dark", sizes: [1, 2, 3] };
}

async function later(x) {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return x * 2;
}

function fail() {
  throw new RangeError("out of range in background");
}

var settings = { volume: 7 };
