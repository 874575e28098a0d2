// Package shimjs bundles shim JavaScript with esbuild for webext-shim: the
// esbuild plugin that serves the shims' modules and generated glue modules,
// the glue itself (import and export lists), and one-entry IIFE bundles for
// the scripts webext-shim generates (runtime scripts, standalone scripts).
//
// It knows no shim: callers pass the modules' sources (a Reader) and the glue
// they need, derived from the shim table in package shims. Both package shims
// (standalone scripts) and package bundle (builds) use it.
//
// Module paths are slash-separated, as "bgpage/client.js"; in import
// specifiers they are written with the Namespace prefix,
// "webext-shim:bgpage/client.js". Relative imports between shim modules are
// resolved within the namespace.
package shimjs
