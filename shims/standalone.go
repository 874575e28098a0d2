package shims

import (
	"fmt"
	"slices"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/targets"
)

// StandaloneOptions select what a standalone script contains.
type StandaloneOptions struct {
	// APIs restricts the script to the shims providing these API paths
	// (such as "chrome.runtime.getBackgroundPage", or "browser" for the
	// browser namespace); empty means every shim a target needs. Paths of
	// browser.* members ("browser.tabs.query", "browser.storage") select the
	// browser namespace with only those members wrapped.
	APIs []string
	// Minify minifies the script.
	Minify bool
}

// Script is a rendered standalone script.
type Script struct {
	// Code is the JavaScript.
	Code []byte
	// Needs are, per target (in the order given), the shims it needs.
	Needs [][]Need
	// Included are the names of the shims the script contains.
	Included []string
}

// RenderStandalone renders one script that, loaded first in every context
// of an unbundled extension (the first <script> of each page, the first of
// background.scripts, importScripts'ed first in a classic service worker,
// the first of each content script list), makes the shimmed browser.* and
// chrome.* APIs behave as specified on every target. The background of each
// target is taken to be the one webext-shim's build would give a
// service-worker source, the case where the most is needed. The browser
// namespace is complete unless APIs name members. The code paths no browser
// of the targets needs are left out (BuildDefines). A script for targets
// that need nothing contains only a comment saying so.
func RenderStandalone(ts []targets.Target, opts StandaloneOptions) (Script, error) {
	if len(ts) == 0 {
		return Script{}, fmt.Errorf("no targets")
	}
	selected, uses, err := selectShims(opts.APIs)
	if err != nil {
		return Script{}, err
	}
	var s Script
	for _, t := range ts {
		needs, err := Needs(t, DefaultBackground(t, BackgroundServiceWorker))
		if err != nil {
			return Script{}, err
		}
		s.Needs = append(s.Needs, needs)
		for _, n := range needs {
			if slices.Contains(selected, n.Shim.Name) && !slices.Contains(s.Included, n.Shim.Name) {
				s.Included = append(s.Included, n.Shim.Name)
			}
		}
	}
	banner := "// webext-shim standalone shim for " + targets.Describe(ts) + ".\n"
	if len(s.Included) == 0 {
		s.Code = []byte(banner + "// These targets need no shim: this script intentionally does nothing.\n")
		return s, nil
	}
	if opts.Minify {
		banner = "// webext-shim " + targets.Describe(ts) + "\n"
	} else {
		banner += "// Load it first in every context: the first <script> of each extension page, the first of\n" +
			"// background.scripts, or importScripts() it first in a classic service worker.\n"
	}
	var parts []string
	for _, shim := range All() {
		if slices.Contains(s.Included, shim.Name) {
			parts = append(parts, shim.Standalone)
		}
	}
	if !slices.Contains(s.Included, BrowserNamespace.Name) {
		uses = nil
	}
	define, err := BuildDefines(ts, uses)
	if err != nil {
		return Script{}, err
	}
	if uses == nil {
		define["globalThis.WEBEXT_SHIM_BROWSER"] = "false"
	}
	code, err := bundleEntry(gluePath("standalone.js", nil, parts), ts, opts.Minify, define)
	if err != nil {
		return Script{}, err
	}
	s.Code = append([]byte(banner), code...)
	return s, nil
}

// selectShims maps API paths onto shim names and the browser.* member paths
// of the browser namespace; no paths select every shim and the whole
// namespace.
func selectShims(apis []string) (names, uses []string, err error) {
	if len(apis) == 0 {
		for _, s := range All() {
			names = append(names, s.Name)
		}
		return names, AllMembers, nil
	}
	add := func(name string) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, a := range apis {
		a = strings.TrimSuffix(strings.TrimSpace(a), "()")
		shim, ok := ProvidesAPI(a)
		if !ok {
			// Accept "runtime.getBackgroundPage" for both spellings.
			shim, ok = ProvidesAPI("browser." + a)
		}
		if ok {
			add(shim.Name)
			if shim.Name == BrowserNamespace.Name {
				uses = append(uses, "")
			}
			continue
		}
		member, ok := strings.CutPrefix(a, "browser.")
		known, err := chromePath(member)
		if err != nil {
			return nil, nil, err
		}
		if !ok || !known {
			return nil, nil, fmt.Errorf("no shim provides %q; shims provide: %s, and browser.* members such as browser.tabs.query", a, strings.Join(ProvidedAPIs(), ", "))
		}
		add(BrowserNamespace.Name)
		uses = append(uses, member)
	}
	return names, uses, nil
}

// chromePath reports whether p is a member chrome-types records, or a
// namespace of some.
func chromePath(p string) (bool, error) {
	if p == "" {
		return false, nil
	}
	paths, err := targets.ChromeMembers()
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(paths, func(m string) bool { return m == p || strings.HasPrefix(m, p+".") }), nil
}

// ProvidedAPIs lists every API path some shim provides.
func ProvidedAPIs() []string {
	var out []string
	for _, s := range All() {
		out = append(out, s.Provides...)
	}
	return out
}

// Engines returns esbuild's engine list for the targets: each browser at the
// oldest version of its range.
func Engines(ts []targets.Target) []api.Engine {
	var out []api.Engine
	for _, t := range ts {
		out = append(out, api.Engine{Name: engineName(t.Browser.Engine), Version: t.Min()})
	}
	return out
}

func engineName(name string) api.EngineName {
	switch name {
	case "chrome":
		return api.EngineChrome
	case "edge":
		return api.EngineEdge
	case "opera":
		return api.EngineOpera
	case "firefox":
		return api.EngineFirefox
	case "ios":
		return api.EngineIOS
	}
	return api.EngineSafari
}

// TargetDefines returns the esbuild defines of the target facts the shims
// read (globalThis.WEBEXT_SHIM_SW, _PAGE, _RT and _CB in bgpage/protocol.js,
// _BROWSER in namespace/browser.js) for the targets: "false" where no
// browser of any target range needs the code path, so that esbuild drops
// it, "true" where some does. All five come from the targets tables.
func TargetDefines(ts []targets.Target) (map[string]string, error) {
	var sw, page, rt, cb bool
	for _, t := range ts {
		// The fallback serves a background kind where the target needs it
		// with that kind of background and the kind exists on some version
		// of the range: Chromium's and Safari's service workers, Firefox's
		// background pages (private windows).
		for _, k := range []BackgroundKind{BackgroundServiceWorker, BackgroundPage} {
			needs, err := Needs(t, k)
			if err != nil {
				return nil, err
			}
			if !slices.ContainsFunc(needs, func(n Need) bool { return n.Fallback }) {
				continue
			}
			features := []string{"manifest.background.page", "manifest.background.scripts"}
			if k == BackgroundServiceWorker {
				features = []string{"manifest.background.service_worker"}
			}
			for _, f := range features {
				has, err := somewhere(f, t)
				if err != nil {
					return nil, err
				}
				if k == BackgroundServiceWorker {
					sw = sw || has
				} else {
					page = page || has
				}
			}
		}
		// Extension pages and background pages without a usable
		// extension.getBackgroundPage make the client consult the native
		// runtime.getBackgroundPage and the handler recognise the background
		// page by its path.
		s, err := targets.Lookup("extension.getBackgroundPage", t)
		if err != nil {
			return nil, err
		}
		rt = rt || !s.AvailableIn(2) || !s.AvailableIn(3) || s.Partial || s.Unknown
		// The fallback sends with rt.sendMessage (browser.runtime where the
		// browser namespace exists, else chrome.runtime): unless it returns a
		// promise on every version of the range, the callback transport stays.
		promises, err := sendMessagePromises(t)
		if err != nil {
			return nil, err
		}
		cb = cb || !promises
	}
	ns, err := needsNamespace(ts)
	if err != nil {
		return nil, err
	}
	return map[string]string{
		"globalThis.WEBEXT_SHIM_BROWSER": fmt.Sprint(ns),
		"globalThis.WEBEXT_SHIM_SW":      fmt.Sprint(sw),
		"globalThis.WEBEXT_SHIM_PAGE":    fmt.Sprint(page),
		"globalThis.WEBEXT_SHIM_RT":      fmt.Sprint(rt),
		"globalThis.WEBEXT_SHIM_CB":      fmt.Sprint(cb),
	}, nil
}

// somewhere reports whether some version of t's range has feature.
func somewhere(feature string, t targets.Target) (bool, error) {
	s, err := targets.Lookup(feature, t)
	if err != nil {
		return false, err
	}
	return s.All || len(s.Missing) < len(t.Versions), nil
}

// sendMessagePromises reports whether runtime.sendMessage returns a promise
// on every version of t's range: through browser.* where every version has
// the native browser namespace, else through chrome.*, whose promise support
// chrome-types records (for Manifest V3, the only manifest version of the
// Chromium service workers the fallback serves).
func sendMessagePromises(t targets.Target) (bool, error) {
	ns, err := targets.Lookup(targets.FeatureBrowserNamespace, t)
	if err != nil {
		return false, err
	}
	if ns.All {
		return true, nil
	}
	s, err := targets.Lookup("runtime.sendMessage", t)
	if err != nil {
		return false, err
	}
	if s.PromiseSince == "" {
		return false, nil
	}
	since, err := semver.NewVersion(s.PromiseSince)
	if err != nil {
		return false, nil
	}
	min, err := semver.NewVersion(t.Min())
	if err != nil {
		return false, nil
	}
	return !min.LessThan(since), nil
}

// bundleEntry bundles the embedded module entry into one IIFE for the
// targets' engines, with esbuild Defines define. The syntax is always
// minified, readable output too: that is what folds the defined target facts
// (globalThis.WEBEXT_SHIM_SW ?? true, ...) and drops the code paths they
// guard, which esbuild otherwise prints as `false ? ... : ...`; only a
// minified script loses its whitespace and long names.
func bundleEntry(entry string, ts []targets.Target, minify bool, define map[string]string) ([]byte, error) {
	res := api.Build(api.BuildOptions{
		Define:            define,
		EntryPoints:       []string{"webext-shim:" + entry},
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		Engines:           Engines(ts),
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		Plugins:           []api.Plugin{Plugin()},
		LogLevel:          api.LogLevelSilent,
		Outfile:           "out.js",
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, fmt.Errorf("bundling the shim %q: %s", entry, strings.Join(msgs, ""))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundling the shim %q gave %d files, want 1", entry, len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}
