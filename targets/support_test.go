package targets

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func mustTarget(t *testing.T, query string) Target {
	t.Helper()
	q, err := ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	tgt, err := Resolve(q, "")
	if err != nil {
		t.Fatal(err)
	}
	return tgt
}

// TestLookup checks the query API on real entries of the embedded table.
func TestLookup(t *testing.T) {
	tests := []struct {
		feature, target string
		all             bool
		since           string
		mv              int
		noSW            bool
		promiseSince    string
		quirk           Quirk
		note            string // substring of one note
		missing         int    // -1: don't check
	}{
		{"runtime.getBackgroundPage", "firefox", true, "45", 0, false, "", QuirkPrivateWindowNull, "private browsing window", 0},
		{"runtime.getBackgroundPage", "chrome", true, "22", 0, true, "99", "", NoteNoServiceWorker, 0},
		{"runtime.getBackgroundPage", "safari", true, "14", 0, true, "", "", NoteNoServiceWorker, 0},
		{"runtime.getBackgroundPage", "firefox-android", true, "48", 0, false, "", QuirkPrivateWindowNull, "private", 0},
		{"browser.runtime.getBackgroundPage", "chrome", true, "22", 0, true, "99", "", "", 0},
		{"chrome.extension.getBackgroundPage()", "chrome", true, "4", 0, true, "", "", NoteNoServiceWorker, 0},
		{"extension.getBackgroundPage", "firefox", true, "45", 0, false, "", QuirkPrivateWindowNull, "returns null in private windows", 0},
		{"tabs.executeScript", "chrome>=120", true, "5", 2, false, "", "", "Manifest V2 only", 0},
		{"tabs.executeScript", "firefox", true, "45", 2, false, "", "", "Manifest V2 only", 0},
		{"action", "chrome", true, "88", 3, false, "", "", "", 0},
		{"action", "firefox>=100", false, "109", 0, false, "", "", "", 9},
		{"action", "safari", true, "15.4", 0, false, "", "", "", 0},
		{"manifest.background.service_worker", "chrome", true, "88", 3, false, "", "", "only in Manifest V3", 0},
		{"manifest.background.service_worker", "firefox", false, "", 0, false, "", "", "no extension service workers", -1},
		{"manifest.background.service_worker", "safari>=15", false, "15.4", 0, false, "", "", "", -1},
		{FeatureBrowserNamespace, "chrome>=120", false, "148", 0, false, "", "", "", 28},
		{FeatureBrowserNamespace, "chrome>=148", true, "148", 0, false, "", "", "", 0},
		{FeatureBrowserNamespace, "edge", false, "", 0, false, "", "", "", -1},
		{FeatureBrowserNamespace, "firefox", true, "45", 0, false, "", "", "", 0},
		{FeatureManifestV2, "chrome>=120", false, "4", 0, false, "", "", "", -1},
		{FeatureManifestV2, "chrome<139 >=120", true, "4", 0, false, "", "", "", 0},
		{FeatureManifestV2, "firefox", true, "48", 0, false, "", "", "", 0},
		{FeatureManifestV3, "firefox>=109", true, "109", 0, false, "", "", "", 0},
		{FeatureManifestV3, "chrome@80", false, "88", 0, false, "", "", "", 1},
		// BCD lists them, chrome-types (Chrome's Manifest V3 API) does not
		// declare them: Manifest V2 only on Chromium (issue 15).
		{"extension.getURL", "chrome", true, "4", 2, false, "", "", NoteNotInManifestV3, 0},
		{"chrome.extension.getURL", "edge", true, "14", 2, false, "", "", NoteNotInManifestV3, 0},
		{"extension.getURL", "opera", true, "15", 2, false, "", "", NoteNotInManifestV3, 0},
		{"extension.getURL", "firefox", true, "45", 0, false, "", "", "", 0},
		{"tabs.insertCSS", "chrome>=120", true, "4", 2, false, "", "", "", 0},
		{"tabs.removeCSS", "chrome>=120", true, "87", 2, false, "", "", "", 0},
		{"extension.lastError", "chrome", true, "4", 2, false, "", "", NoteNotInManifestV3, 0},
		{"pageAction.show", "chrome", true, "4", 2, false, "", "", "", 0},
		// ... except where the overlay has the evidence that they are there.
		{"types.BrowserSetting", "chrome>=120", true, "58", 0, false, "", "", "ChromeSetting", 0},
		{"action.ColorArray", "chrome", true, "88", 3, false, "", "", "", 0},
		// Only chrome-types knows them: Chromium only (issue 16).
		{"offscreen.createDocument", "chrome>=120", true, "109", 3, false, "109", "", NoteChromeTypesOnly, 0},
		{"chrome.offscreen", "edge>=120", true, "109", 3, false, "", "", NoteChromeTypesOnly, 0},
		{"offscreen.createDocument", "firefox", false, "", 0, false, "", "", NoteChromeTypesOnly, -1},
		{"offscreen.createDocument", "safari", false, "", 0, false, "", "", NoteChromeTypesOnly, -1},
		{"sidePanel.close", "chrome>=130 <=145", false, "141", 3, false, "141", "", NoteChromeTypesOnly, 11},
		{"manifest.permissions.offscreen", "chrome>=120", true, "109", 0, false, "", "", NoteChromeTypesOnly, 0},
		{"manifest.permissions.offscreen", "firefox", false, "", 0, false, "", "", NoteChromeTypesOnly, -1},
	}
	for _, tt := range tests {
		t.Run(tt.feature+"@"+tt.target, func(t *testing.T) {
			s, err := Lookup(tt.feature, mustTarget(t, tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if s.All != tt.all || s.Since != tt.since || s.ManifestVersion != tt.mv || s.NoServiceWorker != tt.noSW || s.PromiseSince != tt.promiseSince {
				t.Errorf("got all=%v since=%q mv=%d noSW=%v promiseSince=%q; want %v %q %d %v %q",
					s.All, s.Since, s.ManifestVersion, s.NoServiceWorker, s.PromiseSince, tt.all, tt.since, tt.mv, tt.noSW, tt.promiseSince)
			}
			if tt.quirk != "" && !slices.Contains(s.Quirks, tt.quirk) {
				t.Errorf("quirks = %q, want %q", s.Quirks, tt.quirk)
			}
			if tt.quirk == "" && len(s.Quirks) > 0 {
				t.Errorf("quirks = %q, want none", s.Quirks)
			}
			if tt.note != "" && !strings.Contains(strings.Join(s.Notes, "\n"), tt.note) {
				t.Errorf("notes = %q, want one containing %q", s.Notes, tt.note)
			}
			if tt.missing >= 0 && len(s.Missing) != tt.missing {
				t.Errorf("missing = %q (%d), want %d versions", s.Missing, len(s.Missing), tt.missing)
			}
		})
	}
}

func TestLookupAvailableIn(t *testing.T) {
	s, err := Lookup("tabs.executeScript", mustTarget(t, "chrome>=120"))
	if err != nil {
		t.Fatal(err)
	}
	if s.AvailableIn(3) || !s.AvailableIn(2) {
		t.Errorf("tabs.executeScript AvailableIn(3)=%v AvailableIn(2)=%v; want false, true", s.AvailableIn(3), s.AvailableIn(2))
	}
	s, _ = Lookup("scripting.executeScript", mustTarget(t, "chrome>=120"))
	if !s.AvailableIn(3) {
		t.Errorf("scripting.executeScript not available in MV3 on chrome>=120: %+v", s)
	}
}

func TestLookupUnknownFeature(t *testing.T) {
	tests := []struct {
		feature string
		want    []string
	}{
		{"runtime.getBackgroundPag", []string{"runtime.getBackgroundPage"}},
		{"getBackgroundPage", []string{"extension.getBackgroundPage", "runtime.getBackgroundPage"}},
		{"tabs.executeScrpt", []string{"tabs.executeScript"}},
		{"nothing.like.this.at.all", nil},
	}
	for _, tt := range tests {
		t.Run(tt.feature, func(t *testing.T) {
			_, err := Lookup(tt.feature, mustTarget(t, "chrome"))
			var ue *UnknownError
			if !errors.As(err, &ue) || ue.Kind != "feature" {
				t.Fatalf("Lookup(%q) error = %v, want an UnknownError", tt.feature, err)
			}
			if !slices.Equal(ue.Suggestions, tt.want) {
				t.Errorf("suggestions = %q, want %q", ue.Suggestions, tt.want)
			}
			if !strings.HasPrefix(err.Error(), `unknown feature "`+tt.feature+`"`) {
				t.Errorf("error = %q", err)
			}
		})
	}
}

func TestFeaturesIncludeOverlay(t *testing.T) {
	fs, err := Features()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"runtime.getBackgroundPage", "manifest.background.service_worker", FeatureBrowserNamespace, FeatureManifestV2} {
		if !slices.Contains(fs, want) {
			t.Errorf("Features() lacks %q", want)
		}
	}
	if !slices.IsSorted(fs) {
		t.Error("Features() is not sorted")
	}
}

func TestChromeTakesCallback(t *testing.T) {
	tests := []struct {
		path     string
		callback bool
		cbArgs   int
	}{
		{"runtime.sendMessage", true, 1},
		{"contextMenus.remove", true, 0}, // a callback without parameters
		{"runtime.getURL", false, 0},     // synchronous
		{"runtime.onMessage", false, 0},  // an event
		{"runtime", false, 0},            // a namespace
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			m, ok, err := Chrome(tt.path)
			if err != nil || !ok {
				t.Fatalf("Chrome(%q) = %v, %v", tt.path, ok, err)
			}
			if got := m.TakesCallback(); got != tt.callback {
				t.Fatalf("TakesCallback() = %v, want %v", got, tt.callback)
			}
			if tt.callback && *m.CallbackArgs != tt.cbArgs {
				t.Errorf("CallbackArgs = %d, want %d", *m.CallbackArgs, tt.cbArgs)
			}
		})
	}
}

func TestLookupInheritsManifestVersion(t *testing.T) {
	chrome := mustTarget(t, "chrome>=120")
	firefox := mustTarget(t, "firefox>=115")
	tests := []struct {
		feature string
		target  Target
		mv      int
	}{
		{"browserAction", chrome, 2},
		{"browserAction.onClicked", chrome, 2}, // BCD marks only the namespace
		{"pageAction.show", chrome, 2},
		{"action.setBadgeText", chrome, 3},
		{"tabs.query", chrome, 0},
		{"browserAction.onClicked", firefox, 2}, // Firefox too has it as action in MV3
		{"manifest.browser_action.default_popup", chrome, 2},
	}
	for _, tt := range tests {
		t.Run(tt.feature+" "+tt.target.Browser.Name, func(t *testing.T) {
			s, err := Lookup(tt.feature, tt.target)
			if err != nil {
				t.Fatal(err)
			}
			if s.ManifestVersion != tt.mv {
				t.Errorf("ManifestVersion = %d, want %d", s.ManifestVersion, tt.mv)
			}
		})
	}
}

// TestAltName: a feature every version of the range has under one other
// name says so (BCD's altName); one with no such name does not.
func TestAltName(t *testing.T) {
	cases := []struct {
		feature, target, want string
	}{
		{"menus.create", "chrome", "contextMenus.create"},
		{"menus.onShown", "chrome", ""},
		{"menus.create", "firefox", ""},
	}
	for _, c := range cases {
		t.Run(c.feature+"/"+c.target, func(t *testing.T) {
			ts, err := ResolveAll(c.target, nil)
			if err != nil {
				t.Fatal(err)
			}
			s, err := Lookup(c.feature, ts[0])
			if err != nil {
				t.Fatal(err)
			}
			if s.AltName != c.want {
				t.Errorf("AltName = %q, want %q", s.AltName, c.want)
			}
		})
	}
}

// TestLookupApproximate: BCD's "≤N" is "supported, exact start unknown":
// no version before N is missing (issue 19).
func TestLookupApproximate(t *testing.T) {
	tests := []struct {
		feature, target string
		since           string
		sinceApprox     bool
		approximate     bool
		missing         []string
	}{
		{"manifest.name", "chrome>=14 <=60", "54", true, true, nil},  // ≤54: 14-53 assumed
		{"manifest.name", "chrome>=54 <=60", "54", true, false, nil}, // nothing before 54 in the range
		{"manifest.name", "opera>=30 <=50", "41", true, true, nil},   // ≤41
		{"manifest.background.persistent", "chrome>=40 <=60", "58", true, true, nil},
		{"runtime.getBackgroundPage", "chrome>=14 <=30", "22", false, false, []string{"14", "15", "16", "17", "18", "19", "20", "21"}}, // exact: missing
		{"action", "firefox>=105 <=110", "109", false, false, []string{"105", "106", "107", "108"}},
		{"offscreen.createDocument", "chrome>=100 <=110", "109", false, false, []string{"100", "101", "102", "103", "104", "105", "106", "107", "108"}},
	}
	for _, tt := range tests {
		t.Run(tt.feature+"@"+tt.target, func(t *testing.T) {
			s, err := Lookup(tt.feature, mustTarget(t, tt.target))
			if err != nil {
				t.Fatal(err)
			}
			if s.Since != tt.since || s.SinceApprox != tt.sinceApprox || s.Approximate != tt.approximate || !slices.Equal(s.Missing, tt.missing) {
				t.Errorf("since=%q sinceApprox=%v approximate=%v missing=%q; want %q %v %v %q",
					s.Since, s.SinceApprox, s.Approximate, s.Missing, tt.since, tt.sinceApprox, tt.approximate, tt.missing)
			}
			if s.All != (len(tt.missing) == 0) {
				t.Errorf("all = %v with missing %q", s.All, s.Missing)
			}
		})
	}
}

// TestOverlayInManifestV3IsCurrent: every exception of the overlay is a
// feature the generator marked, so none outlives a data refresh unnoticed;
// and the exception takes effect.
func TestOverlayInManifestV3IsCurrent(t *testing.T) {
	tab, err := tables()
	if err != nil {
		t.Fatal(err)
	}
	chrome := mustTarget(t, "chrome")
	for name, evidence := range overlayInManifestV3 {
		t.Run(name, func(t *testing.T) {
			if evidence == "" {
				t.Error("no evidence")
			}
			f, err := tab.feature(name)
			if err != nil {
				t.Fatal(err)
			}
			if !f.NotInChromeTypes {
				t.Errorf("%s is not marked notInChromeTypes in the tables: drop the exception", name)
			}
			s, err := Lookup(name, chrome)
			if err != nil {
				t.Fatal(err)
			}
			if s.ManifestVersion == 2 || slices.Contains(s.Notes, NoteNotInManifestV3) {
				t.Errorf("Lookup(%s, chrome) = Manifest V%d, notes %q; the exception does not apply", name, s.ManifestVersion, s.Notes)
			}
		})
	}
}
