package targets

// refusedPermissions are the permissions a family refuses in one manifest
// version, with the reason. Evidence: Chrome's webRequest reference
// (developer.chrome.com/docs/extensions/reference/api/webRequest) says
// "webRequestBlocking" is available in Manifest V3 only to extensions
// installed by enterprise policy; Firefox keeps blocking webRequest in
// Manifest V3 (MDN, webRequest.onBeforeRequest).
var refusedPermissions = []struct {
	family     Family
	mv         int
	permission string
	reason     string
}{
	{Chromium, 3, "webRequestBlocking", "blocking webRequest is for policy-installed extensions only; use declarativeNetRequest"},
}

// RefusedPermission reports whether target t refuses the permission in an
// extension of manifest version mv, and why.
func RefusedPermission(permission string, t Target, mv int) (reason string, refused bool) {
	for _, r := range refusedPermissions {
		if r.family == t.Browser.Family && r.mv == mv && r.permission == permission {
			return r.reason, true
		}
	}
	return "", false
}
