package shims

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// BrowserNamespace is the promise-based browser namespace defined over chrome
// for Chromium targets whose range includes versions without a native one
// (js/namespace/browser.js). A native browser present at run time is used as
// it is. Only the members that some version of the range lacks promise
// support for are wrapped, from chrome-types' data (namespaceMembers).
var BrowserNamespace = Shim{
	Name:       "browserNamespace",
	Title:      "the promise-based browser namespace over chrome",
	Provides:   []string{"browser"},
	Features:   []string{targets.FeatureBrowserNamespace},
	Contexts:   []Context{Background, Page, ContentScript},
	Replaces:   []Replacement{{API: "browser", Module: "namespace/browser.js", Export: "namespace"}},
	Standalone: "namespace/standalone.js",
	Families:   []targets.Family{targets.Chromium},
	Defines:    namespaceBuildDefines,
}

// namespaceBuildDefines returns the defines js/namespace/browser.js reads
// for the targets ts and code with the API uses uses: whether some version
// lacks the native namespace (globalThis.WEBEXT_SHIM_BROWSER) and the table
// of the browser.* members used (namespaceDefines).
func namespaceBuildDefines(ts []targets.Target, uses []string) (map[string]string, error) {
	var members []string
	for _, u := range uses {
		if u == "browser" {
			members = append(members, "")
		} else if m, ok := strings.CutPrefix(u, "browser."); ok {
			members = append(members, m)
		}
	}
	d, err := namespaceDefines(ts, members)
	if err != nil {
		return nil, err
	}
	ns, err := needsNamespace(ts)
	if err != nil {
		return nil, err
	}
	d["globalThis.WEBEXT_SHIM_BROWSER"] = strconv.FormatBool(ns && members != nil)
	return d, nil
}

// member is one chrome method the browser namespace wraps on a target range.
type member struct {
	// Path is the method's dotted path below the namespace: "tabs.query".
	Path string
	// MinArgs and MaxArgs bound its argument count, the callback left out.
	MinArgs, MaxArgs int
	// Several is set when its callback has several parameters: the promise
	// then resolves an array of the callback's arguments.
	Several bool
	// Message is set for runtime.sendMessage and tabs.sendMessage, whose
	// promise resolves undefined when no listener answers and rejects with
	// a listener's rejection.
	Message bool
}

// messageMethods are the methods that send one-time messages, and
// messageEvents the events whose listeners may answer them with a promise.
var (
	messageMethods = []string{"runtime.sendMessage", "tabs.sendMessage"}
	messageEvents  = []string{"runtime.onMessage", "runtime.onMessageExternal"}
)

// returnValue are methods that take a callback and also return a value:
// turning their result into a promise would lose the value, so they stay
// chrome's, as in Firefox's browser.* (the tables do not record return types
// yet). Evidence: Chrome's API reference, contextMenus.create "Returns
// number | string: the ID of the newly created item" and
// desktopCapture.chooseDesktopMedia "Returns number: an id that can be passed
// to cancelChooseDesktopMedia()"; Firefox's contextMenus.create returns the
// id too, and mozilla/webextension-polyfill leaves create unwrapped.
var returnValue = []string{"contextMenus.create", "desktopCapture.chooseDesktopMedia"}

// allMembers is the uses list that stands for the whole namespace: the bare
// namespace (an expression such as `const api = browser`).
var allMembers = []string{""}

// namespaceMembers returns the chrome methods the browser namespace wraps on
// the targets ts, sorted by path: those whose promise support some version
// lacks among the versions of a Chromium range that lack the native
// namespace (a version that has it never runs the shim), plus the message
// senders where the namespace's messaging differs from chrome's. Only the
// members related to a path of uses are returned: a path used ("tabs.query"),
// its members ("tabs" covers tabs.query) or the member a longer use starts
// with ("tabs.query.call" covers tabs.query); allMembers selects every one.
func namespaceMembers(ts []targets.Target, uses []string) ([]member, error) {
	paths, err := targets.ChromeMembers()
	if err != nil {
		return nil, err
	}
	found := map[string]member{}
	for _, t := range ts {
		missing, err := namespaceMissing(t)
		if err != nil {
			return nil, err
		}
		if len(missing) == 0 {
			continue
		}
		messaging, err := messagingWrapped(t, missing)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			if !usedBy(p, uses) {
				continue
			}
			m, _, err := targets.Chrome(p)
			if err != nil {
				return nil, err
			}
			msg := messaging && slices.Contains(messageMethods, p)
			if m.Kind != "function" || slices.Contains(returnValue, p) || !msg && !(m.TakesCallback() && lacksPromise(m, missing)) {
				continue
			}
			// A message sender is one on any target that needs it so.
			msg = msg || found[p].Message
			found[p] = member{Path: p, MinArgs: m.MinArgs, MaxArgs: m.MaxArgs, Message: msg,
				Several: m.CallbackArgs != nil && *m.CallbackArgs > 1 && !msg}
		}
	}
	out := make([]member, 0, len(found))
	for _, m := range found {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// namespaceMissing returns the Chrome versions of t's range that lack the
// native browser namespace: t's versions for Chrome, their Chromium versions
// for Edge and Opera; none for the other families, which have it.
func namespaceMissing(t targets.Target) ([]int, error) {
	if t.Browser.Family != targets.Chromium {
		return nil, nil
	}
	s, err := targets.Lookup(targets.FeatureBrowserNamespace, t)
	if err != nil {
		return nil, err
	}
	return chromiumVersions(t, s.Missing)
}

// chromiumVersions maps versions of a Chromium browser's range onto the
// Chromium versions they are built on (chrome-types counts in those).
func chromiumVersions(t targets.Target, versions []string) ([]int, error) {
	engine := map[string]string{}
	if t.Browser.Name != "chrome" {
		rels, err := targets.Releases(t.Browser)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			engine[r.Version] = r.EngineVersion
		}
	}
	var out []int
	for _, v := range versions {
		if e := engine[v]; e != "" {
			v = e
		}
		n, err := major(v)
		if err != nil {
			return nil, fmt.Errorf("%s version %q: %w", t.Browser.Name, v, err)
		}
		out = append(out, n)
	}
	return out, nil
}

// major returns the major number of a version such as "120" or "120.0".
func major(v string) (int, error) {
	head, _, _ := strings.Cut(v, ".")
	return strconv.Atoi(head)
}

// lacksPromise reports whether one of the versions has the method m without
// its promise form. A version has it from m.Since (unknown: always) and
// returns a promise from m.PromiseSince (empty: never).
func lacksPromise(m targets.ChromeMember, versions []int) bool {
	since, promise := 0, -1
	if m.Since != "" {
		if n, err := major(m.Since); err == nil {
			since = n
		}
	}
	if m.PromiseSince != "" {
		if n, err := major(m.PromiseSince); err == nil {
			promise = n
		}
	}
	for _, v := range versions {
		if v >= since && (promise < 0 || v < promise) {
			return true
		}
	}
	return false
}

// featureListenerPromise is BCD's feature of onMessage listeners that answer
// with a promise.
const featureListenerPromise = "runtime.onMessage.return_promise"

// messagingWrapped reports whether the namespace's messaging differs from
// chrome's on some of the versions (of t's range, lacking the native
// namespace): where runtime.onMessage listeners cannot answer with a promise,
// which BCD records as runtime.onMessage.return_promise.
//
// BCD 8.1.9 records no Chrome version with it. Chrome shipped promise replies
// from onMessage listeners, polyfill-aligned messaging errors and a
// sendMessage that resolves undefined when nobody answers together with the
// native browser namespace (Chromium's "Messaging API changes" announcement
// to extension developers; mdn/browser-compat-data issue 30194 reports
// Chromium 148, confirmed there from Chrome's browser-namespace
// documentation; Chromium 156 behaves so, see the project's browser notes).
// So on every version that lacks the native namespace, which are the only
// ones that run the shim, the wrappers are needed whichever of the two the
// data follows.
func messagingWrapped(t targets.Target, missing []int) (bool, error) {
	s, err := targets.Lookup(featureListenerPromise, t)
	if unknown := (*targets.UnknownError)(nil); errors.As(err, &unknown) {
		// Tables without the feature: no version is known to have it.
		return len(missing) > 0, nil
	}
	if err != nil {
		return false, err
	}
	lacking, err := chromiumVersions(t, s.Missing)
	if err != nil {
		return false, err
	}
	for _, v := range missing {
		if slices.Contains(lacking, v) {
			return true, nil
		}
	}
	return false, nil
}

// usedBy reports whether the member path p is related to a path of uses.
func usedBy(p string, uses []string) bool {
	for _, u := range uses {
		if u == "" || u == p || strings.HasPrefix(p, u+".") || strings.HasPrefix(u, p+".") {
			return true
		}
	}
	return false
}

// encodeMembers encodes the table js/namespace/browser.js reads, as a JSON
// object: each key is a namespace, or several separated by spaces, and its
// value maps the names of the methods to wrap in each of those namespaces to
// their argument count (the callback left out): a number where the method
// takes exactly that many, else [minArgs, maxArgs]; a third element gives
// the kind, "message" for Message and "several" for Several. Namespaces with
// the same methods share a key (the settings of accessibilityFeatures,
// privacy and contentSettings, the storage areas):
//
//	{"runtime":{"sendMessage":[1,3,"message"]},"storage.local storage.sync":{"get":[0,1],"set":1}}
//
// No members give {}.
func encodeMembers(ms []member) (string, error) {
	byNamespace := map[string]map[string]any{}
	for _, m := range ms {
		if m.MinArgs < 0 || m.MinArgs > m.MaxArgs {
			return "", fmt.Errorf("%q takes %d to %d arguments", m.Path, m.MinArgs, m.MaxArgs)
		}
		dot := strings.LastIndexByte(m.Path, '.')
		if dot <= 0 || dot == len(m.Path)-1 || strings.ContainsAny(m.Path, " ") {
			return "", fmt.Errorf("%q is not a member of a namespace", m.Path)
		}
		ns, name := m.Path[:dot], m.Path[dot+1:]
		var count any = []any{m.MinArgs, m.MaxArgs}
		switch {
		case m.Message:
			count = []any{m.MinArgs, m.MaxArgs, "message"}
		case m.Several:
			count = []any{m.MinArgs, m.MaxArgs, "several"}
		case m.MinArgs == m.MaxArgs:
			count = m.MinArgs
		}
		if byNamespace[ns] == nil {
			byNamespace[ns] = map[string]any{}
		}
		byNamespace[ns][name] = count
	}
	// The namespaces with each set of methods, in order.
	type group struct {
		namespaces []string
		methods    map[string]any
	}
	var groups []*group
	byMethods := map[string]*group{}
	for _, ns := range sortedKeys(byNamespace) {
		key, err := json.Marshal(byNamespace[ns])
		if err != nil {
			return "", err
		}
		g := byMethods[string(key)]
		if g == nil {
			g = &group{methods: byNamespace[ns]}
			byMethods[string(key)] = g
			groups = append(groups, g)
		}
		g.namespaces = append(g.namespaces, ns)
	}
	table := map[string]map[string]any{}
	for _, g := range groups {
		table[strings.Join(g.namespaces, " ")] = g.methods
	}
	b, err := json.Marshal(table)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// namespaceDefines returns the esbuild defines that give
// js/namespace/browser.js its table for the targets ts, restricted to the
// browser.* member paths uses (see namespaceMembers; allMembers for the
// complete namespace): globalThis.WEBEXT_SHIM_NS, the encoded table (JSON,
// which esbuild's define takes as a value), and
// globalThis.WEBEXT_SHIM_EV, whether the onMessage wrappers are used.
func namespaceDefines(ts []targets.Target, uses []string) (map[string]string, error) {
	ms, err := namespaceMembers(ts, uses)
	if err != nil {
		return nil, err
	}
	table, err := encodeMembers(ms)
	if err != nil {
		return nil, err
	}
	ev := false
	for _, t := range ts {
		missing, err := namespaceMissing(t)
		if err != nil {
			return nil, err
		}
		if len(missing) == 0 {
			continue
		}
		w, err := messagingWrapped(t, missing)
		if err != nil {
			return nil, err
		}
		ev = ev || w && slices.ContainsFunc(messageEvents, func(e string) bool { return usedBy(e, uses) })
	}
	return map[string]string{
		"globalThis.WEBEXT_SHIM_NS": table,
		"globalThis.WEBEXT_SHIM_EV": strconv.FormatBool(ev),
	}, nil
}

// needsNamespace reports whether some version of a target's range lacks the
// native browser namespace, so that the namespace's code is kept.
func needsNamespace(ts []targets.Target) (bool, error) {
	for _, t := range ts {
		missing, err := namespaceMissing(t)
		if err != nil {
			return false, err
		}
		if len(missing) > 0 {
			return true, nil
		}
	}
	return false, nil
}
