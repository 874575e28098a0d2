// background.js: the seed page's foo(), and more for the tests.
function foo() {
  return "I'm defined in background.js";
}

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

var nested = {
  inner: {
    factor: 2,
    twice(n) {
      return n * this.factor;
    },
  },
};
