// store.js: imported by main.js.
let opened = 0;

export function open() {
  opened += 1;
  return opened;
}

export function count() {
  return opened;
}
