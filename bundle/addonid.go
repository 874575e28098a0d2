package bundle

import (
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/targets"
)

// needsAddonID are the APIs Firefox refuses to an add-on loaded with a
// temporary id: each call rejects with "The storage API will not work with
// a temporary addon ID. Please add an explicit addon ID to your manifest."
// (Firefox ESR 153; seen by the corpus runner on chrome-extensions-samples,
// whose manifests have no gecko id; storage.local works without one).
var needsAddonID = []string{"storage.sync"}

// reportAddonIDUses warns, once per file, at the first use of an API that
// needs an add-on id when the Firefox output has none.
func (b *targetBuild) reportAddonIDUses(file string, uses []jsscan.APIUse) {
	if b.t.Browser.Family != targets.Gecko || b.hasAddonID() {
		return
	}
	for _, api := range needsAddonID {
		for _, u := range uses {
			if u.Path == api || strings.HasPrefix(u.Path, api+".") {
				b.compatf(file, Pos{Offset: u.Offset, Line: u.Line, Column: u.Column},
					"%s needs an add-on id in Firefox: without browser_specific_settings.gecko.id it rejects (\"The storage API will not work with a temporary addon ID\"); add one to manifest.json", api)
				break
			}
		}
	}
}

// hasAddonID reports whether the output manifest gives Firefox an add-on id.
func (b *targetBuild) hasAddonID() bool {
	for _, key := range []string{"gecko", "gecko_android"} {
		if id := b.m.Path("browser_specific_settings", key, "id"); id != nil && id.Kind == jsonc.String && id.Str != "" {
			return true
		}
	}
	return false
}
