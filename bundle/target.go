package bundle

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"slices"
	"strconv"
	"sync"

	"github.com/webext-shim/webext-shim/internal/htmlscript"
	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// targetBuild builds the extension for one target.
type targetBuild struct {
	src  *source
	t    targets.Target
	opts *Options
	eo   esbuildOptions

	m      *jsonc.Value // the specialised (by Build), then converted manifest
	l      *layout
	needs  []shims.Need
	outMV  int
	bgKind shims.BackgroundKind // the output's background

	// handler is set when the background handler is part of the output.
	handler bool
	// patches are the shims' patch modules when the extension's code
	// reaches their APIs through values (valuePatches): every extension
	// page and the background evaluate them first, with the handler.
	patches []string
	// out holds every file whose output differs from the source (compiled
	// entries, rewritten pages, generated files, the manifest), by path.
	out      map[string][]byte
	compiled map[string]compiled
	included []string // names of the shims in the output
	// skip are the source files not copied: modules only the bundles need
	// (bundledOnly).
	skip  map[string]bool
	diags Diagnostics
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

// run builds the target in memory from its specialised manifest.
func (b *targetBuild) run() {
	b.out = map[string][]byte{}
	b.compiled = map[string]compiled{}
	l, ds := readLayout(b.src, b.m, b.t.Browser)
	b.add(ds)
	b.l = l
	if Diagnostics(b.diags).HasErrors() {
		return
	}
	b.outMV = b.outputManifestVersion()
	srcKind := shims.BackgroundNone
	switch l.bg.kind {
	case bgWorker:
		srcKind = shims.BackgroundServiceWorker
	case bgScripts, bgPage:
		srcKind = shims.BackgroundPage
	}
	b.bgKind = shims.DefaultBackground(b.t, srcKind)
	needs, err := shims.Needs(b.t, b.bgKind)
	if err != nil {
		b.errorf("", Pos{}, "%v", err)
		return
	}
	b.needs = needs
	if b.needsShim(shims.BrowserNamespace.Name) {
		b.eo.namespace = b.namespaceDefines
	}
	b.addImportedScripts()
	b.compileEntries()
	if Diagnostics(b.diags).HasErrors() {
		return
	}
	b.writeBackground()
	b.rewritePages()
	b.writeRuntime()
	b.convertManifest()
	b.loadRuntimeInContentScripts()
	b.report()
	b.out[ManifestFile] = b.m.Encode()
	b.included = b.shimsIncluded()
	b.skip = b.bundledOnly()
}

// outputManifestVersion is the manifest version of the output: 3 for
// Chromium, the source's for Gecko, for WebKit 3 where every version of the
// range supports it.
func (b *targetBuild) outputManifestVersion() int {
	switch b.t.Browser.Family {
	case targets.Chromium:
		return 3
	case targets.WebKit:
		if s, err := targets.Lookup(targets.FeatureManifestV3, b.t); err == nil && s.All {
			return 3
		}
		return 2
	}
	return b.l.manifestVersion
}

// addImportedScripts adds the files a classic service worker loads with
// importScripts("...") as classic background entries, transitively.
func (b *targetBuild) addImportedScripts() {
	if b.l.bg.kind != bgWorker || b.l.bg.module {
		return
	}
	queue := slices.Clone(b.l.bg.scripts)
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		code, err := b.src.read(rel)
		if err != nil {
			continue
		}
		for _, ref := range jsscan.ImportScripts(code) {
			p, ok := resolveRef("", ref.Path)
			if !ok || !b.src.has(p) {
				if !isRemote(ref.Path) {
					b.errorf(rel, Pos{Offset: ref.Offset, Line: ref.Line, Column: ref.Column}, "importScripts(%q): no such file in the extension", ref.Path)
				}
				continue
			}
			if _, seen := b.l.entries[p]; !seen {
				b.l.addEntry(p, false, shims.Background, rel, Pos{Offset: ref.Offset, Line: ref.Line, Column: ref.Column})
				queue = append(queue, p)
			}
		}
	}
}

// replacementsFor returns the replacements of the shims that apply to the
// entry, the onMessage filters only with the handler.
func (b *targetBuild) replacementsFor(e *entry, handler bool) []shims.Replacement {
	var rs []shims.Replacement
	for _, ctx := range e.contexts {
		for _, r := range shims.Replacements(b.needs, ctx, handler) {
			if !slices.Contains(rs, r) {
				rs = append(rs, r)
			}
		}
	}
	return rs
}

// handlersFor returns the shim modules a module entry must evaluate first,
// when the handler is needed: for the first module script of the
// background, the handler modules and the patches; for an extension page's
// module, the patches.
func (b *targetBuild) handlersFor(e *entry, handler bool) []string {
	switch {
	case !handler || !e.module:
		return nil
	case e.in(shims.Background):
		if len(b.l.bg.scripts) == 0 || b.l.bg.scripts[0] != e.path {
			return nil
		}
		return append(shims.Handlers(b.needs), b.patches...)
	case e.in(shims.Page):
		return b.patches
	}
	return nil
}

// valuePatches returns the patch modules of the needed fallback shims whose
// APIs some JavaScript file of the source reaches through a value
// (shims.Shim.ValueUse: const api = chrome; globalThis.browser ?? chrome),
// so that replacing the API expressions would not be enough.
func (b *targetBuild) valuePatches() []string {
	var out []string
	for _, n := range b.needs {
		if !n.Fallback || n.Shim.Patch == "" {
			continue
		}
		for _, rel := range b.src.files {
			if !isScript(rel) {
				continue
			}
			uses, err := b.src.apiUses(rel)
			if err == nil && slices.ContainsFunc(uses, func(u jsscan.APIUse) bool { return n.Shim.ValueUse(u.Namespace, u.Path) }) {
				out = append(out, n.Shim.Patch)
				break
			}
		}
	}
	return out
}

// compileEntries compiles every entry. Whether the background handler is
// needed depends on whether some page's code uses getBackgroundPage, which
// for module pages is known once their imports are: modules are compiled
// first, assuming the handler when the sources mention getBackgroundPage at
// all, and again without it in the rare case none really uses it.
func (b *targetBuild) compileEntries() {
	candidate := len(shims.Handlers(b.needs)) > 0 && b.src.mentions("getBackgroundPage")
	b.patches = nil
	if candidate {
		b.patches = b.valuePatches()
	}
	var modules, classics []*entry
	for _, rel := range b.l.order {
		e := b.l.entries[rel]
		if e.module {
			modules = append(modules, e)
		} else {
			classics = append(classics, e)
		}
	}
	b.compileAll(modules, candidate)
	b.handler = candidate && (len(b.patches) > 0 || b.pagesUseGetBackgroundPage())
	if candidate && !b.handler {
		b.compileAll(modules, false)
	}
	b.compileAll(classics, b.handler)
	for _, rel := range b.l.order {
		c := b.compiled[rel]
		b.add(c.diags)
		if c.code != nil {
			b.out[rel] = c.code
			if c.sourcemap != nil {
				b.out[rel+".map"] = c.sourcemap
			}
		}
	}
}

// compileAll compiles the entries concurrently: each classic script on
// its own, the module entries in groups that share their replacements (one
// esbuild build per group, see compileModuleGroup).
func (b *targetBuild) compileAll(es []*entry, handler bool) {
	type group struct {
		rs      []shims.Replacement
		entries []moduleEntry
	}
	var groups []*group
	byKey := map[string]*group{}
	var classics []*entry
	for _, e := range es {
		if !e.module {
			classics = append(classics, e)
			continue
		}
		rs := b.replacementsFor(e, handler)
		key := path.Ext(e.path)
		for _, r := range rs {
			key += "," + r.API
		}
		g := byKey[key]
		if g == nil {
			g = &group{rs: rs}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.entries = append(g.entries, moduleEntry{rel: e.path, handlers: b.handlersFor(e, handler)})
	}
	classicResults := make([]compiled, len(classics))
	groupResults := make([]map[string]compiled, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			groupResults[i] = compileModuleGroup(b.eo, g.entries, g.rs)
		}()
	}
	for i, e := range classics {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, err := b.src.read(e.path)
			if err != nil {
				classicResults[i] = compiled{diags: Diagnostics{{File: e.path, Severity: Error, Message: fmt.Sprintf("reading the script: %v", err)}}}
				return
			}
			rs := b.replacementsFor(e, handler)
			key := cacheKey("classic", e.path, sha256.Sum256(code), rs, b.eo.engines, b.eo.minify, b.eo.sourcemap)
			classicResults[i] = b.eo.cache.classicCompile(key, func() compiled { return compileClassic(b.eo, e.path, code, rs) })
		}()
	}
	wg.Wait()
	for i, e := range classics {
		b.compiled[e.path] = classicResults[i]
	}
	for i, g := range groups {
		for _, me := range g.entries {
			b.compiled[me.rel] = groupResults[i][me.rel]
		}
	}
}

// pagesUseGetBackgroundPage reports whether the code of some extension page
// (not the background, not a content script) calls getBackgroundPage.
func (b *targetBuild) pagesUseGetBackgroundPage() bool {
	for _, rel := range b.l.order {
		e := b.l.entries[rel]
		if !e.in(shims.Page) {
			continue
		}
		inputs := b.compiled[rel].inputs
		if !e.module {
			inputs = []string{rel}
		}
		for _, in := range inputs {
			uses, err := b.src.apiUses(in)
			if err != nil {
				continue
			}
			for _, u := range uses {
				if u.Path == "extension.getBackgroundPage" || u.Path == "runtime.getBackgroundPage" {
					return true
				}
			}
		}
	}
	return false
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
	b.render(RuntimeFile, shims.RuntimeOptions{Replacements: rs, Handlers: b.pagePatches()}, "")
}

// pagePatches returns the patch modules extension pages evaluate first: the
// patches, when the handler is in.
func (b *targetBuild) pagePatches() []string {
	if !b.handler {
		return nil
	}
	return b.patches
}

// loadsRuntime reports whether the page is an extension page whose classic
// scripts need the runtime script: one of them uses a shim, or there is one
// and pages evaluate patches.
func (b *targetBuild) loadsRuntime(p *page) bool {
	if p.ctx != shims.Page {
		return false
	}
	var files []string
	for _, s := range p.scripts {
		if !s.tag.Module {
			files = append(files, s.rel)
		}
	}
	return len(b.uses(files)) > 0 || len(files) > 0 && len(b.pagePatches()) > 0
}

// render renders a runtime script into the output, followed by tail.
func (b *targetBuild) render(name string, opts shims.RuntimeOptions, tail string) {
	if b.src.has(name) {
		b.errorf(name, Pos{}, "the source has a file named %q, the name of webext-shim's generated script; rename it", name)
		return
	}
	opts.Minify = b.opts.Minify
	opts.Namespace = b.browserUses(b.runtimeFiles(name == BackgroundFile))
	code, err := shims.RenderRuntime([]targets.Target{b.t}, opts)
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
// (which the runtime script then holds), or the background handler is in.
func (b *targetBuild) shimsIncluded() []string {
	var names []string
	for _, n := range b.needs {
		used := b.handler && n.Fallback
		for _, rel := range b.l.order {
			c := b.compiled[rel]
			for _, r := range c.uses {
				if slices.Contains(n.Shim.Replaces, r) || r.Via == n.Shim.Name {
					used = true
				}
			}
			if slices.ContainsFunc(c.shimModules, n.Shim.Owns) {
				used = true
			}
		}
		if c, ok := b.compiled[BackgroundFile]; ok && slices.ContainsFunc(c.shimModules, n.Shim.Owns) {
			used = true
		}
		if used {
			names = append(names, n.Shim.Name)
		}
	}
	return names
}

// needsShim reports whether the target needs the shim named name.
func (b *targetBuild) needsShim(name string) bool {
	return slices.ContainsFunc(b.needs, func(n shims.Need) bool { return n.Shim.Name == name })
}

// namespaceDefines returns the defines of the browser namespace's table for
// code made of the source files (esbuildOptions.namespace).
func (b *targetBuild) namespaceDefines(files []string) (map[string]string, error) {
	return shims.NamespaceDefines([]targets.Target{b.t}, b.browserUses(files))
}

// browserUses returns the browser.* member paths the source files use
// ("tabs.query"; "" for the bare namespace), without duplicates.
func (b *targetBuild) browserUses(files []string) []string {
	var out []string
	for _, rel := range files {
		uses, err := b.src.apiUses(rel)
		if err != nil {
			continue
		}
		for _, u := range uses {
			if u.Namespace == "browser" && !slices.Contains(out, u.Path) {
				out = append(out, u.Path)
			}
		}
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
