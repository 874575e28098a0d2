// The encoding of the values the getBackgroundPage fallback carries
// (arguments, results, errors) between a page and the background: a tree
// that JSON carries exactly, so that it travels the same in Chromium (whose
// runtime messaging is JSON) and in Firefox (structured clone). It carries
// what structured cloning carries, cycles and shared references included.
//
// A string, a boolean, null or a finite number other than -0 is itself.
// Anything else is a JSON array whose first element is a tag, the class
// name for objects:
//   ["u", "undefined"]         undefined
//   ["n", "NaN"]               NaN, Infinity, -Infinity or -0, as a string
//   ["b", "12"]                a BigInt, as a string
//   ["r", 3]                   the object that was the fourth met: an object
//                              met again (a cycle, a shared object)
//   ["Array", x, y]            an array (a hole is undefined)
//   ["Object", "key", x, "k2", y]
//                              a plain object (whose prototype is
//                              Object.prototype or null): its own enumerable
//                              string keys and their values
//   ["Map", key, x, key2, y]   a Map
//   ["Set", x, y]              a Set
//   ["Date", 0]                a Date: its time (["n", "NaN"] if invalid)
//   ["RegExp", "a+", "gi"]     a RegExp: source and flags
//   ["ArrayBuffer", 0, 255]    an ArrayBuffer: its bytes
//   ["Uint8Array", buffer, 2, 6]
//                              a typed array or a DataView: its buffer, byte
//                              offset and length (byteLength for a DataView)
//   ["Error", "TypeError", "message", "stack"]
//                              an error of any class: name, message, stack
// where x, y, key and buffer are nodes. Objects are numbered in the order
// they are first met, an object before its contents, which is also the
// order in which decoding makes them. Anything else (functions, symbols,
// DOM nodes, instances of other classes, a Map subclass with methods
// included, WeakMaps, promises inside a value) is a TypeError that names
// where it is:
//   cannot send page.state.onTick: a function
//   cannot send arguments[1].tabs[0] of page.save(): a Tab
// (a Map's keys and values are named by their position in the list key,
// value, key, value, ...: [0] is the first key, [1] its value).

import { global, prototypeOf } from "./protocol.js";

// errorNode is the node of an error: of an Error, and of whatever else the
// background throws (a string "s" is an Error "s"). It throws what turning
// name or message into strings throws (a symbol).
export const errorNode = (error) => ["Error", "" + (error?.name || "Error"), "" + (error?.message ?? error), "" + (error?.stack || "")];

// encode returns the node of value, or throws a TypeError naming the part
// that cannot be sent: root + its path inside value + suffix ("page.state",
// "arguments" + " of page.save()").
export const encode = (value, root, suffix = "") => {
  const seen = new Map();
  const walk = (value, at) => {
    let type = typeof value;
    if (type == "object" && value) {
      if (seen.has(value)) return ["r", seen.get(value)];
      seen.set(value, seen.size);
      // The class: Error for any error, else the name of the prototype's
      // constructor (Object for Object.prototype, of any realm), Object
      // where there is none (a prototype of null).
      const kind = value instanceof Error ? "Error" : prototypeOf(value)?.constructor?.name ?? "Object";
      // The items of its node after the tag, which are encoded in turn (at
      // their paths: at[i], or at.key for a plain object's values); none for
      // a class that cannot be sent.
      const items =
        kind == "Array" || kind == "Set" ? [...value] :
        kind == "Object" ? Object.entries(value).flat() :
        kind == "Map" ? [...value].flat() :
        kind == "Date" ? [+value] :
        kind == "RegExp" ? [value.source, value.flags] :
        kind == "ArrayBuffer" ? [...new Uint8Array(value)] :
        kind == "Error" ? errorNode(value).slice(1) :
        ArrayBuffer.isView(value) && [value.buffer, value.byteOffset, value.length ?? value.byteLength];
      if (items) return [kind, ...items.map((item, i) => walk(item, at + (kind == "Object" ? "." + items[i & ~1] : "[" + i + "]")))];
      type = kind;
    }
    if ((type == "number" && isFinite(value) && !Object.is(value, -0)) || type == "string" || type == "boolean" || value === null) return value;
    if (type == "number" || type == "bigint" || type == "undefined") return [type[0], Object.is(value, -0) ? "-0" : "" + value];
    throw TypeError("cannot send " + root + at + suffix + ": a " + type);
  };
  return walk(value, "");
};

// decode returns the value of a node.
export const decode = (node) => {
  const objects = [];
  const walk = (node) => {
    if (!Array.isArray(node)) return node;
    const [tag, a, b, c] = node;
    if (tag == "r") return objects[a];
    if (tag == "u") return;
    if (tag == "n") return +a;
    if (tag == "b") return BigInt(a);
    // An object is numbered before its items are decoded: a container is
    // made first (a plain object without a prototype, so that a key
    // "__proto__" becomes an own property; it gets its prototype once
    // filled), anything else from its decoded items, with the built-in
    // class its tag names.
    const index = objects.length;
    const Class = global[tag];
    const object = (objects[index] = tag == "Array" ? [] : tag == "Object" ? { __proto__: null } : (tag == "Map" || tag == "Set") && new Class());
    const values = node.slice(1).map(walk);
    if (!object)
      return (objects[index] =
        tag == "ArrayBuffer" ? new Uint8Array(values).buffer :
        tag == "Error" ? Object.assign(Error(b), a && { name: a }, c && { stack: c }) :
        // Date, RegExp, DataView or a typed array (a class whose prototype
        // is %TypedArray%): nothing else is constructed (new undefined is a
        // TypeError).
        new (tag == "Date" || tag == "RegExp" || tag == "DataView" || prototypeOf(Class) == prototypeOf(Int8Array) ? Class : undefined)(...values));
    values.map((value, i) =>
      tag == "Array" ? object.push(value) :
      tag == "Set" ? object.add(value) :
      i % 2 && (tag == "Map" ? object.set(values[i - 1], value) : (object[values[i - 1]] = value)));
    if (tag == "Object") Object.setPrototypeOf(object, prototypeOf({}));
    return object;
  };
  return walk(node);
};
