package bundle

import (
	"fmt"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

// convertManifest rewrites the specialised manifest for the target's
// family and manifest version (design.md section 5), writes the target's
// minimum version into it and drops the keys the tables say the target
// lacks. manifest.background was rewritten by writeBackground.
func (b *targetBuild) convertManifest() {
	m := b.m
	m.Set("manifest_version", &jsonc.Value{Kind: jsonc.Number, Number: fmt.Sprint(b.outMV)})
	switch {
	case b.outMV == 3 && b.l.manifestVersion == 2:
		b.toManifestV3()
	case b.outMV == 2 && b.l.manifestVersion == 3:
		b.toManifestV2()
	}
	if bss := m.Get("browser_specific_settings"); bss != nil && bss.Kind == jsonc.Object {
		// The other families' settings: the per-browser mechanism itself,
		// removed without a word.
		if b.t.Browser.Family != targets.Gecko {
			bss.Delete("gecko")
			bss.Delete("gecko_android")
		}
		if b.t.Browser.Family != targets.WebKit {
			bss.Delete("safari")
		}
		if len(bss.Members) == 0 {
			m.Delete("browser_specific_settings")
		}
	}
	switch b.t.Browser.Family {
	case targets.Chromium:
		m.Delete("browser_specific_settings")
		m.Delete("applications")
		m.Set("minimum_chrome_version", jsonc.StringValue(b.chromiumVersion()))
		b.convertThemeColors()
	case targets.Gecko:
		b.geckoSettings()
		b.geckoScriptSrc()
		b.incognitoMode()
	case targets.WebKit:
		settings(m, "safari").Set("strict_min_version", jsonc.StringValue(versionString(b.t.Min())))
	}
	b.convertPermissions()
	b.dropUnsupportedKeys(m, "manifest", 0)
}

// chromiumVersion is the Chromium version of the range's oldest release:
// the release itself for Chrome, its engine version for Edge and Opera.
func (b *targetBuild) chromiumVersion() string {
	if b.t.Browser.Name == "chrome" {
		return b.t.Min()
	}
	rels, err := targets.Releases(b.t.Browser)
	if err == nil {
		for _, r := range rels {
			if r.Version == b.t.Min() && r.EngineVersion != "" {
				return r.EngineVersion
			}
		}
	}
	return b.t.Min()
}

// settings returns browser_specific_settings.<key>, creating it.
func settings(m *jsonc.Value, key string) *jsonc.Value {
	bss := m.Get("browser_specific_settings")
	if bss == nil || bss.Kind != jsonc.Object {
		bss = jsonc.NewObject()
		m.Set("browser_specific_settings", bss)
	}
	v := bss.Get(key)
	if v == nil || v.Kind != jsonc.Object {
		v = jsonc.NewObject()
		bss.Set(key, v)
	}
	return v
}

// geckoSettings writes strict_min_version and checks the add-on id, which
// Firefox requires for Manifest V3 (and for signing).
func (b *targetBuild) geckoSettings() {
	m := b.m
	if apps := m.Get("applications"); apps != nil && m.Get("browser_specific_settings") == nil {
		// The old name of browser_specific_settings.
		m.Set("browser_specific_settings", apps)
		m.Delete("applications")
	}
	key := "gecko"
	if b.t.Browser.Name == "firefox-android" {
		key = "gecko_android"
	}
	settings(m, key).Set("strict_min_version", jsonc.StringValue(versionString(b.t.Min())))
	if id := m.Path("browser_specific_settings", "gecko", "id"); id == nil || id.Kind != jsonc.String || id.Str == "" {
		// Firefox loads an extension without an id as a temporary add-on,
		// Manifest V3 too (checked in Firefox ESR 153: it gets an id ending
		// in "@temporary-addon"); only signing on addons.mozilla.org needs
		// one, and an archive of a Manifest V3 output exists to be signed.
		add := "add \"gecko:browser_specific_settings\": {\"gecko\": {\"id\": \"name@example.com\"}} to manifest.json"
		if b.opts.Zip && b.outMV == 3 {
			b.errorf(ManifestFile, Pos{Line: 1, Column: 1}, "browser_specific_settings.gecko.id is missing: addons.mozilla.org signs a Manifest V3 archive only with an add-on id; %s", add)
		} else {
			b.warnf(ManifestFile, Pos{Line: 1, Column: 1}, "browser_specific_settings.gecko.id is missing: %s gives the add-on a temporary id, and addons.mozilla.org needs one to sign it; %s", b.t.Browser.Title, add)
		}
	}
}

// toManifestV3 converts the keys whose form changed from Manifest V2 to V3.
func (b *targetBuild) toManifestV3() {
	m := b.m
	ba, pa := m.Get("browser_action"), m.Get("page_action")
	switch {
	case ba != nil:
		renameKey(m, "browser_action", "action")
		if pa != nil {
			b.warnf(ManifestFile, pa.Pos, "\"page_action\" dropped: Manifest V3 has one \"action\", made from \"browser_action\"")
			m.Delete("page_action")
		}
	case pa != nil:
		renameKey(m, "page_action", "action")
	}
	splitHosts(m, "permissions", "host_permissions")
	splitHosts(m, "optional_permissions", "optional_host_permissions")
	if war := m.Get("web_accessible_resources"); war != nil && war.Kind == jsonc.Array && len(war.Items) > 0 && war.Items[0].Kind == jsonc.String {
		entry := jsonc.NewObject()
		entry.Set("resources", &jsonc.Value{Kind: jsonc.Array, Items: war.Items})
		entry.Set("matches", &jsonc.Value{Kind: jsonc.Array, Items: []*jsonc.Value{jsonc.StringValue("<all_urls>")}})
		m.Set("web_accessible_resources", &jsonc.Value{Kind: jsonc.Array, Pos: war.Pos, Items: []*jsonc.Value{entry}})
	}
	if csp := m.Get("content_security_policy"); csp != nil && csp.Kind == jsonc.String {
		obj := jsonc.NewObject()
		obj.Pos = csp.Pos
		obj.Set("extension_pages", csp)
		m.Set("content_security_policy", obj)
	}
}

// toManifestV2 converts Manifest V3 keys back to their V2 forms.
func (b *targetBuild) toManifestV2() {
	m := b.m
	renameKey(m, "action", "browser_action")
	joinHosts(m, "host_permissions", "permissions")
	joinHosts(m, "optional_host_permissions", "optional_permissions")
	if war := m.Get("web_accessible_resources"); war != nil && war.Kind == jsonc.Array {
		var res []*jsonc.Value
		for _, it := range war.Items {
			if r := it.Get("resources"); r != nil && r.Kind == jsonc.Array {
				res = append(res, r.Items...)
			}
		}
		m.Set("web_accessible_resources", &jsonc.Value{Kind: jsonc.Array, Pos: war.Pos, Items: res})
	}
	if csp := m.Get("content_security_policy"); csp != nil && csp.Kind == jsonc.Object {
		if ep := csp.Get("extension_pages"); ep != nil {
			m.Set("content_security_policy", ep)
		} else {
			m.Delete("content_security_policy")
		}
	}
}

// renameKey renames member from to to, keeping its place.
func renameKey(m *jsonc.Value, from, to string) {
	for _, mem := range m.Members {
		if mem.Key == from {
			m.Delete(to)
			mem.Key = to
			return
		}
	}
}

// isHostPattern reports whether a permission is a host pattern.
func isHostPattern(p string) bool {
	return p == "<all_urls>" || strings.Contains(p, "://")
}

// splitHosts moves the host patterns of m[from] into m[to], each once.
func splitHosts(m *jsonc.Value, from, to string) {
	perms := m.Get(from)
	if perms == nil || perms.Kind != jsonc.Array {
		return
	}
	var keep, hosts []*jsonc.Value
	for _, it := range perms.Items {
		if it.Kind == jsonc.String && isHostPattern(it.Str) {
			hosts = append(hosts, it)
		} else {
			keep = append(keep, it)
		}
	}
	if len(hosts) == 0 {
		return
	}
	perms.Items = keep
	dst := m.Get(to)
	if dst == nil || dst.Kind != jsonc.Array {
		dst = &jsonc.Value{Kind: jsonc.Array}
		m.SetAfter(from, to, dst)
	}
	for _, h := range hosts {
		if !slices.ContainsFunc(dst.Items, func(v *jsonc.Value) bool { return v.Kind == jsonc.String && v.Str == h.Str }) {
			dst.Items = append(dst.Items, h)
		}
	}
}

// joinHosts appends m[from] to m[to] and removes m[from].
func joinHosts(m *jsonc.Value, from, to string) {
	src := m.Get(from)
	if src == nil || src.Kind != jsonc.Array {
		return
	}
	dst := m.Get(to)
	if dst == nil || dst.Kind != jsonc.Array {
		dst = &jsonc.Value{Kind: jsonc.Array}
		m.Set(to, dst)
	}
	dst.Items = append(dst.Items, src.Items...)
	m.Delete(from)
}

// dropUnsupportedKeys drops, recursively, the members of obj (the manifest
// object at feature path feature) that the tables say no version of the
// target supports, or support only in the other manifest version; members
// that only some versions of the range lack are kept with a warning.
func (b *targetBuild) dropUnsupportedKeys(obj *jsonc.Value, feature string, depth int) {
	if obj == nil || obj.Kind != jsonc.Object || depth > 3 {
		return
	}
	known := knownFeatures()
	obj.Members = slices.DeleteFunc(obj.Members, func(mem *jsonc.Member) bool {
		f := feature + "." + mem.Key
		if !known[f] {
			return false
		}
		s, err := targets.Lookup(f, b.t)
		if err != nil || s.Unknown {
			return false
		}
		name := strings.TrimPrefix(f, "manifest.")
		switch {
		case s.Since == "":
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q is not supported by %s; dropped", name, b.t)
			return true
		case s.ManifestVersion != 0 && s.ManifestVersion != b.outMV:
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q exists only in Manifest V%d, and the %s output is Manifest V%d; dropped", name, s.ManifestVersion, b.t.Browser.Name, b.outMV)
			return true
		case len(s.Missing) == len(b.t.Versions):
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q is not supported by %s; dropped", name, b.t)
			return true
		case len(s.Missing) > 0:
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q is not supported by %s %s", name, b.t.Browser.Name, versionSpan(s.Missing))
		case s.Partial && len(s.Notes) > 0:
			// chrome_settings_overrides: "Available on macOS and Windows
			// only." (Chromium on Linux says "is not allowed for specified
			// platform" and ignores the key.)
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q is partly supported by %s: %s", name, b.t, strings.Join(s.Notes, " "))
		}
		if mem.Value.Kind == jsonc.Array {
			// web_accessible_resources: an array of objects of one shape.
			for _, it := range mem.Value.Items {
				b.dropUnsupportedKeys(it, f, depth+1)
				b.unknownItemKeys(it, f)
			}
		} else {
			b.dropUnsupportedKeys(mem.Value, f, depth+1)
		}
		return false
	})
}

// versionSpan formats sorted versions as "120" or "120-123".
func versionSpan(vs []string) string {
	if len(vs) == 1 {
		return vs[0]
	}
	return vs[0] + "-" + vs[len(vs)-1]
}

// closedItemKeys are the manifest arrays whose items' members BCD lists
// in full (other features' children are values, as protocol_handlers'
// protocols, or BCD lists none).
var closedItemKeys = []string{"manifest.content_scripts", "manifest.web_accessible_resources"}

// unknownItemKeys warns, for Firefox, about the members of an item of a
// manifest array of objects (content_scripts, web_accessible_resources)
// that the tables do not list: the members of those objects are a closed
// set, and Firefox warns about any other ("Warning
// processing web_accessible_resources.0.use_dynamic_urls: An unexpected
// property was found"; Chromium ignores it).
func (b *targetBuild) unknownItemKeys(item *jsonc.Value, feature string) {
	if item == nil || item.Kind != jsonc.Object || b.t.Browser.Family != targets.Gecko {
		return
	}
	if !slices.Contains(closedItemKeys, feature) {
		return
	}
	known := knownFeatures()
	prefix := feature + "."
	for _, mem := range item.Members {
		if f := prefix + mem.Key; !known[f] {
			b.warnf(ManifestFile, mem.KeyPos, "manifest key %q is not one %s knows in %s (misspelled?); it warns about it", mem.Key, b.t.Browser.Title, strings.TrimPrefix(feature, "manifest."))
		}
	}
}
