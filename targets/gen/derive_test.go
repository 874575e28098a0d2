package main

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// parseSnippet parses a snippet wrapped in `declare namespace chrome`.
func parseSnippet(t *testing.T, body string) *dtsResult {
	t.Helper()
	res, err := parseDTS([]byte(dtsHeader + "declare namespace chrome {\n" + body + "\n}\n"))
	if err != nil {
		t.Fatalf("parseDTS: %v", err)
	}
	return res
}

func TestDeclarations(t *testing.T) {
	res := parseSnippet(t, `
  /**
   * @since Chrome 109
   * @chrome-permission offscreen
   */
  export namespace offscreen {
    export interface CreateParameters { url: string; }
    export type Reason = "AUDIO_PLAYBACK" | "DOM_PARSER";
    export enum Kind { A = "a" }
    export function createDocument(parameters: CreateParameters): Promise<void>;
    export const MAX: 5;
  }
  /**
   * @chrome-manifest devtools_page
   */
  export namespace devtools.inspectedWindow {
    export const tabId: number;
  }
  /** @chrome-permission debugger */
  namespace _debugger {
    export function attach(): Promise<void>;
  }
  export {_debugger as debugger};
  namespace hidden {
    export function f(): void;
  }
  /**
   * @since Chrome 120
   * @chrome-permission nativeMessaging
   */
  export namespace runtime {
    /** @chrome-permission nativeMessaging */
    export function connectNative(application: string): void;
  }
`)
	var declared []string
	for _, k := range sortedKeys(res.declared) {
		declared = append(declared, k)
	}
	want := "debugger debugger.attach devtools devtools.inspectedWindow devtools.inspectedWindow.tabId offscreen offscreen.CreateParameters offscreen.Kind offscreen.MAX offscreen.Reason offscreen.createDocument runtime runtime.connectNative"
	if got := strings.Join(declared, " "); got != want {
		t.Errorf("declared = %s\nwant       %s", got, want)
	}
	var namespaces []string
	for _, k := range sortedKeys(res.namespaces) {
		namespaces = append(namespaces, k)
	}
	if got, want := strings.Join(namespaces, " "), "debugger devtools devtools.inspectedWindow offscreen runtime"; got != want {
		t.Errorf("namespaces = %s, want %s", got, want)
	}
	// The member that carries the tag, the earliest by since (its own, else
	// inherited): connectNative inherits runtime's 120, a tie that the first
	// declaration wins.
	if want := map[string]string{"offscreen": "offscreen", "debugger": "debugger", "nativeMessaging": "runtime"}; !reflect.DeepEqual(res.permissions, want) {
		t.Errorf("permissions = %v, want %v", res.permissions, want)
	}
	if want := map[string]string{"devtools_page": "devtools.inspectedWindow"}; !reflect.DeepEqual(res.manifestKeys, want) {
		t.Errorf("manifestKeys = %v, want %v", res.manifestKeys, want)
	}
}

// chromeStatements is a feature with the given Chrome statements and none
// for the other browsers.
func chromeStatements(sts ...statement) feature {
	f := feature{Support: map[string][]statement{}}
	for ours := range browserKeys {
		f.Support[ours] = []statement{}
	}
	f.Support["chrome"] = sts
	return f
}

func TestMarkNotInChromeTypes(t *testing.T) {
	ct := parseSnippet(t, `
  export namespace extension {
    export function getBackgroundPage(): Window | undefined;
  }
  export namespace tabs {
    export interface Tab { active: boolean; }
    export function query(queryInfo: object): Promise<Tab[]>;
  }
  export namespace devtools.panels {
    export function create(title: string): Promise<object>;
  }
  export namespace storage {
    export const local: StorageArea;
  }
`)
	current := chromeStatements(statement{Added: "4"})
	tests := []struct {
		feature string
		f       feature
		marked  bool
	}{
		{"extension.getURL", current, true},                       // member chrome-types lacks
		{"tabs.executeScript", current, true},                     // another
		{"browserAction", current, true},                          // namespace chrome-types lacks
		{"devtools.panels.setOpenResourceHandler", current, true}, // in a dotted namespace
		{"extension.getBackgroundPage", current, false},           // declared function
		{"tabs.Tab", current, false},                              // declared interface
		{"tabs.Tab.active", current, false},                       // below a type: not compared
		{"tabs.query.queryInfo", current, false},                  // below a function: not compared
		{"storage.local", current, false},                         // declared constant
		{"storage.StorageArea.get", current, false},               // below an undeclared type: not compared
		{"browserAction.setTitle", current, false},                // below an undeclared namespace: inherits
		{"manifest.browser_action", current, false},               // manifest keys are not APIs
		{"match_patterns.scheme", current, false},
		{"extension.onRequest", chromeStatements(statement{Added: "4", Removed: "50"}), false},                   // removed
		{"menus", chromeStatements(statement{Added: "6", AltName: "contextMenus"}), false},                       // another name
		{"sidebarAction", chromeStatements(), false},                                                             // never in Chrome
		{"dns", chromeStatements(statement{Added: "preview"}), false},                                            // not released
		{"extension.flagged", chromeStatements(statement{Added: "9", Flags: true}), false},                       // behind a flag
		{"extension.unknown", chromeStatements(statement{Unknown: true}), false},                                 // BCD does not know
		{"extension.twice", chromeStatements(statement{Added: "4", Removed: "9"}, statement{Added: "20"}), true}, // back again
	}
	for _, tt := range tests {
		t.Run(tt.feature, func(t *testing.T) {
			features := map[string]feature{tt.feature: tt.f}
			got := markNotInChromeTypes(features, ct)
			if tt.marked != (len(got) == 1 && got[0] == tt.feature) || features[tt.feature].NotInChromeTypes != tt.marked {
				t.Errorf("marked %v (flag %v), want %v", got, features[tt.feature].NotInChromeTypes, tt.marked)
			}
		})
	}
}

func TestAddChromeOnly(t *testing.T) {
	ct := parseSnippet(t, `
  /**
   * @since Chrome 109
   * @chrome-permission offscreen
   */
  export namespace offscreen {
    export function createDocument(parameters: object): Promise<void>;
    /** @since Chrome 116 */
    export function hasDocument(): Promise<boolean>;
  }
  /** @chrome-permission sidePanel */
  export namespace sidePanel {
    export function open(options: object): Promise<void>;
    /** @since Chrome 141 */
    export function close(options: object): Promise<void>;
    /** @since Pending */
    export function later(): Promise<void>;
    /** @since Chrome 999 */
    export function future(): Promise<void>;
  }
  /** @chrome-permission contextMenus */
  export namespace contextMenus {
    export function remove(id: string): Promise<void>;
  }
  /** @since Chrome 90 */
  export namespace webAccessibleResources {
    export interface WebAccessibleResource { resources: string[]; }
  }
  export namespace storage {
    export const local: { get(keys?: string): Promise<object>; };
  }
  /**
   * @since Chrome 153
   * @chrome-permission publicSuffix
   */
  export namespace publicSuffix {
    export function getDomain(url: string): Promise<string>;
  }
  export namespace runtime {
    export function getContexts(filter: object): Promise<object[]>;
  }
  /**
   * @chrome-manifest sockets
   * @since Chrome 30
   */
  export namespace sockets {
    export const udp: number;
  }
`)
	features := map[string]feature{
		"sidePanel":                      chromeStatements(statement{Added: "114"}),
		"sidePanel.open":                 chromeStatements(statement{Added: "116"}),
		"menus":                          chromeStatements(statement{Added: "6", AltName: "contextMenus"}),
		"storage":                        chromeStatements(statement{Added: "5"}),
		"storage.local":                  chromeStatements(statement{Added: "5"}),
		"publicSuffix":                   chromeStatements(statement{Added: "153"}),
		"publicSuffix.getDomain":         chromeStatements(statement{Added: "153"}),
		"runtime.id":                     chromeStatements(statement{Added: "22"}), // BCD knows runtime through its members
		"manifest.permissions.sidePanel": chromeStatements(statement{Added: "114"}),
	}
	browsers := map[string]browser{
		"edge": {Releases: []release{
			{V: "18", Engine: "EdgeHTML", EngineVersion: "18"}, {V: "79", Engine: "Blink", EngineVersion: "79"},
			{V: "109", Engine: "Blink", EngineVersion: "109"}, {V: "116", Engine: "Blink", EngineVersion: "116"},
			{V: "141", Engine: "Blink", EngineVersion: "141"}}},
		"opera": {Releases: []release{
			{V: "12", Engine: "Presto", EngineVersion: "2.10"}, {V: "15", Engine: "Blink", EngineVersion: "28"},
			{V: "94", Engine: "Blink", EngineVersion: "108"}, {V: "95", Engine: "Blink", EngineVersion: "109"},
			{V: "125", Engine: "Blink", EngineVersion: "141"}}},
	}
	added := addChromeOnly(features, ct, browsers)
	wantAdded := []string{
		"manifest.permissions.contextMenus", "manifest.permissions.offscreen", "manifest.sockets", "offscreen", "offscreen.createDocument", "offscreen.hasDocument",
		"runtime.getContexts", "sidePanel.close", "sidePanel.future", "sidePanel.later", "sockets", "sockets.udp",
	}
	if !reflect.DeepEqual(added, wantAdded) {
		t.Errorf("added %q\nwant  %q", added, wantAdded)
	}
	tests := []struct {
		feature             string
		chrome, edge, opera statement
	}{
		{"offscreen", statement{Added: "109"}, statement{Added: "109"}, statement{Added: "95"}},
		{"offscreen.createDocument", statement{Added: "109"}, statement{Added: "109"}, statement{Added: "95"}}, // the namespace's since
		{"offscreen.hasDocument", statement{Added: "116"}, statement{Added: "116"}, statement{Added: "125"}},   // its own; opera's next Blink release
		{"manifest.permissions.offscreen", statement{Added: "109"}, statement{Added: "109"}, statement{Added: "95"}},
		{"sidePanel.close", statement{Added: "141"}, statement{Added: "141"}, statement{Added: "125"}},
		{"sidePanel.later", statement{Added: "preview"}, statement{Added: "preview"}, statement{Added: "preview"}},
		{"sidePanel.future", statement{Added: "999"}, statement{Added: "preview"}, statement{Added: "preview"}}, // newer than every known release
		{"runtime.getContexts", statement{Added: "1", Approx: true}, statement{Added: "79", Approx: true}, statement{Added: "15", Approx: true}},
		{"manifest.sockets", statement{Added: "30"}, statement{Added: "79"}, statement{Added: "94"}},
	}
	for _, tt := range tests {
		t.Run(tt.feature, func(t *testing.T) {
			f, ok := features[tt.feature]
			if !ok {
				t.Fatal("not added")
			}
			if f.Source != sourceChromeTypes {
				t.Errorf("source = %q", f.Source)
			}
			for b, want := range map[string]statement{"chrome": tt.chrome, "edge": tt.edge, "opera": tt.opera} {
				if got := f.Support[b]; len(got) != 1 || !reflect.DeepEqual(got[0], want) {
					t.Errorf("%s: %+v, want [%+v]", b, got, want)
				}
			}
			for _, b := range []string{"firefox", "firefox-android", "safari", "safari-ios"} {
				if got, ok := f.Support[b]; !ok || len(got) != 0 {
					t.Errorf("%s: %+v, want an empty list (never)", b, got)
				}
			}
		})
	}
	// BCD's own features are left alone.
	if features["sidePanel.open"].Source != "" || len(features["sidePanel.open"].Support["chrome"]) != 1 {
		t.Errorf("sidePanel.open changed: %+v", features["sidePanel.open"])
	}
}

// TestAddChromeDocumented: the features only Chrome's documentation records
// are added as Chromium-only of unknown start, and a feature the tables
// already have keeps its statements.
func TestAddChromeDocumented(t *testing.T) {
	kept := map[string][]statement{"chrome": {{Added: "5"}}, "firefox": {{Added: "60"}}}
	features := map[string]feature{"manifest.key": {Support: kept}}
	browsers := map[string]browser{
		"edge":  {Releases: []release{{V: "79", Engine: "Blink", EngineVersion: "79"}}},
		"opera": {Releases: []release{{V: "15", Engine: "Blink", EngineVersion: "28"}}},
	}
	added := addChromeDocumented(features, browsers)
	if len(added) != len(chromeDocumented)-1 || slices.Contains(added, "manifest.key") {
		t.Fatalf("added %q; want every documented feature but manifest.key", added)
	}
	if !reflect.DeepEqual(features["manifest.key"].Support, kept) {
		t.Errorf("manifest.key changed: %v", features["manifest.key"].Support)
	}
	fav := features["manifest.permissions.favicon"]
	if fav.Source != sourceChromeDocs {
		t.Errorf("favicon source %q, want %q", fav.Source, sourceChromeDocs)
	}
	if got := fav.Support["chrome"]; len(got) != 1 || got[0].Added != "1" || !got[0].Approx {
		t.Errorf("favicon on chrome: %v, want added 1, approximate", got)
	}
	if got := fav.Support["firefox"]; len(got) != 0 {
		t.Errorf("favicon on firefox: %v, want none", got)
	}
}
