package bundle

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/webext-shim/webext-shim/internal/htmlscript"
	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// targetBuild builds the extension for one target: plan, then compile,
// then emit (run). The plan, once made, is read-only; compilation returns
// its results; emitting fills the output fields below.
type targetBuild struct {
	*plan
	src  *source
	t    targets.Target
	opts *Options
	eo   esbuildOptions

	m *jsonc.Value // the specialised (by Build), then converted manifest

	// compiled holds the compiled entries (compileEntries' result), and
	// the generated module background where there is one.
	compiled map[string]compiled
	// out holds every file whose output differs from the source (compiled
	// entries, rewritten pages, generated files, the manifest), by path.
	out      map[string][]byte
	included []string // names of the shims in the output
	// skip are the source files not copied: modules only the bundles need
	// (bundledOnly).
	skip  map[string]bool
	diags Diagnostics
	// plansHold is set when the plans of Watch's previous build still hold
	// (planInputsSame): the target's plan is then taken over.
	plansHold bool
}

func (b *targetBuild) warnf(file string, p Pos, format string, args ...any) {
	d := diagAt(file, p, Warning, format, args...)
	d.Target = b.t.Browser.Name
	b.diags = append(b.diags, d)
}

func (b *targetBuild) errorf(file string, p Pos, format string, args ...any) {
	d := diagAt(file, p, Error, format, args...)
	d.Target = b.t.Browser.Name
	b.diags = append(b.diags, d)
}

func (b *targetBuild) add(ds Diagnostics) {
	for _, d := range ds {
		if d.Target == "" {
			d.Target = b.t.Browser.Name
		}
		b.diags = append(b.diags, d)
	}
}

// run builds the target in memory from its specialised manifest: it plans
// the build (or, under Watch, takes over the previous build's plan when its
// inputs did not change), compiles the entries, then emits the output.
func (b *targetBuild) run() {
	key := b.t.Browser.Name + " " + b.t.String()
	var p *plan
	var ds Diagnostics
	if kp := b.eo.cache.reusablePlan(key, b.plansHold); kp != nil {
		p, ds = kp.p, kp.diags
	} else {
		p, ds = newPlan(b.src, b.m, b.t, b.opts.shims(), b.eo)
		if p != nil && !ds.HasErrors() {
			b.eo.cache.keepPlan(key, &keptPlan{p: p, diags: ds})
		}
	}
	b.add(ds)
	if Diagnostics(b.diags).HasErrors() {
		return
	}
	b.plan = p
	b.eo.defines = b.definesFor
	compiled, ds := compileEntries(p, b.src, b.eo)
	b.add(ds)
	if Diagnostics(b.diags).HasErrors() {
		return
	}
	b.emit(compiled)
}

// emit writes the output in memory from the plan and the compiled entries.
func (b *targetBuild) emit(compiled map[string]compiled) {
	b.out = map[string][]byte{}
	b.compiled = compiled
	for _, rel := range b.l.order {
		if c := compiled[rel]; c.code != nil {
			b.out[rel] = c.code
			if c.sourcemap != nil {
				b.out[rel+".map"] = c.sourcemap
			}
		}
	}
	b.writeBackground()
	b.rewritePages()
	b.writeRuntime()
	b.loadRuntimeInContentScripts()
	b.included = b.shimsIncluded()
	b.applyEdits()
	b.convertManifest()
	b.report()
	b.out[ManifestFile] = b.m.Encode()
	b.skip = b.bundledOnly()
}

// uses returns the replacements the classic entries running in ctx reach
// through the runtime script.
func (b *targetBuild) uses(files []string) []shims.Replacement {
	var rs []shims.Replacement
	for _, rel := range files {
		for _, r := range b.compiled[rel].uses {
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
	}
	return rs
}

// writeRuntime writes the runtime script of pages and content scripts
// when a classic script of theirs uses a shim, or, with patches, when a
// page has a classic script.
func (b *targetBuild) writeRuntime() {
	var files []string
	for _, p := range b.l.pages {
		if p.ctx == shims.Page {
			for _, s := range p.scripts {
				files = append(files, s.rel)
			}
		}
	}
	for _, list := range b.l.content {
		files = append(files, list...)
	}
	rs := b.uses(files)
	if len(rs) == 0 && !slices.ContainsFunc(b.l.pages, b.loadsRuntime) {
		return
	}
	b.render(RuntimeFile, rs, b.pagePatches(), "")
}

// loadsRuntime reports whether the page is an extension page whose classic
// scripts need the runtime script: one of them uses a shim, or there is one
// and pages evaluate patches.
func (b *targetBuild) loadsRuntime(pg *page) bool {
	if pg.ctx != shims.Page {
		return false
	}
	var files []string
	for _, s := range pg.scripts {
		if !s.tag.Module {
			files = append(files, s.rel)
		}
	}
	return len(b.uses(files)) > 0 || len(files) > 0 && len(b.pagePatches()) > 0
}

// render renders a runtime script into the output, followed by tail: it
// evaluates the modules first, then defines shimjs.GlobalName with the
// exports of the replacements rs for the classic scripts that follow.
func (b *targetBuild) render(name string, rs []shims.Replacement, first []string, tail string) {
	if b.src.has(name) {
		b.errorf(name, Pos{}, "the source has a file named %q, the name of webext-shim's generated script; rename it", name)
		return
	}
	define, err := b.definesFor(b.runtimeFiles(name == BackgroundFile))
	if err != nil {
		b.errorf("", Pos{}, "%v", err)
		return
	}
	const entry = "runtime.js"
	bo := shimjs.BundleOptions{
		Entry:   entry,
		Read:    shims.Reader(b.shims),
		Virtual: map[string]string{entry: shimjs.RuntimeSource(first, exports(rs))},
		Engines: b.eo.engines,
		Define:  define,
		Minify:  b.opts.Minify,
	}
	code, err := shimjs.BundleIIFE(bo)
	if err != nil && strings.Contains(err.Error(), "to the configured target environment") {
		// Syntax of the shims that esbuild cannot lower for the range's
		// oldest version, whose scripts are then left as written too.
		bo.Engines = nil
		code, err = shimjs.BundleIIFE(bo)
	}
	if err != nil {
		b.errorf("", Pos{}, "%v", err)
		return
	}
	head := "// Generated by webext-shim for " + b.t.String() + ".\n"
	b.out[name] = append(append([]byte(head), code...), tail...)
}

// rewritePages inserts the runtime script before the first classic script
// of each page whose classic scripts use a shim, or, with patches, of each
// page with a classic script (the background page's runtime is inserted by
// writeBackground).
func (b *targetBuild) rewritePages() {
	for _, p := range b.l.pages {
		if b.loadsRuntime(p) {
			b.out[p.path] = insertScript(p, RuntimeFile)
		}
	}
}

// insertScript returns the page's HTML with a classic <script> of the
// generated file name before its first local classic script.
func insertScript(p *page, name string) []byte {
	at := -1
	for _, s := range p.scripts {
		if !s.tag.Module {
			at = s.tag.Start
			break
		}
	}
	if at < 0 {
		for _, t := range htmlscript.Find(p.html) {
			at = t.Start
			break
		}
	}
	tag := `<script src="/` + name + `"></script>`
	if at < 0 {
		at = htmlscript.HeadEnd(p.html)
	}
	var out bytes.Buffer
	out.Write(p.html[:at])
	out.WriteString(tag)
	if at < len(p.html) {
		out.WriteString("\n")
	}
	out.Write(p.html[at:])
	return out.Bytes()
}

// shimsIncluded lists the shims whose code is in the output: a module
// bundle holds a shim's modules, a classic script uses a shim's export
// (which the runtime script then holds), or its background part is in.
func (b *targetBuild) shimsIncluded() []string {
	var names []string
	for _, n := range b.needs {
		used := b.withParts && n.Background
		for _, c := range b.compiled {
			for _, r := range c.uses {
				if slices.Contains(n.Shim.Replaces, r) || r.Via == n.Shim.Name {
					used = true
				}
			}
			if slices.ContainsFunc(c.shimModules, n.Shim.Owns) {
				used = true
			}
		}
		if used {
			names = append(names, n.Shim.Name)
		}
	}
	return names
}

// definesFor returns the defines the shims' JavaScript reads in a bundle of
// code made of the source files (their API uses).
func (b *targetBuild) definesFor(files []string) (map[string]string, error) {
	return shims.DefinesFor(b.shims, []targets.Target{b.t}, b.apiUses(files))
}

// apiUses returns the API uses of the source files as dotted paths
// ("browser.tabs.query", "browser" for the bare namespace), without
// duplicates.
func (b *targetBuild) apiUses(files []string) []string {
	var out []string
	for _, rel := range files {
		uses, err := b.src.apiUses(rel)
		if err != nil {
			continue
		}
		for _, u := range uses {
			p := u.Namespace
			if u.Path != "" {
				p += "." + u.Path
			}
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// exports returns the shim exports of the replacements.
func exports(rs []shims.Replacement) []shimjs.Export {
	out := make([]shimjs.Export, len(rs))
	for i, r := range rs {
		out[i] = shimjs.Export{API: r.API, Module: r.Module, Name: r.Export}
	}
	return out
}

// runtimeFiles returns the classic scripts a runtime script serves: those of
// the background, or those of the pages and content scripts.
func (b *targetBuild) runtimeFiles(background bool) []string {
	var files []string
	for _, rel := range b.l.order {
		e := b.l.entries[rel]
		if !e.module && (e.in(shims.Background) == background || !background && (e.in(shims.Page) || e.in(shims.ContentScript))) {
			files = append(files, rel)
		}
	}
	return files
}

// loadRuntimeInContentScripts puts the runtime script first in each
// content_scripts[i].js list of the output manifest one of whose scripts
// uses a shim's export through it.
func (b *targetBuild) loadRuntimeInContentScripts() {
	cs := b.m.Get("content_scripts")
	if cs == nil || cs.Kind != jsonc.Array || len(b.uses(b.contentFiles())) == 0 {
		return
	}
	for _, item := range cs.Items {
		js := item.Get("js")
		if js == nil || js.Kind != jsonc.Array {
			continue
		}
		var files []string
		for _, it := range js.Items {
			if rel, ok := resolveRef("", it.Str); ok && it.Kind == jsonc.String {
				files = append(files, rel)
			}
		}
		if len(b.uses(files)) > 0 {
			js.Items = append([]*jsonc.Value{jsonc.StringValue(RuntimeFile)}, js.Items...)
		}
	}
}

// contentFiles returns the scripts of every content script list.
func (b *targetBuild) contentFiles() []string {
	var files []string
	for _, list := range b.l.content {
		files = append(files, list...)
	}
	return files
}

// versionString formats a target's version for manifests: "128.0" for
// Gecko's strict_min_version.
func versionString(v string) string {
	if _, err := strconv.Atoi(v); err == nil {
		return v + ".0"
	}
	return v
}
