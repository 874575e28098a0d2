package shims

import (
	"errors"
	"slices"

	"github.com/webext-shim/webext-shim/targets"
)

// The rename shims: an API the target has under another name or shape
// (design.md section 4.3). Each replaces the old API expressions with the
// target's API, presented in the old shape, and covers (Renames) every
// member whose new name the target has; a member without one is still
// reported where it is used.

// Rename maps an API namespace or member onto the target's name for it.
type Rename struct {
	// From and To are member paths below the namespaces: "browserAction",
	// "action".
	From, To string
}

// CallCheck is a diagnostic a shim asks for at each call of an API whose
// argument object has a property the shim cannot carry over, or at each
// call of an API that does not work where the code runs.
type CallCheck struct {
	// API is the member path called ("tabs.executeScript"), in both
	// namespaces.
	API string
	// Key is the property of the argument object ("code"); or, when empty,
	// Value is a string the arguments hold ("password", a menu context).
	// When both are empty, every call is reported.
	Key, Value string
	// Contexts, when set, limits the check to code that runs in one of
	// them.
	Contexts []Context
	// Where, when set, limits the check to the targets and outputs for
	// which it returns true (among those that need the shim).
	Where func(t targets.Target, out Output) bool
	// Message says what happens and what to do instead.
	Message string
}

// Applies reports whether the check applies to code running in one of the
// contexts ctxs on target t with output out.
func (c CallCheck) Applies(t targets.Target, out Output, ctxs []Context) bool {
	if c.Contexts != nil && !slices.ContainsFunc(ctxs, func(x Context) bool { return slices.Contains(c.Contexts, x) }) {
		return false
	}
	return c.Where == nil || c.Where(t, out)
}

// ActionRename maps browserAction and pageAction onto Manifest V3's action
// (js/rename/action.js) wherever the output is Manifest V3.
var ActionRename = Shim{
	Name:     "action",
	Title:    "browserAction and pageAction as action",
	Provides: []string{"chrome.browserAction", "chrome.pageAction", "browser.browserAction", "browser.pageAction"},
	Renames:  []Rename{{From: "browserAction", To: "action"}, {From: "pageAction", To: "action"}},
	Needed:   neededForManifestV3("browserAction/pageAction: Manifest V3 names them action"),
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.browserAction", Module: "rename/action.js", Export: "chromeBrowserAction"},
		{API: "chrome.pageAction", Module: "rename/action.js", Export: "chromePageAction"},
		{API: "browser.browserAction", Module: "rename/action.js", Export: "browserBrowserAction", Via: "browserNamespace"},
		{API: "browser.pageAction", Module: "rename/action.js", Export: "browserPageAction", Via: "browserNamespace"},
	},
}

// GetURLRename maps extension.getURL onto runtime.getURL
// (js/rename/geturl.js) where the output's manifest version lacks it.
var GetURLRename = Shim{
	Name:     "getURL",
	Title:    "extension.getURL as runtime.getURL",
	Provides: []string{"chrome.extension.getURL", "browser.extension.getURL"},
	Renames:  []Rename{{From: "extension.getURL", To: "runtime.getURL"}},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		s, err := targets.Lookup("extension.getURL", t)
		if err != nil {
			return nil, err
		}
		if out.ManifestVersion == 3 && (t.Browser.Family == targets.Chromium || s.ManifestVersion == 2) {
			return []string{"extension.getURL: not in Manifest V3; runtime.getURL is"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page, ContentScript},
	Replaces: []Replacement{
		{API: "chrome.extension.getURL", Module: "rename/geturl.js", Export: "chromeGetURL"},
		{API: "browser.extension.getURL", Module: "rename/geturl.js", Export: "browserGetURL", Via: "browserNamespace"},
	},
}

// NotificationIcon gives, on Chromium, a notification created without an
// icon the extension's icon (js/rename/notifications.js): Firefox takes
// notifications.create({type: "basic", title, message}), Chromium requires
// iconUrl too and rejects ("Some of the required properties are missing:
// type, iconUrl, title and message.", Chromium 156, on the mdn corpus's
// runtime-examples).
var NotificationIcon = Shim{
	Name:     "notificationIcon",
	Title:    "notifications.create without an icon",
	Provides: []string{"chrome.notifications.create", "browser.notifications.create"},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		if t.Browser.Family == targets.Chromium {
			return []string{"notifications.create: " + t.Browser.Name + " requires an iconUrl"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.notifications", Module: "rename/notifications.js", Export: "chromeNotifications"},
		{API: "browser.notifications", Module: "rename/notifications.js", Export: "browserNotifications", Via: "browserNamespace"},
	},
}

// CookieGetNull makes, on Chromium, cookies.get resolve null for a URL the
// extension may not read cookies of (js/rename/cookies.js), as Firefox
// does; Chromium rejects ("No host permissions for cookies at url:
// \"about:blank\".", Chromium 156, on the mdn corpus's cookie-bg-picker,
// which runs clean in Firefox ESR 153).
var CookieGetNull = Shim{
	Name:     "cookieGetNull",
	Title:    "cookies.get of a foreign URL resolves null",
	Provides: []string{"chrome.cookies.get", "browser.cookies.get"},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		if t.Browser.Family == targets.Chromium {
			return []string{"cookies.get: " + t.Browser.Name + " rejects where Firefox resolves null"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.cookies", Module: "rename/cookies.js", Export: "chromeCookies"},
		{API: "browser.cookies", Module: "rename/cookies.js", Export: "browserCookies", Via: "browserNamespace"},
	},
}

// MenusRename maps Firefox's menus onto contextMenus (js/rename/menus.js)
// where the target has contextMenus and not menus, with the permission, and
// leaves out of create() and update() what only Firefox has.
var MenusRename = Shim{
	Name:     "menus",
	Title:    "menus as contextMenus",
	Provides: []string{"chrome.menus", "browser.menus"},
	Renames:  []Rename{{From: "menus", To: "contextMenus"}},
	// browser-compat-data records Chrome's, Edge's and Opera's support of
	// menus under the alternative name contextMenus only (its "altName").
	Needed: func(t targets.Target, out Output) ([]string, error) {
		if t.Browser.Family == targets.Chromium {
			return []string{"menus: named contextMenus on " + t.Browser.Name}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.menus", Module: "rename/menus.js", Export: "chromeMenus"},
		{API: "browser.menus", Module: "rename/menus.js", Export: "browserMenus", Via: "browserNamespace"},
	},
	Manifest: []ManifestEdit{{Op: RenamePermission, Name: "menus", To: "contextMenus"}},
	Calls: []CallCheck{
		{API: "menus.create", Key: "icons", Message: "the \"icons\" property of menus.create is Firefox's only; Chromium's contextMenus has no icons, so it is left out"},
		{API: "menus.create", Key: "command", Message: "the \"command\" property of menus.create is Firefox's only; it is left out"},
		{API: "menus.create", Key: "viewTypes", Message: "the \"viewTypes\" property of menus.create is Firefox's only; it is left out"},
		{API: "menus.create", Value: "bookmark", Message: "the \"bookmark\" menu context is Firefox's only; it is left out (an item with no other context is created hidden)"},
		{API: "menus.create", Value: "password", Message: "the \"password\" menu context is Firefox's only; it is left out (an item with no other context is created hidden)"},
		{API: "menus.create", Value: "tab", Message: "the \"tab\" menu context is Firefox's only; it is left out (an item with no other context is created hidden)"},
		{API: "menus.create", Value: "tools_menu", Message: "the \"tools_menu\" menu context is Firefox's only; it is left out (an item with no other context is created hidden)"},
	},
}

// ScriptingRename maps tabs.executeScript, insertCSS and removeCSS onto the
// scripting API (js/rename/scripting.js) wherever the output is Manifest V3,
// with the scripting permission.
var ScriptingRename = Shim{
	Name:     "scripting",
	Title:    "tabs.executeScript, insertCSS and removeCSS over scripting",
	Provides: []string{"chrome.tabs.executeScript", "chrome.tabs.insertCSS", "chrome.tabs.removeCSS", "browser.tabs.executeScript", "browser.tabs.insertCSS", "browser.tabs.removeCSS"},
	Renames: []Rename{
		{From: "tabs.executeScript", To: "scripting.executeScript"},
		{From: "tabs.insertCSS", To: "scripting.insertCSS"},
		{From: "tabs.removeCSS", To: "scripting.removeCSS"},
	},
	Needed:   neededForManifestV3("tabs.executeScript/insertCSS/removeCSS: Manifest V3 has scripting instead"),
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.tabs.executeScript", Module: "rename/scripting.js", Export: "executeScript"},
		{API: "chrome.tabs.insertCSS", Module: "rename/scripting.js", Export: "insertCSS"},
		{API: "chrome.tabs.removeCSS", Module: "rename/scripting.js", Export: "removeCSS"},
		{API: "browser.tabs.executeScript", Module: "rename/scripting.js", Export: "executeScript"},
		{API: "browser.tabs.insertCSS", Module: "rename/scripting.js", Export: "insertCSS"},
		{API: "browser.tabs.removeCSS", Module: "rename/scripting.js", Export: "removeCSS"},
	},
	Manifest: []ManifestEdit{{Op: AddPermission, Name: "scripting", IfIncluded: true}},
	Calls: []CallCheck{
		// A warning, not an error: the browser loads the extension, and only
		// this call fails (it rejects) when it runs.
		{API: "tabs.executeScript", Key: "code", Message: "tabs.executeScript with a code string fails in Manifest V3, which runs no code strings (the call rejects); move the code into a file and pass {file: ...}"},
	},
}

// SidebarRename maps Firefox's sidebarAction and its manifest key onto
// Chromium's side panel (js/rename/sidebar.js): the same capability, a panel
// page beside the content.
var SidebarRename = Shim{
	Name:     "sidebar",
	Title:    "sidebarAction as sidePanel",
	Provides: []string{"chrome.sidebarAction", "browser.sidebarAction"},
	Renames: []Rename{
		{From: "sidebarAction.setPanel", To: "sidePanel.setOptions"},
		{From: "sidebarAction.getPanel", To: "sidePanel.getOptions"},
		{From: "sidebarAction.open", To: "sidePanel.open"},
	},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		if t.Browser.Family == targets.Chromium {
			return []string{"sidebarAction: Chromium's side panel is the same capability"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.sidebarAction", Module: "rename/sidebar.js", Export: "chromeSidebarAction"},
		{API: "browser.sidebarAction", Module: "rename/sidebar.js", Export: "browserSidebarAction", Via: "browserNamespace"},
	},
	Manifest: []ManifestEdit{
		{Op: AddPermission, Name: "sidePanel", IfKey: "sidebar_action"},
		{Op: AddPermission, Name: "sidePanel", IfIncluded: true},
		{Op: MoveKey, Name: "sidebar_action.default_panel", To: "side_panel.default_path"},
		{Op: DeleteKey, Name: "sidebar_action"},
	},
}

// OffscreenOverBackgroundPage gives a target without Chrome's offscreen API,
// whose output background is a page (Firefox), offscreen documents as
// hidden frames of the background page (js/offscreen/offscreen.js), and
// runtime.getContexts that lists them.
var OffscreenOverBackgroundPage = Shim{
	Name:     "offscreen",
	Title:    "offscreen documents as frames of the background page",
	Provides: []string{"chrome.offscreen", "browser.offscreen"},
	Features: []string{"offscreen", "offscreen.createDocument", "offscreen.closeDocument", "offscreen.hasDocument", "offscreen.Reason"},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		if out.Background != BackgroundPage || t.Browser.Family == targets.Chromium {
			return nil, nil
		}
		s, err := targets.Lookup("offscreen.createDocument", t)
		if unknown := (*targets.UnknownError)(nil); err != nil && !errors.As(err, &unknown) {
			return nil, err
		}
		if err != nil || len(s.Missing) > 0 {
			return []string{"offscreen: " + t.Browser.Name + " has no offscreen API; its background page has a DOM"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background},
	Replaces: []Replacement{
		{API: "chrome.offscreen", Module: "offscreen/offscreen.js", Export: "offscreen"},
		{API: "browser.offscreen", Module: "offscreen/offscreen.js", Export: "offscreen"},
		{API: "chrome.runtime.getContexts", Module: "offscreen/offscreen.js", Export: "getContexts"},
		{API: "browser.runtime.getContexts", Module: "offscreen/offscreen.js", Export: "getContexts"},
		{API: "chrome.runtime.sendMessage", Module: "offscreen/offscreen.js", Export: "sendMessage", IfUsed: "offscreen"},
		{API: "browser.runtime.sendMessage", Module: "offscreen/offscreen.js", Export: "sendMessage", IfUsed: "offscreen"},
	},
	Manifest: []ManifestEdit{{Op: RemovePermission, Name: "offscreen"}},
}

// ActionToBrowserAction maps Manifest V3's action onto browserAction where
// the output is Manifest V2 (an MV3 source for a browser range that loads
// only MV2); the manifest key is converted with the manifest.
var ActionToBrowserAction = Shim{
	Name:     "browserAction",
	Title:    "action as browserAction",
	Provides: []string{"chrome.action", "browser.action"},
	Renames:  []Rename{{From: "action", To: "browserAction"}},
	Needed: func(_ targets.Target, out Output) ([]string, error) {
		if out.ManifestVersion == 2 {
			return []string{"action: Manifest V2 names it browserAction"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.action", Module: "rename/action.js", Export: "chromeAction"},
		{API: "browser.action", Module: "rename/action.js", Export: "browserAction", Via: "browserNamespace"},
	},
}

// SidePanelOverSidebar maps Chromium's sidePanel and its manifest key onto
// Firefox's sidebar_action (js/rename/sidepanel.js) where the target has a
// sidebar and no side panel.
var SidePanelOverSidebar = Shim{
	Name:     "sidePanel",
	Title:    "sidePanel as sidebarAction",
	Provides: []string{"chrome.sidePanel", "browser.sidePanel"},
	Renames: []Rename{
		{From: "sidePanel.setOptions", To: "sidebarAction.setPanel"},
		{From: "sidePanel.getOptions", To: "sidebarAction.getPanel"},
		{From: "sidePanel.open", To: "sidebarAction.open"},
		{From: "sidePanel.setPanelBehavior", To: "sidebarAction.open"},
		{From: "sidePanel.getPanelBehavior", To: "sidebarAction.open"},
	},
	Needed: func(t targets.Target, out Output) ([]string, error) {
		sidebar, err := targets.Lookup("sidebarAction.setPanel", t)
		if err != nil {
			return nil, err
		}
		panel, err := targets.Lookup("sidePanel.setOptions", t)
		if err != nil {
			return nil, err
		}
		if len(sidebar.Missing) == 0 && len(panel.Missing) > 0 {
			return []string{"sidePanel: " + t.Browser.Name + "'s sidebar is the same capability"}, nil
		}
		return nil, nil
	},
	Contexts: []Context{Background, Page},
	Replaces: []Replacement{
		{API: "chrome.sidePanel", Module: "rename/sidepanel.js", Export: "sidePanel"},
		{API: "browser.sidePanel", Module: "rename/sidepanel.js", Export: "sidePanel"},
	},
	Manifest: []ManifestEdit{
		{Op: MoveKey, Name: "side_panel.default_path", To: "sidebar_action.default_panel"},
		{Op: CopyKey, Name: "action.default_title", To: "sidebar_action.default_title", IfKey: "side_panel"},
		{Op: CopyKey, Name: "action.default_icon", To: "sidebar_action.default_icon", IfKey: "side_panel"},
		{Op: DeleteKey, Name: "side_panel"},
		{Op: RemovePermission, Name: "sidePanel"},
		// Firefox offers sidebarAction only to an extension whose manifest
		// has sidebar_action, and that key needs its default_panel (MDN,
		// manifest.json/sidebar_action: "default_panel ... Mandatory").
		{Op: RequireKey, Name: "sidebar_action.default_panel", IfIncluded: true,
			Message: "sidePanel is used, and the manifest has no side_panel.default_path: Firefox's sidebar, which stands in for the side panel, exists only with a default panel (without one, browser.sidebarAction is undefined); add \"side_panel\": {\"default_path\": \"panel.html\"} to manifest.json"},
	},
	Calls: []CallCheck{
		{API: "sidePanel.setOptions", Key: "enabled", Message: "sidePanel.setOptions({enabled}) has no counterpart in Firefox, which always offers an extension's sidebar; it is ignored"},
	},
}

// neededForManifestV3 is a Needed predicate: needed wherever the output is
// Manifest V3.
func neededForManifestV3(why string) func(targets.Target, Output) ([]string, error) {
	return func(_ targets.Target, out Output) ([]string, error) {
		if out.ManifestVersion == 3 {
			return []string{why}, nil
		}
		return nil, nil
	}
}

// Covers reports whether the shim makes the feature (a targets feature path
// such as "menus.create") work on t: it is one of its Features, or a member
// its Renames map onto one t has (menus.onShown is not covered on Chrome,
// which has no contextMenus.onShown).
func (s Shim) Covers(feature string, t targets.Target) bool {
	for _, f := range s.Features {
		if f == feature {
			return true
		}
	}
	for _, r := range s.Renames {
		rest, ok := cutMember(feature, r.From)
		if !ok {
			continue
		}
		sup, err := targets.Lookup(r.To+rest, t)
		if unknown := (*targets.UnknownError)(nil); errors.As(err, &unknown) {
			// The tables record the new name as the old one's alternative
			// name (browser-compat-data's altName: contextMenus for menus).
			sup, err = targets.Lookup(feature, t)
			if err == nil && len(sup.Missing) > 0 && sup.AltName == r.To+rest {
				return true
			}
		}
		if err == nil && len(sup.Missing) == 0 && sup.Since != "" {
			return true
		}
	}
	return false
}

// cutMember returns what follows the member path prefix in p (".create" for
// "menus.create" and "menus"), and whether p is prefix or below it.
func cutMember(p, prefix string) (string, bool) {
	if p == prefix {
		return "", true
	}
	if len(p) > len(prefix) && p[:len(prefix)] == prefix && p[len(prefix)] == '.' {
		return p[len(prefix):], true
	}
	return "", false
}
