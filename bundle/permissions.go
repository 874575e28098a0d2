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
	var optional []*jsonc.Value // moved to optional_permissions
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
			if b.optionalOnly(key, p) {
				optional = append(optional, p)
				return true
			}
			return b.unknownPermission(key, p)
		})
	}
	if len(optional) > 0 {
		list := b.m.Get("optional_permissions")
		if list == nil || list.Kind != jsonc.Array {
			list = &jsonc.Value{Kind: jsonc.Array}
			b.m.SetAfter("permissions", "optional_permissions", list)
		}
		for _, p := range optional {
			if !slices.ContainsFunc(list.Items, func(v *jsonc.Value) bool { return v.Kind == jsonc.String && v.Str == p.Str }) {
				list.Items = append(list.Items, p)
			}
		}
	}
}

// optionalOnly reports whether the permission, listed under key, is one
// Firefox takes only as an optional permission (userScripts: the API is
// there, and Firefox ESR 153 refuses the name in "permissions" with
// "Warning processing permissions ... Value "userScripts" must either"),
// warning that it moves to optional_permissions.
func (b *targetBuild) optionalOnly(key string, p *jsonc.Value) bool {
	if b.t.Browser.Family != targets.Gecko || key != "permissions" || targets.GeckoKnowsPermission(p.Str) || !b.hasAPINamed(p.Str) {
		return false
	}
	if _, err := targets.Lookup("manifest.permissions."+p.Str, b.t); err != nil {
		return false // no permission of that name anywhere (commands)
	}
	b.warnf(ManifestFile, p.Pos, "permission %q is optional-only in %s: moved to optional_permissions; request it at run time with permissions.request", p.Str, b.t.Browser.Title)
	return true
}

// unknownPermission reports whether no version of the target knows the
// permission, listed under key, warning that it is dropped: the browser
// would ignore it with a warning of its own ("Permission 'theme' is
// unknown." in Chromium, "Warning processing permissions" in Firefox). A
// permission the tables do not list is kept, except in Firefox's
// "permissions", whose every value Firefox names.
func (b *targetBuild) unknownPermission(key string, p *jsonc.Value) bool {
	s, err := targets.Lookup("manifest.permissions."+p.Str, b.t)
	// Firefox names the permissions it takes in "permissions" (its
	// optional-only ones, such as userScripts and trialML, are not in that
	// list); BCD lacks some of them.
	firefoxList := b.t.Browser.Family == targets.Gecko && key == "permissions"
	switch {
	case firefoxList && targets.GeckoKnowsPermission(p.Str):
		return false
	case firefoxList && err != nil:
		// In neither Firefox's list nor any table: dropped below.
	case err != nil || s.Unknown || s.AltName != "" || b.hasAPINamed(p.Str):
		// Unknown to the tables, known under another name, or the
		// permission of an API the target has: kept as written.
		return false
	case s.Since != "" && len(s.Missing) < len(b.t.Versions):
		return false
	}
	b.warnf(ManifestFile, p.Pos, "permission %q is not known to %s; dropped (the browser ignores it)", p.Str, b.t)
	return true
}

// hasAPINamed reports whether the target has an API of the name, whose
// permission it then knows, whatever BCD's table of permissions says: BCD
// lists "search" as Firefox's only, though Chromium has chrome.search
// (chrome-types declares it), and "userScripts" as Chromium's only, though
// Firefox 136 has the userScripts API.
func (b *targetBuild) hasAPINamed(name string) bool {
	if b.t.Browser.Family == targets.Chromium {
		if _, declared, err := targets.Chrome(name); err == nil && declared {
			return true
		}
	}
	api, err := targets.Lookup(name, b.t)
	return err == nil && api.Since != "" && len(api.Missing) < len(b.t.Versions)
}
