// Package standalone holds webext-shim's ready-made standalone shim
// scripts, one directory per browser, for extensions that have no build
// step: copy standalone/<browser>/webext-shim.js (readable) or
// webext-shim.min.js into the extension and load it first in every
// context, as `webext-shim help shim` explains. Each script is made for the
// browser's default range (the releases of the 24 months before the compat
// data's snapshot date). (The directory is not named dist/: that is where a
// build writes an extension's output, OUTDIR/<browser>/.)
//
// The scripts are generated, never edited: after a change to the shims or
// the compat data, run
//
//	go generate ./standalone
//
// and commit the result; TestFresh fails while they are stale.
package standalone

//go:generate go run ./gen -o .
