// Command webext-shim builds one browser extension for several browsers.
//
// It knows, from per-browser compatibility tables (MDN's browser-compat-data
// and chrome-types), which extension APIs each target browser lacks, emits
// the small JavaScript shims that fill exactly those gaps, bundles them with
// the extension's own code using esbuild, rewrites the manifest for each
// browser and packages release archives. Its flagship shim makes
// browser.extension.getBackgroundPage() and runtime.getBackgroundPage() work
// where no background page can be reached (Chromium's Manifest V3 service
// workers, Firefox's private windows) through message passing.
//
// Usage:
//
//	webext-shim [build] [flags] [SRC]      build SRC (default ".") for every target
//	webext-shim shim --target T [--api A,...] [-o FILE]
//	                                      write a standalone shim script
//	webext-shim compat FEATURE... --target T
//	                                      what the compat tables say
//	webext-shim check [SRC] --target T     the compat report, writing nothing
//	webext-shim version                    version and data provenance
//
// Targets are NAME, NAME@VERSION or NAME followed by a Masterminds/semver
// constraint, separated by commas: "firefox>=115,chrome>=120,safari". The
// browsers are chrome, edge, opera, firefox, firefox-android, safari and
// safari-ios. A target without a version means the minimum the manifest
// declares, else every release of the 24 months before the data snapshot.
//
// Exit codes: 0 success, 1 build or compat errors, 2 usage errors.
//
// Run "webext-shim help COMMAND" for a command's flags and examples.
package main

import "os"

func main() {
	tuneGC(os.Args[1:], os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
