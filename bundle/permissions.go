package bundle

import (
	"slices"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

// permissionKeys are the manifest keys that list API permissions.
var permissionKeys = []string{"permissions", "optional_permissions"}

// convertPermissions fits the permission lists to the target: the
// permissions its manifest version refuses and those no version of the
// target knows are dropped with a warning, and a Manifest V3 output lists
// host patterns under host_permissions.
func (b *targetBuild) convertPermissions() {
	if b.outMV == 3 {
		// Firefox takes host patterns in the API permission lists of a
		// Manifest V3 extension; Chromium says "Permission '*://*/' is
		// unknown" and grants nothing. Both read host_permissions.
		splitHosts(b.m, "permissions", "host_permissions")
		splitHosts(b.m, "optional_permissions", "optional_host_permissions")
	}
	for _, key := range permissionKeys {
		perms := b.m.Get(key)
		if perms == nil || perms.Kind != jsonc.Array {
			continue
		}
		perms.Items = slices.DeleteFunc(perms.Items, func(p *jsonc.Value) bool {
			if p.Kind != jsonc.String || isHostPattern(p.Str) {
				return false
			}
			if reason, refused := targets.RefusedPermission(p.Str, b.t, b.outMV); refused {
				b.compatf(ManifestFile, p.Pos, "permission %q is refused by %s (Manifest V%d): %s; dropped", p.Str, b.t.Browser.Name, b.outMV, reason)
				return true
			}
			return b.unknownPermission(key, p)
		})
	}
}

// unknownPermission reports whether no version of the target knows the
// permission, listed under key, warning that it is dropped: the browser
// would ignore it with a warning of its own ("Permission 'theme' is
// unknown." in Chromium, "Warning processing permissions" in Firefox). A
// permission the tables do not list is kept, except in Firefox's
// "permissions", whose every value Firefox names.
func (b *targetBuild) unknownPermission(key string, p *jsonc.Value) bool {
	if b.t.Browser.Family == targets.Gecko && key == "permissions" {
		// Firefox names the permissions it takes there (its optional-only
		// ones, such as userScripts and trialML, are not in that list); BCD
		// lacks some.
		if targets.GeckoKnowsPermission(p.Str) {
			return false
		}
		if _, err := targets.Lookup("manifest.permissions."+p.Str, b.t); err != nil {
			b.warnf(ManifestFile, p.Pos, "permission %q is not known to %s; dropped (the browser ignores it)", p.Str, b.t)
			return true
		}
	}
	s, err := targets.Lookup("manifest.permissions."+p.Str, b.t)
	if err != nil || s.Unknown || s.AltName != "" {
		// Unknown, or known under another name: kept as written.
		return false
	}
	if b.t.Browser.Family == targets.Chromium {
		// BCD lists the permission "search" as Firefox's only, though
		// Chromium has a search API (chrome.search.query) that needs it:
		// what chrome-types declares, Chromium knows.
		if _, declared, err := targets.Chrome(p.Str); err == nil && declared {
			return false
		}
	}
	if api, err := targets.Lookup(p.Str, b.t); err == nil && api.Since != "" && len(api.Missing) < len(b.t.Versions) {
		// BCD lists the permission "userScripts" as Chromium's only, though
		// Firefox 136 has the userScripts API that needs it: a target that
		// has the API of that name knows its permission.
		return false
	}
	if s.Since == "" || len(s.Missing) == len(b.t.Versions) {
		b.warnf(ManifestFile, p.Pos, "permission %q is not known to %s; dropped (the browser ignores it)", p.Str, b.t)
		return true
	}
	return false
}
