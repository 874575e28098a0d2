// A vendored helper, broken by hand: a method outside an object literal.
const wrapEvent = (map) => {addListener(target, listener) { target.addListener(map.get(listener)); }};
