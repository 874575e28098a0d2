package shims

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// GlobalName is the global object through which bundled classic scripts
// reach the shims. Classic scripts keep their meaning only when compiled one
// by one (their top-level declarations must stay globals), so the bundler
// rewrites chrome.extension.getBackgroundPage into
// __webextShim.extensionGetBackgroundPage with esbuild's define, and the
// runtime script (RenderRuntime), loaded before them, defines the object.
// The handler never resolves "__" names, so a background page cannot be
// asked for it.
const GlobalName = "__webextShim"

// Replacement is one API expression that bundled code gets replaced with a
// shim's export.
type Replacement struct {
	// API is the dotted expression replaced: "chrome.extension.getBackgroundPage".
	API string
	// Module is the embedded module exporting the replacement: "bgpage/client.js".
	Module string
	// Export is the export's name: "extensionGetBackgroundPage".
	Export string
	// WithHandler marks the replacements that apply only where the shim's
	// background handler is part of the extension: the runtime.onMessage
	// filters that hide the handler's messages from the extension's own
	// listeners.
	WithHandler bool
	// Via names the shim whose code the export also runs, where the target
	// needs it: browser.runtime.onMessage filters the browser namespace's
	// event.
	Via string
}

// Replacements returns the replacements of the needed shims that apply to
// code running in context ctx; the WithHandler ones only when handler is
// set. Content scripts get none of a shim that does not run there.
func Replacements(needs []Need, ctx Context, handler bool) []Replacement {
	var out []Replacement
	for _, n := range needs {
		if !slices.Contains(n.Shim.Contexts, ctx) {
			continue
		}
		for _, r := range n.Shim.Replaces {
			if !r.WithHandler || handler && n.Fallback {
				out = append(out, r)
			}
		}
	}
	return out
}

// Defines returns esbuild's define map that points each replacement at
// GlobalName (for classic scripts).
func Defines(rs []Replacement) map[string]string {
	m := make(map[string]string, len(rs))
	for _, r := range rs {
		m[r.API] = GlobalName + "." + r.Export
	}
	return m
}

// Handlers returns the embedded handler modules of the needed shims that
// reach the background by message passing.
func Handlers(needs []Need) []string {
	var out []string
	for _, n := range needs {
		if n.Fallback && n.Shim.Handler != "" && !slices.Contains(out, n.Shim.Handler) {
			out = append(out, n.Shim.Handler)
		}
	}
	return out
}

// InjectPath returns the path, resolved by Plugin, of a virtual module for
// esbuild's inject: it exports each replacement under its dotted API name
// (so esbuild replaces exactly those expressions in module code, and
// tree-shakes the unused ones) and first evaluates the handler modules,
// which install themselves.
func InjectPath(rs []Replacement, handlers []string) string {
	return Namespace + ":" + gluePath("inject.js", rs, handlers)
}

// RuntimeOptions say what a runtime script contains.
type RuntimeOptions struct {
	// Replacements are the shims' exports the classic scripts use.
	Replacements []Replacement
	// Handlers are the modules to evaluate first: the handler modules (in
	// the background) and the patch modules (Shim.Patch).
	Handlers []string
	// Namespace are the browser.* member paths the classic scripts use
	// ("tabs.query", "" for the bare namespace): the browser namespace wraps
	// only the members related to them (see NamespaceMembers).
	Namespace []string
	// Minify minifies the script.
	Minify bool
}

// RenderRuntime renders the runtime script of bundled classic scripts on
// targets ts: an IIFE that installs the handlers, then defines GlobalName
// with the replacements' exports. Load it before the classic scripts (the
// handlers take their baseline of the global's names when they install).
func RenderRuntime(ts []targets.Target, opts RuntimeOptions) ([]byte, error) {
	define, err := BuildDefines(ts, opts.Namespace)
	if err != nil {
		return nil, err
	}
	return bundleEntry(gluePath("runtime.js", opts.Replacements, opts.Handlers), ts, opts.Minify, define)
}

// BuildDefines returns the esbuild defines of a build that includes shim code
// for the targets ts, for code using the browser.* member paths uses: the
// target facts (TargetDefines) and the browser namespace's table
// (NamespaceDefines).
func BuildDefines(ts []targets.Target, uses []string) (map[string]string, error) {
	define, err := TargetDefines(ts)
	if err != nil {
		return nil, err
	}
	ns, err := NamespaceDefines(ts, uses)
	if err != nil {
		return nil, err
	}
	maps.Copy(define, ns)
	return define, nil
}

// gluePath encodes a virtual glue module: name ("inject.js" or
// "runtime.js") with the replaced API paths and handler modules as a query;
// for "standalone.js", handlers are the standalone parts to import.
func gluePath(name string, rs []Replacement, handlers []string) string {
	apis := make([]string, len(rs))
	for i, r := range rs {
		apis[i] = r.API
	}
	q := url.Values{}
	if name == "standalone.js" {
		q.Set("part", strings.Join(handlers, ","))
		return name + "?" + q.Encode()
	}
	if len(apis) > 0 {
		q.Set("api", strings.Join(apis, ","))
	}
	if len(handlers) > 0 {
		q.Set("handler", strings.Join(handlers, ","))
	}
	return name + "?" + q.Encode()
}

// glueSource generates the virtual glue module of gluePath. The glue is
// only import and export lists, derived from the shim table; the shims'
// code stays in the embedded .js files.
func glueSource(p string) (string, error) {
	name, query, _ := strings.Cut(p, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("glue module %q: %w", p, err)
	}
	var b strings.Builder
	b.WriteString("// Generated by webext-shim from its shim table.\n")
	if name == "standalone.js" {
		for _, m := range splitList(q.Get("part")) {
			if !slices.ContainsFunc(All(), func(s Shim) bool { return s.Standalone == m }) {
				return "", fmt.Errorf("glue module %q: %q is not a shim's standalone part", p, m)
			}
			fmt.Fprintf(&b, "import %q;\n", Namespace+":"+m)
		}
		return b.String(), nil
	}
	for _, h := range splitList(q.Get("handler")) {
		if !isHandler(h) {
			return "", fmt.Errorf("glue module %q: %q is not a shim's handler or patch", p, h)
		}
		fmt.Fprintf(&b, "import %q;\n", Namespace+":"+h)
	}
	var rs []Replacement
	for _, a := range splitList(q.Get("api")) {
		r, ok := replacementFor(a)
		if !ok {
			return "", fmt.Errorf("glue module %q: no shim replaces %q", p, a)
		}
		rs = append(rs, r)
	}
	switch name {
	case "inject.js":
		for _, r := range rs {
			fmt.Fprintf(&b, "export { %s as %q } from %q;\n", r.Export, r.API, Namespace+":"+r.Module)
		}
	case "runtime.js":
		var fields []string
		for i, r := range rs {
			fmt.Fprintf(&b, "import { %s as r%d } from %q;\n", r.Export, i, Namespace+":"+r.Module)
			field := r.Export + ": r" + fmt.Sprint(i)
			if !slices.ContainsFunc(fields, func(f string) bool { return strings.HasPrefix(f, r.Export+":") }) {
				fields = append(fields, field)
			}
		}
		if len(fields) > 0 {
			fmt.Fprintf(&b, "Object.assign(globalThis.%s ||= {}, { %s });\n", GlobalName, strings.Join(fields, ", "))
		}
	default:
		return "", fmt.Errorf("unknown glue module %q", name)
	}
	return b.String(), nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// isHandler reports whether module is a shim's handler or patch module,
// which glue modules evaluate before anything else.
func isHandler(module string) bool {
	for _, s := range All() {
		if module != "" && (s.Handler == module || s.Patch == module) {
			return true
		}
	}
	return false
}

func replacementFor(apiPath string) (Replacement, bool) {
	for _, s := range All() {
		for _, r := range s.Replaces {
			if r.API == apiPath {
				return r, true
			}
		}
	}
	return Replacement{}, false
}
