package targets

import (
	"regexp"
	"slices"
)

// geckoPermissions are the API permissions Firefox ESR 153 accepts in
// "permissions", as it lists them itself when it refuses one ("Warning
// processing permissions: Error processing permissions.3: Value "commands"
// must either: ... be one of [...]", seen by the corpus runner on
// chrome-extensions-samples' text-replacer). BCD's table of permissions
// lacks some of them (menus.overrideContext, networkStatus, trialML, ...).
var geckoPermissions = []string{
	"idle", "menus.overrideContext", "search", "tabGroups", "activeTab", "cookies", "publicSuffix", "scripting",
	"webRequest", "webRequestAuthProvider", "webRequestBlocking", "webRequestFilterResponse",
	"webRequestFilterResponse.serviceWorkerScript", "mozillaAddons", "normandyAddonStudy", "activityLog",
	"networkStatus", "telemetry", "alarms", "storage", "unlimitedStorage", "captivePortal",
	"contextualIdentities", "identity", "menus", "contextMenus", "geckoProfiler",
	"declarativeNetRequestWithHostAccess", "dns", "theme", "clipboardRead", "clipboardWrite", "geolocation",
	"notifications", "bookmarks", "browsingData", "devtools", "find", "history", "pkcs11", "sessions", "tabs",
	"tabHide", "topSites", "browserSettings", "declarativeNetRequestFeedback", "downloads", "downloads.open",
	"management", "privacy", "proxy", "nativeMessaging", "webNavigation", "declarativeNetRequest",
}

// geckoExperiment matches the permissions of WebExtension experiments,
// which Firefox accepts by pattern.
var geckoExperiment = regexp.MustCompile(`^experiments(\.\w+)+$`)

// GeckoKnowsPermission reports whether Firefox takes the permission in a
// manifest's "permissions" (Firefox ESR 153's own list).
func GeckoKnowsPermission(permission string) bool {
	return slices.Contains(geckoPermissions, permission) || geckoExperiment.MatchString(permission)
}
