// let and const at the top level, which esbuild cannot lower for Firefox 49.
const greeting = "hello";
let count = 0;

function greet(name) {
  count += 1;
  return `${greeting}, ${name} (${count})`;
}
