package shims

// What package bundle does with the shim table, done here the same way for
// the shims' own tests: pick a target's needs, the replacements of a
// context, the handlers, the defines, and bundle with shimjs.

import (
	"slices"
	"strconv"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

// needsOf returns what t needs with background bg and webext-shim's output
// manifest version for an MV3 source.
func needsOf(tb testing.TB, t targets.Target, bg BackgroundKind) []Need {
	tb.Helper()
	needs, err := Needs(All(), t, Output{Background: bg, ManifestVersion: DefaultManifestVersion(t, 3)})
	if err != nil {
		tb.Fatal(err)
	}
	return needs
}

// replacementsIn returns the replacements of the needs that apply to code
// in ctx, those that go with a background part only with parts.
func replacementsIn(needs []Need, ctx Context, parts bool) []Replacement {
	var out []Replacement
	for _, n := range needs {
		if !slices.Contains(n.Shim.Contexts, ctx) {
			continue
		}
		for _, r := range n.Shim.Replaces {
			if !r.WithBackgroundPart || parts && n.Background {
				out = append(out, r)
			}
		}
	}
	return out
}

// handlersOf returns the handler modules of the needs' background parts.
func handlersOf(needs []Need) []string {
	var out []string
	for _, n := range needs {
		if n.Background && !slices.Contains(out, n.Shim.BackgroundPart.Handler) {
			out = append(out, n.Shim.BackgroundPart.Handler)
		}
	}
	return out
}

// exportsOf maps replacements onto shimjs exports.
func exportsOf(rs []Replacement) []shimjs.Export {
	out := make([]shimjs.Export, len(rs))
	for i, r := range rs {
		out[i] = shimjs.Export{API: r.API, Module: r.Module, Name: r.Export}
	}
	return out
}

// testDefines returns the defines of every shim for code using the
// browser.* member paths members ("" for the bare namespace), with
// WEBEXT_SHIM_BROWSER set wherever a version of the targets lacks the native
// namespace, whatever the code uses.
func testDefines(tb testing.TB, ts []targets.Target, members []string) map[string]string {
	tb.Helper()
	var uses []string
	for _, m := range members {
		if m == "" {
			uses = append(uses, "browser")
		} else {
			uses = append(uses, "browser."+m)
		}
	}
	d, err := DefinesFor(All(), ts, uses)
	if err != nil {
		tb.Fatal(err)
	}
	ns, err := needsNamespace(ts)
	if err != nil {
		tb.Fatal(err)
	}
	d["globalThis.WEBEXT_SHIM_BROWSER"] = strconv.FormatBool(ns)
	return d
}

// shimPlugin serves the shims' modules and the inject module of source.
func shimPlugin(inject string) api.Plugin {
	return shimjs.Plugin(Reader(All()), map[string]string{"inject.js": inject})
}

// renderRuntime renders a runtime script as a build does.
func renderRuntime(ts []targets.Target, rs []Replacement, first []string, define map[string]string) ([]byte, error) {
	return shimjs.BundleIIFE(shimjs.BundleOptions{
		Entry:   "runtime.js",
		Read:    Reader(All()),
		Virtual: map[string]string{"runtime.js": shimjs.RuntimeSource(first, exportsOf(rs))},
		Engines: shimjs.Engines(ts),
		Define:  define,
		Minify:  true,
	})
}
