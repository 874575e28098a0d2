// Command gen writes targets/compat.json, the compat tables webext-shim embeds,
// from two npm packages: MDN's @mdn/browser-compat-data (BCD, its data.json)
// and chrome-types (its index.d.ts).
//
// # Refreshing the data
//
// The tables are generated, never edited by hand. To move to newer data, edit
// the versions in the go:generate line of targets/doc.go and run, from the
// repository root, with npm on PATH:
//
//	go generate ./targets
//
// which runs
//
//	go run ./gen -bcd-version 8.1.9 -chrome-types-version 0.1.457 -o compat.json
//
// in targets/. The generator runs `npm pack @mdn/browser-compat-data@V
// chrome-types@V` in a temporary directory, unpacks the two archives itself
// and deletes them afterwards. Only generation needs npm; the webext-shim
// binary never does. With unpacked packages at hand (for example from an
// earlier `npm pack` and `tar xzf`), no npm is needed either:
//
//	go run ./targets/gen -bcd DIR -chrome-types DIR -o targets/compat.json
//
// where DIR is a package's directory (the one holding data.json or
// index.d.ts, or its parent holding package/). After a refresh, run
//
//	go run ./targets/gen -bcd-version V -chrome-types-version V -report -o targets/compat.json
//
// and read the report: it lists how BCD's notes about manifest versions were
// turned into data, every note that mentions "Manifest V" in a way the
// generator does not recognise, the Chrome APIs of BCD that chrome-types
// does not declare (review them: targets/overlay.go's overlayInManifestV3
// holds, with evidence, those that Manifest V3 has after all) and the
// features taken from chrome-types alone. Such a note is a restriction the tables may be
// missing; teach it to the table in notes.go (mvPhrases) with a test case. The
// generator prints a warning when there are any, also without -report. Then
// run `go test ./targets/...` and review the diff of compat.json, which is
// written with one feature per line for that purpose.
//
// # Flags
//
//	-bcd DIR                    unpacked @mdn/browser-compat-data package
//	-bcd-version V              its version; fetched with npm pack when -bcd is not given,
//	                            checked against data.json's __meta.version when it is
//	-chrome-types DIR           unpacked chrome-types package
//	-chrome-types-version V     its version; fetched with npm pack when -chrome-types is not
//	                            given, checked against package.json when it is
//	-o FILE                     output file (default compat.json)
//	-report                     print the manifest-version note report on standard output
//
// Exit status: 0 on success, 1 on failure, 2 on usage errors.
//
// # Output
//
// One JSON object, deterministic for given inputs (sorted keys, one entry per
// line):
//
//   - "generated": the do-not-edit marker.
//   - "sources": "bcd" and "chromeTypes" (package versions), "date" (the date
//     of BCD's __meta.timestamp, YYYY-MM-DD) and "chromeTypesDate" (the date
//     of the "Generated on" comment at the top of index.d.ts).
//   - "browsers": chrome, edge, opera, firefox, firefox-android, safari and
//     safari-ios (BCD's firefox_android and safari_ios), each {"name",
//     "releases"}, releases sorted by numeric version, each {"v", "date",
//     "status", "engine", "engineVersion"} with empty fields omitted.
//   - "features": every node with __compat in BCD's webextensions tree, keyed
//     by its path without the "api." prefix ("runtime.getBackgroundPage",
//     "manifest.background.scripts", "match_patterns.scheme.wildcard"), each
//     {"support": {browser: [statement, ...]}}. A statement is one BCD
//     support statement, in BCD's order: "added" (a version such as "54" or
//     "15.4", or "preview", later than every release), "approx" (BCD said
//     "≤54", or just true, which becomes "1"), "removed" (and
//     "removedApprox"), "partial", "prefix", "altName", "flags" (only behind
//     a flag: not supported by default), "mv" (2 or 3: the notes say the
//     statement holds in that manifest version only), "mv3Since" (available
//     in Manifest V3 only from that version), "mv3Removed" (removed from
//     Manifest V3 in that version), "notes" (plain text, HTML removed) and
//     "unknown" (BCD does not know: version_added null, or the browser is
//     missing). A browser that never had the feature has an empty list.
//     "notInChromeTypes" marks a Chrome API of BCD that chrome-types does
//     not declare (not in Manifest V3; see notinmv3.go). Features with
//     "source": "chrome-types" are not BCD's: chrome-types declares them and
//     BCD lacks them (APIs, "manifest.permissions.NAME", "manifest.KEY";
//     Chromium only; see chromeonly.go).
//   - "chrome": members of chrome.* from chrome-types, keyed by their path
//     below chrome ("runtime.getBackgroundPage", "storage.local.get",
//     "devtools.inspectedWindow.eval"). "kind" is "namespace", "function",
//     "event" or "property"; then "since", "promiseSince" (the first Chrome
//     whose method returns a promise: @chrome-returns-extra; when the
//     promise overload has no such tag, the member's since, else its
//     namespace's, but not before 88, the first Chrome with Manifest V3 and
//     with promise-returning functions), "noServiceWorker",
//     "minManifest", "maxManifest", "deprecatedSince", "deprecated", and for
//     functions "minArgs" and "maxArgs" (arguments before the callback, over
//     all overloads) and "callbackArgs" (parameters of the callback, absent
//     for functions without one). Namespace tags are recorded on the
//     namespace entry only; members of an interface reached through a
//     constant (storage.local: StorageArea) get the constant's tags as well
//     as their own. "@since Pending" becomes "preview".
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
