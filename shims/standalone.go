package shims

import (
	"fmt"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/internal/shimjs"
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
// of the targets needs are left out (DefinesFor). A script for targets
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
	all := All()
	for _, t := range ts {
		out := Output{Background: DefaultBackground(t, BackgroundServiceWorker), ManifestVersion: DefaultManifestVersion(t, 3)}
		needs, err := Needs(all, t, out)
		if err != nil {
			return Script{}, err
		}
		s.Needs = append(s.Needs, needs)
		for _, n := range needs {
			if n.Shim.Standalone != "" && slices.Contains(selected, n.Shim.Name) && !slices.Contains(s.Included, n.Shim.Name) {
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
	for _, shim := range all {
		if slices.Contains(s.Included, shim.Name) {
			parts = append(parts, shim.Standalone)
		}
	}
	if !slices.Contains(s.Included, BrowserNamespace.Name) {
		uses = nil
	}
	var apiUses []string
	for _, u := range uses {
		apiUses = append(apiUses, strings.TrimSuffix("browser."+u, "."))
	}
	define, err := DefinesFor(all, ts, apiUses)
	if err != nil {
		return Script{}, err
	}
	const entry = "standalone.js"
	code, err := shimjs.BundleIIFE(shimjs.BundleOptions{
		Entry:   entry,
		Read:    Reader(all),
		Virtual: map[string]string{entry: shimjs.ImportsSource(parts)},
		Engines: shimjs.Engines(ts),
		Define:  define,
		Minify:  opts.Minify,
	})
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
		return names, allMembers, nil
	}
	add := func(name string) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, a := range apis {
		a = strings.TrimSuffix(strings.TrimSpace(a), "()")
		shim, ok := providesAPI(a)
		if !ok {
			// Accept "runtime.getBackgroundPage" for both spellings.
			shim, ok = providesAPI("browser." + a)
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
