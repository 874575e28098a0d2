package main

import "sort"

// sourceChromeDocs is the Source of the features chromedocs.go adds.
const sourceChromeDocs = "chrome-docs"

// chromeDocumented are manifest keys and permissions that Chrome's own
// documentation describes and that neither browser-compat-data nor
// chrome-types records (chrome-types declares APIs, and tags a permission or
// a manifest key only where an API needs it). They are Chromium's only:
// Firefox ESR 153 answers each with a manifest warning ("Warning processing
// key: An unexpected property was found in the WebExtension manifest",
// "Warning processing permissions: ... Value "favicon" must either ...", seen
// by the corpus runner on chrome-extensions-samples, CORPUS.md), and Safari's
// manifest reference lists none of them. Chrome's start versions are not
// all documented, so each is approximate ("exact start unknown").
//
// Evidence, developer.chrome.com/docs/extensions:
//   - reference/manifest (the list of manifest keys): "key", "oauth2",
//     "file_handlers" (ChromeOS), "trial_tokens";
//   - reference/permissions-list: "favicon" (how-to/ui/favicons),
//     "downloads.ui", "identity.email".
//
// Only what Firefox was seen to warn about is listed: it takes other
// Chrome-only keys, such as "minimum_chrome_version", without a word.
var chromeDocumented = []string{
	"manifest.file_handlers",
	"manifest.key",
	"manifest.oauth2",
	"manifest.permissions.downloads.ui",
	"manifest.permissions.favicon",
	"manifest.permissions.identity.email",
	"manifest.trial_tokens",
}

// addChromeDocumented adds the features of chromeDocumented that the tables
// lack, as Chromium-only features of unknown start, and returns the keys it
// added, sorted.
func addChromeDocumented(features map[string]feature, browsers map[string]browser) []string {
	var added []string
	for _, key := range chromeDocumented {
		if _, ok := features[key]; ok {
			continue
		}
		features[key] = feature{Support: chromiumOnly("", browsers), Source: sourceChromeDocs}
		added = append(added, key)
	}
	sort.Strings(added)
	return added
}
