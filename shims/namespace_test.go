package shims

// Tests of the browser namespace's Go side: which members the data says a
// range needs wrapped, the encoded table, and when the shim is needed.

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

func resolve(t *testing.T, list string) []targets.Target {
	t.Helper()
	ts, err := targets.ResolveAll(list, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func memberPaths(ms []member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Path)
	}
	return out
}

func TestNamespaceMembers(t *testing.T) {
	cases := []struct {
		name    string
		targets string
		uses    []string
		has     []string // members that must be wrapped
		hasNot  []string // members that must not be
		count   int      // the number of members, -1 for any
	}{
		{
			// Promise support for tabs.query since 88, storage since 95,
			// runtime.sendMessage since 99: all wrapped below those.
			name: "callback-only Chrome", targets: "chrome>=80", uses: allMembers,
			has:    []string{"tabs.query", "storage.local.get", "storage.local.set", "runtime.getPlatformInfo", "alarms.create", "devtools.inspectedWindow.eval"},
			hasNot: []string{"runtime.getURL", "runtime.connect", "i18n.getMessage", "storage.session.get"}, count: -1,
		},
		{
			// From 120 only what gained promises later (devtools 151+,
			// downloads.open 123, contextMenus never) and the message senders.
			name: "chrome>=120", targets: "chrome>=120", uses: allMembers,
			has: []string{"devtools.inspectedWindow.eval", "devtools.panels.create", "downloads.open", "contextMenus.update", "contextMenus.remove", "runtime.sendMessage", "tabs.sendMessage"},
			// contextMenus.create and desktopCapture.chooseDesktopMedia
			// return a value: left as they are.
			hasNot: []string{"tabs.query", "storage.local.get", "alarms.create", "runtime.getPlatformInfo", "contextMenus.create", "desktopCapture.chooseDesktopMedia"}, count: 48,
		},
		{
			// Only the versions without the native namespace count: 131-147.
			name: "the default chrome range", targets: "chrome", uses: allMembers,
			has:    []string{"devtools.inspectedWindow.eval", "runtime.sendMessage"},
			hasNot: []string{"tabs.query"}, count: -1,
		},
		// Several targets: the union of those that need it.
		{
			name: "with firefox", targets: "firefox,chrome>=120", uses: allMembers,
			has: []string{"devtools.inspectedWindow.eval", "runtime.sendMessage"}, hasNot: []string{"tabs.query"}, count: 48,
		},
		{
			name: "with edge", targets: "chrome>=120,edge", uses: allMembers,
			has: []string{"devtools.inspectedWindow.eval", "runtime.sendMessage"}, hasNot: []string{"tabs.query"}, count: -1,
		},
		{name: "native namespace everywhere", targets: "chrome>=148", uses: allMembers, count: 0},
		{name: "firefox has browser.*", targets: "firefox", uses: allMembers, count: 0},
		{name: "safari has browser.*", targets: "safari", uses: allMembers, count: 0},
		{
			// Edge is not known to have the namespace: every version counts.
			name: "edge", targets: "edge", uses: allMembers,
			has: []string{"devtools.inspectedWindow.eval", "runtime.sendMessage"}, count: -1,
		},
		{
			// Opera 100 is Chromium 114: devtools.panels.create (152) and
			// downloads.open (123) are wrapped, tabs.query (88) is not.
			name: "opera counts in Chromium versions", targets: "opera>=100", uses: allMembers,
			has: []string{"devtools.panels.create", "downloads.open"}, hasNot: []string{"tabs.query"}, count: -1,
		},
		{
			name: "only what is used", targets: "chrome>=80", uses: []string{"tabs.query", "storage.local"},
			has: []string{"tabs.query", "storage.local.get", "storage.local.set", "storage.local.remove"}, hasNot: []string{"tabs.get", "storage.sync.get", "runtime.sendMessage"}, count: -1,
		},
		{
			name: "a longer use selects its method", targets: "chrome>=80", uses: []string{"tabs.query.call", "runtime.id"},
			has: []string{"tabs.query"}, count: 1,
		},
		{
			name: "a whole namespace", targets: "chrome>=120", uses: []string{"devtools"},
			has: []string{"devtools.inspectedWindow.eval", "devtools.network.getHAR", "devtools.panels.create"}, hasNot: []string{"runtime.sendMessage"}, count: 9,
		},
		{
			// The message senders are wrapped even where chrome returns
			// promises: nobody answering must resolve undefined.
			name: "message senders", targets: "chrome>=120", uses: []string{"runtime.sendMessage", "tabs"},
			has: []string{"runtime.sendMessage", "tabs.sendMessage"}, count: 2,
		},
		{name: "nothing used", targets: "chrome>=80", uses: nil, count: 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms, err := namespaceMembers(resolve(t, c.targets), c.uses)
			if err != nil {
				t.Fatal(err)
			}
			paths := memberPaths(ms)
			for _, p := range c.has {
				if !slices.Contains(paths, p) {
					t.Errorf("%s is not wrapped", p)
				}
			}
			for _, p := range c.hasNot {
				if slices.Contains(paths, p) {
					t.Errorf("%s is wrapped", p)
				}
			}
			if c.count >= 0 && len(ms) != c.count {
				t.Errorf("%d members, want %d: %v", len(ms), c.count, paths)
			}
			if !slices.IsSorted(paths) {
				t.Errorf("not sorted: %v", paths)
			}
		})
	}
}

// TestNamespaceMemberData: the fields come from chrome-types.
func TestNamespaceMemberData(t *testing.T) {
	ms, err := namespaceMembers(resolve(t, "chrome>=80"), allMembers)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]member{}
	for _, m := range ms {
		byPath[m.Path] = m
	}
	for _, want := range []member{
		{Path: "tabs.query", MinArgs: 1, MaxArgs: 1},
		{Path: "storage.local.get", MinArgs: 0, MaxArgs: 1},
		{Path: "runtime.sendMessage", MinArgs: 1, MaxArgs: 3, Message: true},
		{Path: "tabs.sendMessage", MinArgs: 2, MaxArgs: 3, Message: true},
		{Path: "platformKeys.getKeyPair", MinArgs: 2, MaxArgs: 2, Several: true},
		{Path: "platformKeys.getKeyPairBySpki", MinArgs: 2, MaxArgs: 2, Several: true},
	} {
		if got := byPath[want.Path]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", want.Path, got, want)
		}
	}
	// A member whose first version already returns promises never is.
	m, _, err := targets.Chrome("storage.session.get")
	if err != nil || m.Since == "" || m.PromiseSince == "" {
		t.Fatalf("storage.session.get: %+v, %v", m, err)
	}
	if _, ok := byPath["storage.session.get"]; ok {
		t.Errorf("storage.session.get (since %s, promises since %s) is wrapped", m.Since, m.PromiseSince)
	}
}

func TestEncodeMembers(t *testing.T) {
	got, err := encodeMembers([]member{
		{Path: "devtools.inspectedWindow.eval", MinArgs: 1, MaxArgs: 2},
		{Path: "devtools.inspectedWindow.getResources"},
		{Path: "platformKeys.getKeyPair", MinArgs: 2, MaxArgs: 2, Several: true},
		{Path: "runtime.sendMessage", MinArgs: 1, MaxArgs: 3, Message: true},
		{Path: "storage.local.get", MaxArgs: 1},
		{Path: "storage.local.set", MinArgs: 1, MaxArgs: 1},
		{Path: "storage.sync.get", MaxArgs: 1},
		{Path: "storage.sync.set", MinArgs: 1, MaxArgs: 1},
		{Path: "tabs.query", MinArgs: 1, MaxArgs: 12},
	})
	want := `{"devtools.inspectedWindow":{"eval":[1,2],"getResources":0},"platformKeys":{"getKeyPair":[2,2,"several"]},` +
		`"runtime":{"sendMessage":[1,3,"message"]},"storage.local storage.sync":{"get":[0,1],"set":1},"tabs":{"query":[1,12]}}`
	if err != nil || got != want {
		t.Errorf("got  %s, %v\nwant %s", got, err, want)
	}
	for _, bad := range []member{{Path: "tabs.query", MinArgs: -1, MaxArgs: 1}, {Path: "query", MaxArgs: 1}, {Path: "tabs.", MaxArgs: 1}, {Path: "tabs.query all", MaxArgs: 1}, {Path: "tabs.query", MinArgs: 2, MaxArgs: 1}} {
		if _, err := encodeMembers([]member{bad}); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if got, err := encodeMembers(nil); got != "{}" || err != nil {
		t.Errorf("no members: %q, %v", got, err)
	}
}

func TestNamespaceDefines(t *testing.T) {
	cases := []struct {
		targets string
		uses    []string
		ns, ev  string
	}{
		{"chrome>=120", []string{"tabs.query", "storage.local.get"}, `{}`, "false"},
		{"chrome>=120", []string{"runtime.onMessage.addListener"}, `{}`, "true"},
		{"chrome>=120", []string{"runtime.onMessageExternal"}, `{}`, "true"},
		{"chrome>=120", []string{"runtime.sendMessage", "devtools.panels.create"}, `{"devtools.panels":{"create":3},"runtime":{"sendMessage":[1,3,"message"]}}`, "false"},
		{"chrome>=80", []string{"storage.local.get", "storage.sync.get"}, `{"storage.local storage.sync":{"get":[0,1]}}`, "false"},
		{"chrome>=80", []string{"tabs.query"}, `{"tabs":{"query":1}}`, "false"},
		{"chrome>=148", allMembers, `{}`, "false"},
		{"firefox", allMembers, `{}`, "false"},
	}
	for _, c := range cases {
		d, err := namespaceDefines(resolve(t, c.targets), c.uses)
		if err != nil {
			t.Fatal(err)
		}
		if d["globalThis.WEBEXT_SHIM_NS"] != c.ns || d["globalThis.WEBEXT_SHIM_EV"] != c.ev {
			t.Errorf("%s %q: got %v, want NS %s EV %s", c.targets, c.uses, d, c.ns, c.ev)
		}
	}
}

func TestNamespaceNeeds(t *testing.T) {
	cases := []struct {
		targets string
		want    string // the reasons, "" when not needed
	}{
		{"chrome>=120", "namespace.browser: missing in chrome 120-147"},
		{"chrome@147", "namespace.browser: missing in chrome 147"},
		{"chrome>=148", ""},
		{"edge>=120 <122", "namespace.browser: missing in edge 120-121"},
		{"opera>=120 <122", "namespace.browser: missing in opera 120-121"},
		{"firefox", ""},
		{"firefox-android", ""},
		{"safari", ""},
		{"safari-ios", ""},
	}
	for _, c := range cases {
		t.Run(c.targets, func(t *testing.T) {
			needs := needsOf(t, resolve(t, c.targets)[0], BackgroundServiceWorker)
			var got string
			for _, n := range needs {
				if n.Shim.Name == BrowserNamespace.Name {
					got = strings.Join(n.Reasons, "; ")
					if n.Background {
						t.Errorf("the namespace has no background part, but Background is set")
					}
				}
			}
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestShimReplacements: the namespace replaces the free identifier browser
// in every context; the onMessage filter of getBackgroundPage runs through it.
func TestShimReplacements(t *testing.T) {
	needs := needsOf(t, resolve(t, "chrome>=120")[0], BackgroundServiceWorker)
	// The two shims this test is about; the rename shims have their own.
	needs = slices.DeleteFunc(needs, func(n Need) bool {
		return n.Shim.Name != GetBackgroundPage.Name && n.Shim.Name != BrowserNamespace.Name
	})
	for _, ctx := range []Context{Background, Page, ContentScript} {
		rs := replacementsIn(needs, ctx, true)
		if !slices.ContainsFunc(rs, func(r Replacement) bool { return r.API == "browser" && r.Export == "namespace" }) {
			t.Errorf("%s: no replacement of browser in %v", ctx, rs)
		}
	}
	if got := shimjs.Defines(exportsOf(replacementsIn(needs, ContentScript, false))); !reflect.DeepEqual(got, map[string]string{"browser": shimjs.GlobalName + ".namespace"}) {
		t.Errorf("content script defines: %v", got)
	}
	i := slices.IndexFunc(GetBackgroundPage.Replaces, func(r Replacement) bool { return r.API == "browser.runtime.onMessage" })
	if r := GetBackgroundPage.Replaces[i]; r.Via != BrowserNamespace.Name {
		t.Errorf("browser.runtime.onMessage: %+v", r)
	}
	for module, want := range map[string]string{"namespace/browser.js": BrowserNamespace.Name, "namespace/standalone.js": BrowserNamespace.Name, "bgpage/client.js": GetBackgroundPage.Name, "bgpage/handler.js": GetBackgroundPage.Name} {
		for _, s := range All() {
			if s.Owns(module) != (s.Name == want) {
				t.Errorf("%s owns %s: %v", s.Name, module, s.Owns(module))
			}
		}
	}
}

// TestStandaloneSelection: --api selects shims and namespace members.
func TestStandaloneSelection(t *testing.T) {
	cases := []struct {
		apis     []string
		included []string
		table    string // a piece of the table the script must have (as esbuild prints it), "" for none
		absent   string // one it must not have
		err      string
	}{
		{nil, []string{"getBackgroundPage", "browserNamespace"}, "getPlatformInfo:0", "", ""},
		{[]string{"browser"}, []string{"browserNamespace"}, `"devtools.panels":{create:3`, "", ""},
		{[]string{"browser.tabs.query"}, []string{"browserNamespace"}, `{tabs:{query:1}}`, "storage", ""},
		{[]string{"browser.storage.local", "runtime.getBackgroundPage"}, []string{"getBackgroundPage", "browserNamespace"}, `"storage.local":{`, "tabs:", ""},
		{[]string{"runtime.getBackgroundPage"}, []string{"getBackgroundPage"}, "", "__mozWebExtensionPolyfillReject__", ""},
		{[]string{"browser.nothing.here"}, nil, "", "", `no shim provides "browser.nothing.here"`},
		// chrome.tabs.query is not shimmed: the namespace's members need their
		// browser. prefix.
		{[]string{"tabs.query"}, nil, "", "", `no shim provides "tabs.query"`},
	}
	ts := resolve(t, "chrome>=80")
	for _, c := range cases {
		t.Run(strings.Join(c.apis, ","), func(t *testing.T) {
			s, err := RenderStandalone(ts, StandaloneOptions{APIs: c.apis, Minify: true})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Included, c.included) {
				t.Errorf("included %v, want %v", s.Included, c.included)
			}
			code := string(s.Code)
			if c.table != "" && !strings.Contains(code, c.table) {
				t.Errorf("the script lacks %q", c.table)
			}
			if c.absent != "" && strings.Contains(code, c.absent) {
				t.Errorf("the script has %q", c.absent)
			}
		})
	}
}

// TestNamespaceMemberBounds: the members' argument bounds are the data's:
// storage.local.set takes 1.
func TestNamespaceMemberBounds(t *testing.T) {
	ms, err := namespaceMembers(resolve(t, "chrome>=80"), []string{"storage.local.set"})
	if err != nil || len(ms) != 1 || ms[0].MinArgs != 1 || ms[0].MaxArgs != 1 {
		t.Errorf("storage.local.set: %+v, %v", ms, err)
	}
}
