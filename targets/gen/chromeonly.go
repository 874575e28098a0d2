package main

import (
	"sort"
	"strings"
)

// sourceChromeTypes is the Source of the features chromeonly.go adds.
const sourceChromeTypes = "chrome-types"

// addChromeOnly adds to features what chrome-types declares and
// browser-compat-data lacks, and returns the keys it added, sorted:
//
//   - APIs: a namespace of chrome.* ("offscreen") and each direct member of
//     a namespace ("offscreen.createDocument", "sidePanel.close"); not the
//     members of objects reached through a constant ("storage.local.get",
//     which BCD records as storage.StorageArea.get), not a namespace that
//     only declares types (the stubs chrome-types has for manifest keys, such
//     as webAccessibleResources), and not a name BCD records as another
//     feature's alternative name ("contextMenus", BCD's menus) or anything
//     below one;
//   - permissions named by @chrome-permission, as
//     "manifest.permissions.NAME", unless BCD has the API of that name;
//   - manifest keys named by @chrome-manifest, as "manifest.KEY".
//
// Such a feature is supported on the Chromium browsers and missing on the
// others: BCD records the WebExtensions APIs of Firefox and Safari, so an
// API it does not list is one they lack. Chrome has it since chrome-types'
// @since (of the member, else of the nearest namespace above it that has
// one); Edge and Opera since their first release whose Blink engine is at
// least that Chrome version (BCD's engine_version of their releases). With
// no @since anywhere, the API is older than chrome-types' records: the
// statements are approximate ("exact start unknown"), Chrome from release 1
// and Edge and Opera from their first Blink release. "@since Pending" stays
// "preview".
func addChromeOnly(features map[string]feature, ct *dtsResult, browsers map[string]browser) []string {
	aliases := alternativeNames(features)
	inBCD := make(map[string]bool, len(features))
	for k := range features {
		inBCD[k] = true
	}
	var added []string
	add := func(key, memberPath string) {
		if _, ok := features[key]; ok {
			return
		}
		features[key] = feature{Support: chromiumOnly(ctSince(ct.members, memberPath), browsers), Source: sourceChromeTypes}
		added = append(added, key)
	}
	for _, path := range sortedKeys(ct.members) {
		m := ct.members[path]
		if i := strings.LastIndexByte(path, '.'); i >= 0 && !ct.isNamespace(path[:i]) {
			continue
		}
		if m.Kind == "namespace" && (!hasMembers(ct.members, path) || bcdHasBelow(features, path)) {
			continue
		}
		if underAlias(path, aliases) {
			continue
		}
		add(path, path)
	}
	for _, name := range sortedKeys(ct.permissions) {
		if inBCD[name] {
			// BCD knows the API (publicSuffix, in Firefox 153): that it
			// lists no permission for it says nothing about the others.
			continue
		}
		add("manifest.permissions."+name, ct.permissions[name])
	}
	for _, key := range sortedKeys(ct.manifestKeys) {
		add("manifest."+key, ct.manifestKeys[key])
	}
	sort.Strings(added)
	return added
}

// alternativeNames returns the keys BCD's alternative names stand for:
// "contextMenus" for menus (Chrome's statement has alternative_name
// contextMenus), "extension.inIncognitoTab" for extension.inIncognitoContext.
func alternativeNames(features map[string]feature) map[string]bool {
	out := make(map[string]bool)
	for key, f := range features {
		parent := ""
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			parent = key[:i]
		}
		for _, sts := range f.Support {
			for _, st := range sts {
				if st.AltName != "" {
					out[join(parent, st.AltName)] = true
				}
			}
		}
	}
	return out
}

// underAlias reports whether path or a path above it is an alternative name.
func underAlias(path string, aliases map[string]bool) bool {
	for p := path; ; {
		if aliases[p] {
			return true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// bcdHasBelow reports whether BCD has a feature below path: then BCD
// knows the namespace, though it has no entry for the namespace itself.
func bcdHasBelow(features map[string]feature, path string) bool {
	for k := range features {
		if strings.HasPrefix(k, path+".") {
			return true
		}
	}
	return false
}

// hasMembers reports whether chrome-types records anything below path.
func hasMembers(members map[string]chromeMember, path string) bool {
	for k := range members {
		if strings.HasPrefix(k, path+".") {
			return true
		}
	}
	return false
}

// ctSince returns the since of the member at path, else of the nearest
// member above it that has one; "" when none has.
func ctSince(members map[string]chromeMember, path string) string {
	for p := path; ; {
		if s := members[p].Since; s != "" {
			return s
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return ""
		}
		p = p[:i]
	}
}

// chromiumOnly returns the statements of a feature that Chrome has since
// chromeSince ("" unknown) and the other Chromium browsers since their
// matching release, which Gecko and WebKit never had.
func chromiumOnly(chromeSince string, browsers map[string]browser) map[string][]statement {
	out := make(map[string][]statement)
	for ours := range browserKeys {
		out[ours] = []statement{}
	}
	switch chromeSince {
	case "":
		out["chrome"] = []statement{{Added: "1", Approx: true}}
	default:
		out["chrome"] = []statement{{Added: chromeSince}}
	}
	for _, b := range []string{"edge", "opera"} {
		v, approx := blinkRelease(browsers[b].Releases, chromeSince)
		out[b] = []statement{{Added: v, Approx: approx}}
	}
	return out
}

// blinkRelease returns the first release whose engine is Blink at or after
// Chrome version chromeSince; for "" the first Blink release, approximate.
// A Chrome version newer than every known release, or "preview", gives
// "preview".
func blinkRelease(releases []release, chromeSince string) (v string, approx bool) {
	if chromeSince == "preview" {
		return "preview", false
	}
	for _, r := range releases {
		if r.Engine != "Blink" || r.EngineVersion == "" || !numericVersion.MatchString(r.EngineVersion) {
			continue
		}
		if chromeSince == "" {
			return r.V, true
		}
		if compareNumeric(r.EngineVersion, chromeSince) >= 0 {
			return r.V, false
		}
	}
	return "preview", false
}
