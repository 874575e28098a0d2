// const and let, which Chrome 14 could not lower but every Chrome that
// loads Manifest V3 runs as written.
const greeting = "hello";
let count = 0;

function greet(name) {
  count += 1;
  return greeting + " " + name + " " + count;
}
