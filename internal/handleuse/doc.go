// Package handleuse follows, through a script's syntax tree, the value an
// extension API yields (a background handle from getBackgroundPage) and
// finds each use of it that needs the value synchronously: a property read
// or a call result used without await (in a condition, an assignment, an
// argument, arithmetic, a comparison, an iteration, a spread, a template
// literal), an identity check (instanceof, ===) and a read of the page's
// DOM (bg.document, bg.window, bg.location, ...). Uses that await the value,
// return it, pass it to Promise.resolve or .then, or discard it are not
// reported.
//
// The value is followed within one file: from the API's call (chrome. or
// browser., any member path the caller names, such as
// "runtime.getBackgroundPage"), through its callback's first parameter, a
// .then callback, await, simple assignments (const b = bg), destructuring
// (const {stats} = bg) and the parameters of the file's own functions the
// handle is passed to.
//
// It parses with github.com/dop251/goja/parser, a JavaScript parser of
// ECMAScript 2022 scripts that keeps every node's offset. Scripts are
// parsed as they are; a file that does not parse as a script (top-level
// await) is parsed again as the body of an async function, with its offsets
// kept. ES module syntax (import, export) does not parse: Find returns the
// parser's error, and the caller reports nothing for that file.
package handleuse
