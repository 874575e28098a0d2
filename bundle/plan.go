package bundle

import (
	"encoding/json"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// plan is what the build for one target does, decided before anything is
// compiled, from the source layout, the target and the source's API uses:
// the entries and their contexts, the shims the target needs and what of
// them each entry gets, the background parts, and the manifest edits. It is
// made once (newPlan) and never changed: compilation (compileEntries) and
// output (emit) read it.
type plan struct {
	t targets.Target
	// shims are the shims the build may apply (Options.Shims).
	shims []shims.Shim
	// l is what the manifest makes the extension load on the target, with
	// the scripts a classic service worker imports.
	l *layout
	// outMV and bgKind are the output's manifest version and background.
	outMV  int
	bgKind shims.BackgroundKind
	// needs are the shims the target needs.
	needs []shims.Need
	// withParts is set when the needed shims' background parts are in the
	// output: some extension page uses an API they serve (UsedBy), or some
	// script reaches their APIs through values (patches).
	withParts bool
	// handlers are the background parts' handler modules the background
	// evaluates first, with withParts.
	handlers []string
	// patches are the patch modules of the background parts whose APIs some
	// script reaches through a value (shims.Shim.ValueUse): every extension
	// page and the background evaluate them first, with withParts.
	patches []string
	// replacements are, per entry, the shims' replacements that apply to it.
	replacements map[string][]shims.Replacement
	// edits are the manifest edits of the needed shims.
	edits []shimEdit
	// used are the API member paths the source's scripts use ("tabs.query"),
	// for the replacements that apply only with another API
	// (shims.Replacement.IfUsed).
	used map[string]bool
	// graphRead is set when deciding the parts took the import graph of
	// the pages' modules (pagesUse): the plan then depends on every
	// script's imports, not only on its API uses.
	graphRead bool
}

// shimEdit is a manifest edit and the shim that implies it.
type shimEdit struct {
	shim string
	edit shims.ManifestEdit
}

// newPlan plans the build of the specialised manifest m for target t.
func newPlan(src *source, m *jsonc.Value, t targets.Target, all []shims.Shim, eo esbuildOptions) (*plan, Diagnostics) {
	l, diags := readLayout(src, m, t.Browser)
	if diags.HasErrors() {
		return nil, diags
	}
	p := &plan{t: t, shims: all, l: l}
	p.outMV = shims.DefaultManifestVersion(t, l.manifestVersion)
	diags = append(diags, p.addImportedScripts(src)...)
	srcKind := shims.BackgroundNone
	switch l.bg.kind {
	case bgWorker:
		srcKind = shims.BackgroundServiceWorker
	case bgScripts, bgPage:
		srcKind = shims.BackgroundPage
	}
	p.bgKind = shims.DefaultBackground(t, srcKind)
	if p.bgKind == shims.BackgroundServiceWorker && len(l.bg.scripts) == 0 {
		// A background page without script files: nothing to make a worker
		// of (emit says so).
		p.bgKind = shims.BackgroundNone
	}
	needs, err := shims.Needs(all, t, shims.Output{Background: p.bgKind, ManifestVersion: p.outMV})
	if err != nil {
		return nil, append(diags, Diagnostic{Severity: Error, Message: err.Error(), Target: t.Browser.Name})
	}
	p.needs = needs
	p.decideParts(src, eo)
	p.used = map[string]bool{}
	if slices.ContainsFunc(needs, func(n shims.Need) bool {
		return slices.ContainsFunc(n.Shim.Replaces, func(r shims.Replacement) bool { return r.IfUsed != "" })
	}) {
		for _, rel := range src.files {
			if !isScript(rel) {
				continue
			}
			if uses, err := src.apiUses(rel); err == nil {
				for _, u := range uses {
					p.used[u.Path] = true
				}
			}
		}
	}
	p.replacements = map[string][]shims.Replacement{}
	for _, rel := range l.order {
		p.replacements[rel] = p.replacementsFor(l.entries[rel])
	}
	for _, n := range needs {
		for _, e := range n.Shim.Manifest {
			p.edits = append(p.edits, shimEdit{shim: n.Shim.Name, edit: e})
		}
	}
	return p, diags
}

// addImportedScripts adds the files a classic service worker loads with
// importScripts("...") as classic background entries, transitively.
func (p *plan) addImportedScripts(src *source) Diagnostics {
	if p.l.bg.kind != bgWorker || p.l.bg.module {
		return nil
	}
	var diags Diagnostics
	queue := slices.Clone(p.l.bg.scripts)
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		code, err := src.read(rel)
		if err != nil {
			continue
		}
		for _, ref := range jsscan.ImportScripts(code) {
			pos := Pos{Offset: ref.Offset, Line: ref.Line, Column: ref.Column}
			r, ok := resolveRef("", ref.Path)
			if !ok || !src.has(r) {
				if !isRemote(ref.Path) {
					d := diagAt(rel, pos, Error, "importScripts(%q): no such file in the extension", ref.Path)
					d.Target = p.t.Browser.Name
					diags = append(diags, d)
				}
				continue
			}
			if _, seen := p.l.entries[r]; !seen {
				p.l.addEntry(r, false, shims.Background, rel, pos)
				queue = append(queue, r)
			}
		}
	}
	return diags
}

// decideParts decides whether the needed shims' background parts are in
// the output, and which handler and patch modules are evaluated first: when
// the code of some extension page (a classic script, or any module a module
// page imports) uses an API a part serves, or some script of the source
// reaches a part's APIs through a value.
func (p *plan) decideParts(src *source, eo esbuildOptions) {
	var parts []*shims.BackgroundPart
	for _, n := range p.needs {
		if n.Background {
			parts = append(parts, n.Shim.BackgroundPart)
		}
	}
	if len(parts) == 0 || !slices.ContainsFunc(parts, func(bp *shims.BackgroundPart) bool { return mentionsAny(src, bp.UsedBy) }) {
		return
	}
	for _, n := range p.needs {
		bp := n.Shim.BackgroundPart
		if !n.Background || bp.Patch == "" {
			continue
		}
		if slices.ContainsFunc(src.files, func(rel string) bool {
			if !isScript(rel) {
				return false
			}
			uses, err := src.apiUses(rel)
			return err == nil && slices.ContainsFunc(uses, func(u jsscan.APIUse) bool { return n.Shim.ValueUse(u.Namespace, u.Path) })
		}) {
			p.patches = append(p.patches, bp.Patch)
		}
	}
	p.withParts = len(p.patches) > 0 || p.pagesUse(src, eo, parts)
	if !p.withParts {
		return
	}
	for _, bp := range parts {
		if !slices.Contains(p.handlers, bp.Handler) {
			p.handlers = append(p.handlers, bp.Handler)
		}
	}
}

// mentionsAny reports whether some file of the source mentions the last
// member of one of the API paths: a cheap test before the precise one.
func mentionsAny(src *source, paths []string) bool {
	for _, api := range paths {
		if src.mentions(api[strings.LastIndexByte(api, '.')+1:]) {
			return true
		}
	}
	return false
}

// pagesUse reports whether the code of some extension page (not the
// background, not a content script) uses an API one of the parts serves.
// A module page's code is every source file its imports reach. The pages'
// scripts themselves are looked at first, then whether any script of the
// source uses such an API at all; only then is the import graph read
// (graphRead), with a bundle of the pages' modules.
func (p *plan) pagesUse(src *source, eo esbuildOptions, parts []*shims.BackgroundPart) bool {
	var files, modules []string
	for _, rel := range p.l.order {
		e := p.l.entries[rel]
		switch {
		case !e.in(shims.Page):
		case e.module:
			modules = append(modules, rel)
		default:
			files = append(files, rel)
		}
	}
	if anyUses(src, append(slices.Clone(files), modules...), parts) {
		return true
	}
	if len(modules) == 0 || !anyUses(src, slices.DeleteFunc(slices.Clone(src.files), func(rel string) bool { return !isScript(rel) }), parts) {
		return false
	}
	p.graphRead = true
	return anyUses(src, moduleInputs(eo, modules), parts)
}

// anyUses reports whether one of the source files uses an API one of the
// parts serves.
func anyUses(src *source, files []string, parts []*shims.BackgroundPart) bool {
	for _, rel := range files {
		uses, err := src.apiUses(rel)
		if err != nil {
			continue
		}
		for _, u := range uses {
			if slices.ContainsFunc(parts, func(bp *shims.BackgroundPart) bool { return slices.Contains(bp.UsedBy, u.Path) }) {
				return true
			}
		}
	}
	return false
}

// moduleInputs returns the source files the module entries import,
// transitively, as esbuild resolves them (a bundle without output); an
// entry that fails to bundle counts as itself (compilation reports why).
func moduleInputs(eo esbuildOptions, entries []string) []string {
	if len(entries) == 0 {
		return nil
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir: eo.dir,
		EntryPoints:   entries,
		Bundle:        true,
		Write:         false,
		Format:        api.FormatESModule,
		Platform:      api.PlatformBrowser,
		Outdir:        filepath.Join(eo.dir, ".webext-shim-graph"),
		Metafile:      true,
		LogLevel:      api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return entries
	}
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return entries
	}
	var out []string
	for in := range meta.Inputs {
		if !strings.Contains(in, ":") {
			out = append(out, path.Clean(filepath.ToSlash(in)))
		}
	}
	slices.Sort(out)
	return out
}

// replacementsIn returns the replacements of the needed shims that apply to
// code running in ctx (a generated entry of that context).
func (p *plan) replacementsIn(ctx shims.Context) []shims.Replacement {
	return p.replacementsFor(&entry{contexts: []shims.Context{ctx}})
}

// replacementsFor returns the replacements of the needed shims that apply
// to the entry: those of the shims that run in one of its contexts, the
// ones that go with a background part only when the parts are in.
func (p *plan) replacementsFor(e *entry) []shims.Replacement {
	var rs []shims.Replacement
	for _, ctx := range e.contexts {
		for _, n := range p.needs {
			if !slices.Contains(n.Shim.Contexts, ctx) {
				continue
			}
			for _, r := range n.Shim.Replaces {
				if (!r.WithBackgroundPart || p.withParts && n.Background) && p.uses(r.IfUsed) && !slices.Contains(rs, r) {
					rs = append(rs, r)
				}
			}
		}
	}
	return rs
}

// uses reports whether the source's scripts use the API member path
// prefix, or a member of it; an empty prefix holds always.
func (p *plan) uses(prefix string) bool {
	if prefix == "" {
		return true
	}
	for path := range p.used {
		if path == prefix || strings.HasPrefix(path, prefix+".") {
			return true
		}
	}
	return false
}

// firstModules returns the shim modules a module entry evaluates first: for
// the first module script of the background, the handlers and the patches;
// for an extension page's module, the patches.
func (p *plan) firstModules(e *entry) []string {
	switch {
	case !p.withParts || !e.module:
		return nil
	case e.in(shims.Background):
		if len(p.l.bg.scripts) == 0 || p.l.bg.scripts[0] != e.path {
			return nil
		}
		return p.backgroundFirst()
	case e.in(shims.Page):
		return p.patches
	}
	return nil
}

// backgroundFirst returns the modules the background evaluates first: the
// handlers and the patches, with the parts.
func (p *plan) backgroundFirst() []string {
	if !p.withParts {
		return nil
	}
	return append(slices.Clone(p.handlers), p.patches...)
}

// pagePatches returns the patch modules extension pages evaluate first.
func (p *plan) pagePatches() []string {
	if !p.withParts {
		return nil
	}
	return p.patches
}
