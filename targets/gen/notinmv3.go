package main

import (
	"strings"
)

// markNotInChromeTypes sets NotInChromeTypes on every API feature of
// browser-compat-data that BCD lists as a Chrome API and chrome-types does
// not declare, and returns their keys, sorted.
//
// chrome-types' index.d.ts "Includes MV3+ APIs only" (its header says so):
// it is generated from Chrome's API schemas with the Manifest V2-only APIs
// left out (those are in its _all.d.ts, with @chrome-max-manifest MV2). So a
// Chrome API that BCD lists and index.d.ts lacks is one that Chrome's
// Manifest V3 does not have: extension.getURL, tabs.executeScript,
// browserAction. The reader (targets.Lookup) turns the mark into "Manifest V2
// only" on Chromium, except where targets/overlay.go records, with its
// evidence, that the derivation is wrong (BCD's name for a thing that
// chrome-types declares under another).
//
// Only features that chrome-types could declare are compared: a namespace
// (a key without a dot) and a direct member of a namespace chrome-types
// declares ("extension.getURL", "devtools.panels.create", "tabs.Tab"). A
// deeper key is a parameter, a property of a type or a behaviour, which
// chrome-types does not declare as such; it inherits its parent's
// restriction in the reader. A feature counts as a Chrome API when one of
// BCD's Chrome statements is a current release under its own name (no
// prefix, alternative name or flag, not removed).
func markNotInChromeTypes(features map[string]feature, ct *dtsResult) []string {
	var marked []string
	for _, key := range sortedKeys(features) {
		if strings.HasPrefix(key, "manifest.") || strings.HasPrefix(key, "match_patterns.") || key == "manifest" || key == "match_patterns" {
			continue
		}
		if ct.declared[key] {
			continue
		}
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			if !ct.isNamespace(key[:i]) {
				continue
			}
		}
		f := features[key]
		if !isCurrentChromeAPI(f.Support["chrome"]) {
			continue
		}
		f.NotInChromeTypes = true
		features[key] = f
		marked = append(marked, key)
	}
	return marked
}

// isCurrentChromeAPI reports whether one of the statements says the
// feature is in a Chrome release under its own name, enabled by default,
// and not removed.
func isCurrentChromeAPI(sts []statement) bool {
	for _, st := range sts {
		if st.Added != "" && st.Added != "preview" && !st.Unknown && st.Prefix == "" && st.AltName == "" && !st.Flags && st.Removed == "" {
			return true
		}
	}
	return false
}
