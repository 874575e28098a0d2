// Package dist holds webext-shim's ready standalone shims, one directory
// per browser, for extensions that have no build step: copy
// dist/<browser>/webext-shim.js (readable) or webext-shim.min.js into the
// extension and load it first in every context, as `webext-shim shim`
// explains. Each script is made for the browser's default range (the
// releases of the 24 months before the compat data's snapshot date).
//
// The scripts are generated, never edited: after a change to the shims or
// the compat data, run
//
//	go generate ./dist
//
// and commit the result; a test fails while they are stale.
package dist

//go:generate go run ./gen -o .
