package targets

// The overlay: behaviour facts that neither @mdn/browser-compat-data nor
// chrome-types records, each with the evidence for it. They are applied by
// Lookup on top of the generated tables. notes/browsers.md in the project's
// shared notes records how the real-browser facts were observed (Debian's
// Chromium 156.0.8078 and Firefox ESR 153.7).

// Quirk is a behaviour difference of a browser's implementation that a shim
// repairs.
type Quirk string

// The quirks the overlay knows.
const (
	// QuirkPrivateWindowNull: extension.getBackgroundPage() returns null and
	// runtime.getBackgroundPage() resolves null when called from a page of a
	// private window.
	QuirkPrivateWindowNull Quirk = "private-window-null"
)

// NoteNoServiceWorker is the note of features that do not exist in a
// service-worker background.
const NoteNoServiceWorker = "not available in service-worker backgrounds (Manifest V3)"

type factKind int

const (
	factNoServiceWorker factKind = iota + 1
	factQuirk
	factNote
	factManifestV3Only
)

type fact struct {
	features []string
	families []Family
	browsers []string
	kind     factKind
	quirk    Quirk
	note     string
}

func (f fact) applies(feature string, b Browser) bool {
	return contains(f.features, feature) && (contains(f.families, b.Family) || contains(f.browsers, b.Name))
}

var overlayFacts = []fact{
	// No background page exists when the background is a service worker.
	// Evidence: in Chromium 156 with an MV3 service-worker background,
	// chrome.extension.getBackgroundPage() returns undefined in extension pages
	// and runtime.getBackgroundPage() rejects with "You do not have a
	// background page."; chrome-types marks both
	// @chrome-disallow-service-workers. Safari's service-worker background
	// (Safari 15.4+, BCD manifest.background.service_worker) has no window
	// either: a service worker global scope is not a Window (WHATWG HTML,
	// Service Workers spec), so there is no page to return.
	{
		features: []string{"extension.getBackgroundPage", "runtime.getBackgroundPage", "extension.getViews"},
		families: []Family{Chromium, WebKit},
		kind:     factNoServiceWorker,
		note:     NoteNoServiceWorker,
	},
	// Private windows get null. Evidence: BCD's runtime.getBackgroundPage
	// note for Firefox (bug 1329304), the MDN page for
	// extension.getBackgroundPage (it says the method "cannot be used in
	// Private Browsing mode"), and Firefox ESR 153: from a private window
	// browser.extension.getBackgroundPage() returned null and
	// runtime.getBackgroundPage() resolved null.
	{
		features: []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"},
		families: []Family{Gecko},
		kind:     factQuirk,
		quirk:    QuirkPrivateWindowNull,
		note:     "returns null in private windows",
	},
	// Firefox has no extension service workers. Evidence: BCD has
	// manifest.background.service_worker false for Firefox; Firefox ESR 153
	// loads a manifest with both background.service_worker and
	// background.scripts and runs the scripts.
	{
		features: []string{"manifest.background.service_worker"},
		families: []Family{Gecko},
		kind:     factNote,
		note:     "Firefox has no extension service workers; it runs background.scripts",
	},
}

// overlayManifestFacts are restrictions to one manifest version that BCD
// does not record.
var overlayManifestFacts = []fact{
	// BCD notes background.service_worker as "Available for use in Manifest
	// V2 or later" on Chromium, but Chromium refuses the key in a Manifest V2
	// extension ("'background.service_worker' requires manifest version of 3
	// or higher", from Chromium's background manifest handler); Chromium 156
	// loads it only from an MV3 manifest.
	{
		features: []string{"manifest.background.service_worker"},
		families: []Family{Chromium},
		kind:     factManifestV3Only,
		note:     "Chromium accepts it only in Manifest V3",
	},
}

// NoteNotInManifestV3 is the note of a feature that Chrome's Manifest V3
// API lacks, as the generator derived it: BCD lists it as a Chrome API and
// chrome-types, which declares the Manifest V3 API only, does not declare it.
const NoteNotInManifestV3 = "not in Chrome's Manifest V3 API (chrome-types does not declare it)"

// NoteChromeTypesOnly is the note of a feature that only chrome-types
// knows: browser-compat-data does not list it, so it is taken to be missing
// on Gecko and WebKit.
const NoteChromeTypesOnly = "known from chrome-types only; browser-compat-data does not list it"

// overlayInManifestV3 are the features the generator marks as absent from
// chrome-types (so, by its derivation, not in Chrome's Manifest V3) that
// Chrome's Manifest V3 does have: chrome-types declares them under another
// name, or outside the chrome namespace. Each with its evidence. The other
// marked features were checked against chrome-types 0.1.457's _all.d.ts,
// which declares the Manifest V2 APIs too: each is there with
// @chrome-max-manifest MV2 (extension.getURL, extension.lastError,
// extension.getExtensionTabs, extension.onRequest, extension.sendRequest,
// tabs.executeScript, tabs.insertCSS, tabs.removeCSS, tabs.getSelected,
// tabs.getAllInWindow, tabs.onActiveChanged, tabs.onHighlightChanged,
// tabs.onSelectionChanged, tabs.sendRequest; browserAction and pageAction
// are Manifest V2 only in BCD's notes as well).
var overlayInManifestV3 = map[string]string{
	// index.d.ts declares ColorArray and ImageDataType in a top-level
	// `declare namespace browserAction`, outside chrome, with the comment
	// "The MV3 API `action` incorrectly references the MV2-only API
	// `browserAction`": chrome.action's setBadgeBackgroundColor and setIcon
	// take them. (extensionTypes.ColorArray, @since Chrome 139, is the same
	// type.)
	"action.ColorArray":    "chrome-types index.d.ts: browserAction.ColorArray outside chrome, used by chrome.action",
	"action.ImageDataType": "chrome-types index.d.ts: browserAction.ImageDataType outside chrome, used by chrome.action",
	// BCD's cookies.sameSiteStatus is chrome-types' enum
	// cookies.SameSiteStatus (@since Chrome 51), in index.d.ts.
	"cookies.sameSiteStatus": "chrome-types index.d.ts: cookies.SameSiteStatus",
	// BCD's downloads.DownloadTime names the type of DownloadItem's and
	// DownloadQuery's time fields (startTime, endTime, ...), which
	// index.d.ts declares as strings without a type name.
	"downloads.DownloadTime": "chrome-types index.d.ts: downloads.DownloadItem.startTime and friends, typed string",
	// BCD's types.BrowserSetting is chrome-types' types.ChromeSetting (BCD's
	// own Chrome note: "This type is provided as ChromeSetting.").
	"types.BrowserSetting": "chrome-types index.d.ts: types.ChromeSetting",
	// A Manifest V3 API's constant (declarativeNetRequest exists in Manifest
	// V3 only) that Chrome deprecated in 120 (BCD's note) and chrome-types
	// no longer declares at all, in _all.d.ts either: gone, not Manifest V2
	// only. BCD records no removal version, so the tables keep it.
	"declarativeNetRequest.MAX_NUMBER_OF_DYNAMIC_AND_SESSION_RULES": "BCD note: deprecated in Chrome 120; absent from chrome-types' _all.d.ts too",
}

// overlayFeature is a feature the sources lack, or whose data for some
// browser the overlay replaces.
type overlayFeature struct {
	name string
	// base is the BCD feature whose statements stand for browsers the
	// overlay does not list ("" for none).
	base    string
	support map[string][]Statement
}

// The pseudo-features.
const (
	// FeatureBrowserNamespace is the native, promise-based browser.*
	// namespace.
	FeatureBrowserNamespace = "namespace.browser"
	// FeatureManifestV2 is support for loading a Manifest V2 extension.
	FeatureManifestV2 = "manifest_version.2"
	// FeatureManifestV3 is support for loading a Manifest V3 extension.
	FeatureManifestV3 = "manifest_version.3"
)

var overlayFeatures = []overlayFeature{
	// The native browser namespace. Evidence: Chromium 156 has
	// typeof browser === "object" with browser !== chrome; the Chromium
	// release that shipped it is 148 (the project's browser notes). Firefox
	// has had browser.* since its first WebExtensions release (45; 48 on
	// Android, BCD's first versions of runtime), Safari since its first
	// (14; 15 on iOS). Edge and Opera are not verified to have shipped it:
	// treated as lacking it, so they get the shim.
	{
		name: FeatureBrowserNamespace,
		support: map[string][]Statement{
			"chrome":          {{Added: "148"}},
			"edge":            {},
			"opera":           {},
			"firefox":         {{Added: "45"}},
			"firefox-android": {{Added: "48"}},
			"safari":          {{Added: "14"}},
			"safari-ios":      {{Added: "15"}},
		},
	},
	// Manifest V2. Evidence: Chromium 156 does not load MV2 extensions at all;
	// Chrome's published Manifest V2 phase-out ended MV2 support with Chrome
	// 139 (138 was the last release where an enterprise policy kept MV2
	// extensions running). The other browsers: BCD's
	// manifest.manifest_version.
	{
		name: FeatureManifestV2,
		base: "manifest.manifest_version",
		support: map[string][]Statement{
			"chrome": {{Added: "4", Removed: "139"}},
		},
	},
	// Manifest V3: the first versions with the MV3-only action API (BCD
	// api.action), which is when each browser started to load MV3.
	{
		name: FeatureManifestV3,
		base: "action",
	},
}

// overlaySupport returns the overlay's statements for feature on b, if the
// overlay defines them.
func overlaySupport(feature string, b Browser) ([]Statement, bool, error) {
	tab, err := tables()
	if err != nil {
		return nil, false, err
	}
	for _, f := range overlayFeatures {
		if f.name != feature {
			continue
		}
		if st, ok := f.support[b.Name]; ok {
			return st, true, nil
		}
		if f.base != "" {
			// Only the versions count: the base feature's notes and manifest
			// restrictions are about the base, not about this feature.
			base, err := tab.feature(f.base)
			if err != nil {
				return nil, false, err
			}
			var out []Statement
			for _, st := range base.Support[b.Name] {
				out = append(out, Statement{Added: st.Added, Approx: st.Approx, Removed: st.Removed, Flags: st.Flags, Prefix: st.Prefix, AltName: st.AltName, Unknown: st.Unknown})
			}
			return out, true, nil
		}
		return nil, true, nil
	}
	return nil, false, nil
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
