package bundle

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/internal/htmlscript"
	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/jsscan"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// Generated files: the runtime script of classic pages and content scripts,
// and the background's (the handler, and for a Chromium service worker made
// of classic scripts, the importScripts loader).
const (
	RuntimeFile    = "webext-shim-runtime.js"
	BackgroundFile = "webext-shim-background.js"
)

// bgKind is what the manifest names as the background.
type bgKind int

const (
	bgNone bgKind = iota
	bgScripts
	bgPage
	bgWorker
)

// background is the background the manifest names, as the target reads
// it (a manifest may name scripts for Firefox and a service worker for
// Chromium).
type background struct {
	kind    bgKind
	module  bool     // "type": "module"
	scripts []string // the scripts (bgScripts; bgPage: the page's local scripts; bgWorker: the worker)
	page    string   // bgPage
	persist bool     // "persistent": true given
	// listed are, for bgScripts, the scripts as the manifest lists them,
	// with those a browser that takes missing scripts lacks
	// (layout.scriptsMayBeMissing): the output lists them as the source
	// does, and that browser behaves as with the source.
	listed []string
}

// entry is one JavaScript file the extension loads.
type entry struct {
	path   string
	module bool
	// iife is set for a content script written as an ES module: it is
	// bundled, with what it imports, into one classic script (an IIFE),
	// since a browser loads content scripts as classic scripts.
	iife     bool
	contexts []shims.Context
	// file and pos are where it is first referenced, for diagnostics.
	file string
	pos  Pos
}

// page is one HTML page of the extension and its scripts.
type page struct {
	path    string
	ctx     shims.Context // shims.Page or shims.Background
	html    []byte
	scripts []pageScript
}

// pageScript is a <script src> of a page that loads a file of the extension.
type pageScript struct {
	tag htmlscript.Element
	rel string
}

// layout is what a (specialised) manifest makes the extension load.
type layout struct {
	manifestVersion int
	bg              background
	content         [][]string // the js lists of content_scripts
	pages           []*page
	entries         map[string]*entry
	order           []string // entry paths in the order first seen
	// customCSP is set when the manifest sets content_security_policy (it
	// may allow inline scripts by hash).
	customCSP bool
	// scriptsMayBeMissing is set for browsers that load an extension whose
	// background or content script lists name a file it lacks (Firefox:
	// it logs "Loading failed for the <script>" and runs the others;
	// Chromium refuses the extension: "Could not load background script",
	// "Could not load javascript ... for script"). Checked in Firefox ESR
	// 153 and Chromium 156.
	scriptsMayBeMissing bool
	// browser is the title of the browser the layout is for ("Firefox").
	browser string
}

// pageKeys are the manifest keys naming extension pages, as paths of keys.
var pageKeys = [][]string{
	{"action", "default_popup"},
	{"browser_action", "default_popup"},
	{"page_action", "default_popup"},
	{"options_ui", "page"},
	{"options_page"},
	{"sidebar_action", "default_panel"},
	{"side_panel", "default_path"},
	{"devtools_page"},
	{"chrome_url_overrides", "newtab"},
	{"chrome_url_overrides", "bookmarks"},
	{"chrome_url_overrides", "history"},
}

// readLayout reads what the specialised manifest m makes the extension
// load on browser b, with diagnostics for what is missing or malformed.
func readLayout(src *source, m *jsonc.Value, b targets.Browser) (*layout, Diagnostics) {
	l := &layout{entries: map[string]*entry{}, customCSP: m.Get("content_security_policy") != nil, scriptsMayBeMissing: b.Family == targets.Gecko, browser: b.Title}
	var diags Diagnostics
	mv := m.Get("manifest_version")
	switch {
	case mv == nil:
		diags = append(diags, Diagnostic{File: ManifestFile, Line: 1, Column: 1, Severity: Error, Message: "\"manifest_version\" is missing; want 2 or 3"})
	case mv.Kind == jsonc.Number && mv.Number == "1":
		// Chrome stopped loading Manifest V1 in 2014 (Chrome 33's "Manifest
		// Version 1 is deprecated" schedule); Firefox never loaded it.
		diags = append(diags, diagAt(ManifestFile, mv.Pos, Error, "\"manifest_version\" is 1, which no browser loads any more; move the extension to Manifest V2 or V3 (webext-shim converts V2 to V3 where a browser needs it)"))
	case mv.Kind != jsonc.Number || (mv.Number != "2" && mv.Number != "3"):
		diags = append(diags, diagAt(ManifestFile, mv.Pos, Error, "\"manifest_version\" is %s; want 2 or 3", describeValue(mv)))
	default:
		l.manifestVersion = int(mv.Number[0] - '0')
	}
	for _, key := range []string{"name", "version"} {
		switch v := m.Get(key); {
		case v == nil:
			diags = append(diags, Diagnostic{File: ManifestFile, Line: 1, Column: 1, Severity: Error, Message: fmt.Sprintf("%q is missing; browsers require it", key)})
		case v.Kind != jsonc.String || strings.TrimSpace(v.Str) == "":
			diags = append(diags, diagAt(ManifestFile, v.Pos, Error, "%q is %s; want a non-empty string", key, describeValue(v)))
		}
	}
	diags = append(diags, l.readBackground(src, m, b)...)
	if cs := m.Get("content_scripts"); cs != nil {
		if cs.Kind != jsonc.Array {
			diags = append(diags, diagAt(ManifestFile, cs.Pos, Error, "\"content_scripts\" is %s; want an array", cs.Kind))
		}
		for i, item := range cs.Items {
			diags = append(diags, l.readContentScript(src, item, fmt.Sprintf("content_scripts[%d]", i))...)
		}
	}
	diags = append(diags, checkIcons(src, m, b)...)
	diags = append(diags, checkLocales(src, m)...)
	for _, keys := range pageKeys {
		v := m.Path(keys...)
		if v == nil {
			continue
		}
		diags = append(diags, l.addPage(src, v, keyName(keys), shims.Page)...)
	}
	diags = append(diags, l.addOtherPages(src, m)...)
	return l, diags
}

// addOtherPages adds, as extension pages, the HTML files of the source that
// the manifest does not name: the extension opens them at run time
// (tabs.create, windows.create, window.open, action.setPopup, frames), and
// they reach the extension APIs as the pages it names do. Sandboxed pages
// (sandbox.pages), which have no extension APIs, are left out. What would
// be an error in a page the manifest names is a warning here: a browser
// loads the extension whatever such a page holds.
func (l *layout) addOtherPages(src *source, m *jsonc.Value) Diagnostics {
	sandboxed := map[string]bool{}
	if sb := m.Path("sandbox", "pages"); sb != nil && sb.Kind == jsonc.Array {
		for _, it := range sb.Items {
			if rel, ok := resolveRef("", it.Str); ok && it.Kind == jsonc.String {
				sandboxed[rel] = true
			}
		}
	}
	var diags Diagnostics
	for _, rel := range src.files {
		if !isPage(rel) || sandboxed[rel] || slices.ContainsFunc(l.pages, func(p *page) bool { return p.path == rel }) {
			continue
		}
		for _, d := range l.addPage(src, &jsonc.Value{Kind: jsonc.String, Str: rel}, rel, shims.Page) {
			if d.Severity == Error {
				d.Severity = Warning
			}
			diags = append(diags, d)
		}
	}
	return diags
}

// readContentScript reads one item of content_scripts: its js files are
// entries, its css files must exist.
func (l *layout) readContentScript(src *source, item *jsonc.Value, key string) Diagnostics {
	if item.Kind != jsonc.Object {
		return Diagnostics{diagAt(ManifestFile, item.Pos, Error, "%q is %s; want an object with \"matches\" and \"js\" or \"css\"", key, describeValue(item))}
	}
	var diags Diagnostics
	switch mt := item.Get("matches"); {
	case mt == nil:
		diags = append(diags, diagAt(ManifestFile, item.Pos, Error, "%q has no \"matches\"; browsers require the match patterns of the pages it runs in", key))
	case mt.Kind != jsonc.Array:
		diags = append(diags, diagAt(ManifestFile, mt.Pos, Error, "%q is %s; want an array of match patterns", key+".matches", mt.Kind))
	}
	files := 0
	if js := item.Get("js"); js != nil {
		list, _, ds := l.fileList(src, js, key+".js", shims.ContentScript, false)
		diags = append(diags, ds...)
		for _, rel := range list {
			if e := l.entries[rel]; !e.module || e.iife {
				if code, err := src.read(rel); err == nil && jsscan.HasModuleSyntax(code) {
					e.module, e.iife = true, true
				}
			}
		}
		l.content = append(l.content, list)
		files += len(js.Items)
	}
	if css := item.Get("css"); css != nil {
		if css.Kind != jsonc.Array {
			diags = append(diags, diagAt(ManifestFile, css.Pos, Error, "%q is %s; want an array of file names", key+".css", css.Kind))
		}
		for i, it := range css.Items {
			name := fmt.Sprintf("%s.css[%d]", key, i)
			if it.Kind != jsonc.String {
				diags = append(diags, diagAt(ManifestFile, it.Pos, Error, "%q is %s; want a file name", name, it.Kind))
				continue
			}
			_, ds := l.ref(src, it, name)
			diags = append(diags, ds...)
		}
		files += len(css.Items)
	}
	if files == 0 && !Diagnostics(diags).HasErrors() {
		diags = append(diags, diagAt(ManifestFile, item.Pos, Error, "%q has no \"js\" or \"css\" files; a content script needs at least one", key))
	}
	return diags
}

// checkIcons checks that the icons the manifest names exist: Chromium
// refuses to load an extension with a missing icon ("Could not load icon"),
// the others show a default one (a warning there).
func checkIcons(src *source, m *jsonc.Value, b targets.Browser) Diagnostics {
	sev := Warning
	if b.Family == targets.Chromium {
		sev = Error
	}
	var diags Diagnostics
	check := func(v *jsonc.Value, key string) {
		switch v.Kind {
		case jsonc.String:
			if _, ds := (&layout{}).ref(src, v, key); ds != nil {
				for _, d := range ds {
					d.Severity = sev
					diags = append(diags, d)
				}
			}
		case jsonc.Object:
			for _, mem := range v.Members {
				if mem.Value.Kind == jsonc.String {
					if _, ds := (&layout{}).ref(src, mem.Value, key+"."+mem.Key); ds != nil {
						for _, d := range ds {
							d.Severity = sev
							diags = append(diags, d)
						}
					}
				}
			}
		}
	}
	if v := m.Get("icons"); v != nil && v.Kind == jsonc.Object {
		check(v, "icons")
	}
	for _, key := range []string{"action", "browser_action", "page_action"} {
		if v := m.Path(key, "default_icon"); v != nil {
			check(v, key+".default_icon")
		}
	}
	return diags
}

// checkLocales checks default_locale against _locales, as browsers do
// (Chrome's documentation: default_locale is required when there is a
// _locales directory and must be absent when there is none), and that every
// __MSG_name__ of the manifest is a message of the default locale.
func checkLocales(src *source, m *jsonc.Value) Diagnostics {
	var locales []string
	for _, f := range src.files {
		if rest, ok := strings.CutPrefix(f, "_locales/"); ok {
			if loc, _, ok := strings.Cut(rest, "/"); ok && !slices.Contains(locales, loc) {
				locales = append(locales, loc)
			}
		}
	}
	dl := m.Get("default_locale")
	var messages map[string]bool // lowercased names; nil when unknown
	var diags Diagnostics
	switch {
	case dl == nil && len(locales) > 0:
		example := locales[0]
		if slices.Contains(locales, "en") {
			example = "en"
		}
		diags = append(diags, Diagnostic{File: ManifestFile, Line: 1, Column: 1, Severity: Error, Message: fmt.Sprintf("the source has a _locales directory, so the manifest needs \"default_locale\" (for example \"default_locale\": %q)", example)})
	case dl == nil:
	case dl.Kind != jsonc.String || dl.Str == "" || strings.ContainsAny(dl.Str, "/\\") || dl.Str == "." || dl.Str == "..":
		diags = append(diags, diagAt(ManifestFile, dl.Pos, Error, "\"default_locale\" is %s; want the name of a directory of _locales, such as \"en\"", describeValue(dl)))
	default:
		rel := "_locales/" + dl.Str + "/messages.json"
		if !src.has(rel) {
			diags = append(diags, diagAt(ManifestFile, dl.Pos, Error, "\"default_locale\" is %q, but the source has no %s", dl.Str, rel))
			break
		}
		data, err := src.read(rel)
		if err != nil {
			diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: fmt.Sprintf("cannot read the messages: %v", pathErrorCause(err))})
			break
		}
		v, dups, err := jsonc.ParseLastWins(data)
		for _, d := range dups {
			diags = append(diags, diagAt(rel, d.Pos, Warning, "%s: browsers take its last value", d.Msg))
		}
		var se *jsonc.SyntaxError
		switch {
		case errors.As(err, &se):
			diags = append(diags, diagAt(rel, se.Pos, Error, "%s", se.Msg))
		case err != nil:
			diags = append(diags, Diagnostic{File: rel, Severity: Error, Message: err.Error()})
		case v.Kind != jsonc.Object:
			diags = append(diags, diagAt(rel, v.Pos, Error, "the messages are %s; want an object", v.Kind))
		default:
			messages = map[string]bool{}
			for _, mem := range v.Members {
				messages[strings.ToLower(mem.Key)] = true
			}
		}
	}
	var walk func(v *jsonc.Value, key string)
	walk = func(v *jsonc.Value, key string) {
		switch v.Kind {
		case jsonc.String:
			for _, name := range messageNames(v.Str) {
				switch {
				case strings.HasPrefix(name, "@@"):
					// Predefined: @@extension_id, @@ui_locale, ...
				case dl == nil:
					diags = append(diags, diagAt(ManifestFile, v.Pos, Error, "%q uses the message %q, but the manifest has no \"default_locale\"", key, name))
				case messages != nil && !messages[strings.ToLower(name)]:
					diags = append(diags, diagAt(ManifestFile, v.Pos, Error, "%q uses the message %q, which _locales/%s/messages.json does not define", key, name, dl.Str))
				}
			}
		case jsonc.Array:
			for i, it := range v.Items {
				walk(it, fmt.Sprintf("%s[%d]", key, i))
			}
		case jsonc.Object:
			for _, mem := range v.Members {
				k := mem.Key
				if key != "" {
					k = key + "." + k
				}
				walk(mem.Value, k)
			}
		}
	}
	walk(m, "")
	return diags
}

// messageNames returns the names of the __MSG_name__ references in s.
func messageNames(s string) []string {
	var names []string
	for {
		i := strings.Index(s, "__MSG_")
		if i < 0 {
			return names
		}
		s = s[i+len("__MSG_"):]
		j := strings.Index(s, "__")
		if j <= 0 {
			return names
		}
		name := s[:j]
		if strings.Trim(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@") == "" {
			names = append(names, name)
			s = s[j+2:]
		}
	}
}

func keyName(keys []string) string {
	s := keys[0]
	for _, k := range keys[1:] {
		s += "." + k
	}
	return s
}

// readBackground reads manifest.background. When it names both scripts (or
// a page) and a service worker, as manifests for Firefox and Chrome at once
// do, Chromium takes the worker, the others the scripts.
func (l *layout) readBackground(src *source, m *jsonc.Value, b targets.Browser) Diagnostics {
	bgv := m.Get("background")
	if bgv == nil {
		return nil
	}
	if bgv.Kind != jsonc.Object {
		return Diagnostics{diagAt(ManifestFile, bgv.Pos, Error, "\"background\" is %s; want an object", bgv.Kind)}
	}
	var diags Diagnostics
	if t := bgv.Get("type"); t != nil {
		if t.Kind != jsonc.String || (t.Str != "module" && t.Str != "classic") {
			diags = append(diags, diagAt(ManifestFile, t.Pos, Error, "\"background.type\" is %s; want \"module\" or \"classic\"", describeValue(t)))
		}
		l.bg.module = t.Kind == jsonc.String && t.Str == "module"
	}
	if p := bgv.Get("persistent"); p != nil && p.Kind == jsonc.Bool {
		l.bg.persist = p.Bool
	}
	sw, scripts, pg := bgv.Get("service_worker"), bgv.Get("scripts"), bgv.Get("page")
	if scripts != nil && pg != nil {
		diags = append(diags, diagAt(ManifestFile, pg.Pos, Error, "\"background\" names both \"scripts\" and \"page\"; keep one"))
	}
	useWorker := sw != nil && (scripts == nil && pg == nil || b.Family == targets.Chromium)
	switch {
	case useWorker:
		if sw.Kind != jsonc.String {
			return append(diags, diagAt(ManifestFile, sw.Pos, Error, "\"background.service_worker\" is %s; want a string", sw.Kind))
		}
		rel, ds := l.ref(src, sw, "background.service_worker")
		if r, ok := resolveRef("", sw.Str); ds != nil && ok && l.mayBeMissing(src, r) {
			// Firefox's background scripts, which the worker becomes
			// there, may name a missing file (fileList).
			l.bg.kind, l.bg.listed = bgScripts, []string{r}
			return append(diags, l.missingWarnings(ds)...)
		}
		if ds != nil {
			return append(diags, ds...)
		}
		l.bg.kind = bgWorker
		l.bg.scripts = []string{rel}
		l.addEntry(rel, l.bg.module, shims.Background, ManifestFile, sw.Pos)
	case scripts != nil:
		if scripts.Kind == jsonc.Array && len(scripts.Items) == 0 {
			return append(diags, diagAt(ManifestFile, scripts.Pos, Error, "\"background.scripts\" is empty; list the background scripts, or remove \"background\""))
		}
		list, listed, ds := l.fileList(src, scripts, "background.scripts", shims.Background, l.bg.module)
		diags = append(diags, ds...)
		l.bg.kind = bgScripts
		l.bg.scripts, l.bg.listed = list, listed
	case pg != nil:
		diags = append(diags, l.addPage(src, pg, "background.page", shims.Background)...)
		if len(l.pages) > 0 && l.pages[len(l.pages)-1].ctx == shims.Background {
			p := l.pages[len(l.pages)-1]
			l.bg.kind, l.bg.page = bgPage, p.path
			for _, s := range p.scripts {
				l.bg.scripts = append(l.bg.scripts, s.rel)
				if s.tag.Module {
					l.bg.module = true
				}
			}
		}
	}
	return diags
}

// fileList reads an array of file references (background.scripts,
// content_scripts[i].js), adding each as an entry. The list has the files
// of the source; listed has them with the missing ones the browser loads
// the extension without (mayBeMissing), in the manifest's order.
func (l *layout) fileList(src *source, v *jsonc.Value, key string, ctx shims.Context, module bool) (list, listed []string, diags Diagnostics) {
	if v.Kind != jsonc.Array {
		return nil, nil, Diagnostics{diagAt(ManifestFile, v.Pos, Error, "%q is %s; want an array of file names", key, v.Kind)}
	}
	for i, it := range v.Items {
		name := fmt.Sprintf("%s[%d]", key, i)
		if it.Kind != jsonc.String {
			diags = append(diags, diagAt(ManifestFile, it.Pos, Error, "%q is %s; want a file name", name, it.Kind))
			continue
		}
		rel, ds := l.ref(src, it, name)
		if r, ok := resolveRef("", it.Str); ds != nil && ok && l.mayBeMissing(src, r) {
			// The browser runs the list without it.
			diags = append(diags, l.missingWarnings(ds)...)
			listed = append(listed, r)
			continue
		}
		if ds != nil {
			diags = append(diags, ds...)
			continue
		}
		list, listed = append(list, rel), append(listed, rel)
		l.addEntry(rel, module, ctx, ManifestFile, it.Pos)
	}
	return list, listed, diags
}

// mayBeMissing reports whether rel, a script a list of the manifest names,
// is a file the source does not have and the browser loads the extension
// without (layout.scriptsMayBeMissing).
func (l *layout) mayBeMissing(src *source, rel string) bool {
	return l.scriptsMayBeMissing && !src.has(rel) && src.whyMissing(rel) == "does not exist"
}

// missingWarnings turns ref's diagnostics for a script the browser loads
// the extension without (mayBeMissing) into warnings that say so.
func (l *layout) missingWarnings(ds Diagnostics) Diagnostics {
	out := make(Diagnostics, len(ds))
	for i, d := range ds {
		d.Severity = Warning
		d.Message += fmt.Sprintf("; %s loads the extension anyway, without that file, and logs that it failed to load", l.browser)
		out[i] = d
	}
	return out
}

// ref resolves a manifest string naming a file of the extension.
func (l *layout) ref(src *source, v *jsonc.Value, key string) (string, Diagnostics) {
	rel, ok := resolveRef("", v.Str)
	if !ok {
		return "", Diagnostics{diagAt(ManifestFile, v.Pos, Error, "%s", badRef(key, v.Str))}
	}
	if !src.has(rel) {
		why := src.whyMissing(rel)
		if strings.HasPrefix(v.Str, "/") && why == "does not exist" {
			why += " (a leading \"/\" means the extension's root)"
		}
		return "", Diagnostics{diagAt(ManifestFile, v.Pos, Error, "%q names %q, which %s", key, v.Str, why)}
	}
	return rel, nil
}

// badRef says why the reference ref, which resolveRef refused, is not a
// file of the extension.
func badRef(key, ref string) string {
	switch {
	case strings.TrimSpace(ref) == "":
		return fmt.Sprintf("%q is empty; want a file name", key)
	case isRemote(ref):
		return fmt.Sprintf("%q names %q, a remote URL; an extension loads only its own files", key, ref)
	case strings.Contains(ref, ":"):
		return fmt.Sprintf("%q names %q, which is not a path inside the extension", key, ref)
	}
	return fmt.Sprintf("%q names %q, which is outside the extension: paths are relative to its root and may not leave it", key, ref)
}

// addPage adds the HTML page that v names and the local scripts it loads.
func (l *layout) addPage(src *source, v *jsonc.Value, key string, ctx shims.Context) Diagnostics {
	if v.Kind != jsonc.String {
		return Diagnostics{diagAt(ManifestFile, v.Pos, Error, "%q is %s; want a file name", key, v.Kind)}
	}
	rel, diags := l.ref(src, v, key)
	if diags != nil {
		return diags
	}
	if slices.ContainsFunc(l.pages, func(p *page) bool { return p.path == rel }) {
		return nil
	}
	html, err := src.read(rel)
	if err != nil {
		return Diagnostics{{File: rel, Severity: Error, Message: fmt.Sprintf("reading the page: %v", err)}}
	}
	p := &page{path: rel, ctx: ctx, html: html}
	for _, tag := range htmlscript.Find(html) {
		if !tag.HasSrc && tag.IsJavaScript() && strings.TrimSpace(htmlscript.InlineCode(html, tag)) != "" && !l.customCSP {
			diags = append(diags, diagAt(rel, tag.Pos, Warning, "inline scripts do not run in extension pages (the default Content Security Policy blocks them); move the code into a file"))
		}
		if !tag.HasSrc || !tag.IsJavaScript() {
			continue
		}
		srel, ok := resolveRef(path.Dir(rel), decodeURLPath(tag.Src))
		if !ok {
			switch scheme, _, _ := strings.Cut(tag.Src, ":"); {
			case isRemote(tag.Src):
				diags = append(diags, diagAt(rel, tag.Pos, Warning, "the page loads the remote script %q; extensions may not load remote code", tag.Src))
			case strings.TrimSpace(tag.Src) == "":
				diags = append(diags, diagAt(rel, tag.Pos, Warning, "the script's src is empty; it loads nothing"))
			case strings.Contains(tag.Src, ":") && !strings.ContainsAny(scheme, "/\\"):
				diags = append(diags, diagAt(rel, tag.Pos, Warning, "the page loads the script %q, a %s: URL, which the Content Security Policy of extension pages blocks; move the code into a file", tag.Src, strings.ToLower(scheme)))
			default:
				diags = append(diags, diagAt(rel, tag.Pos, Error, "the script %q is outside the extension: a page loads only the extension's own files", tag.Src))
			}
			continue
		}
		if !src.has(srel) {
			// The browsers load the extension, and the page without the
			// script (an error in its console): a warning, not a refusal.
			diags = append(diags, diagAt(rel, tag.Pos, Warning, "the script %q %s; the page runs without it", tag.Src, src.whyMissing(srel)))
			continue
		}
		p.scripts = append(p.scripts, pageScript{tag: tag, rel: srel})
		l.addEntry(srel, tag.Module, ctx, rel, tag.Pos)
	}
	for _, link := range htmlscript.Stylesheets(html) {
		if srel, ok := resolveRef(path.Dir(rel), decodeURLPath(link.Href)); ok && !src.has(srel) {
			// Chromium logs the failed load as an error of the page
			// (net::ERR_FILE_NOT_FOUND); Firefox says nothing.
			diags = append(diags, diagAt(rel, link.Pos, Warning, "the stylesheet %q %s", link.Href, src.whyMissing(srel)))
		}
	}
	l.pages = append(l.pages, p)
	return diags
}

// addEntry records that the extension loads file rel in context ctx.
func (l *layout) addEntry(rel string, module bool, ctx shims.Context, file string, pos Pos) {
	e, ok := l.entries[rel]
	if !ok {
		e = &entry{path: rel, module: module, file: file, pos: pos}
		l.entries[rel] = e
		l.order = append(l.order, rel)
	}
	e.module = e.module || module
	if !slices.Contains(e.contexts, ctx) {
		e.contexts = append(e.contexts, ctx)
	}
}

// in reports whether the entry runs in context ctx.
func (e *entry) in(ctx shims.Context) bool { return slices.Contains(e.contexts, ctx) }

func describeValue(v *jsonc.Value) string {
	switch v.Kind {
	case jsonc.String:
		return fmt.Sprintf("%q", v.Str)
	case jsonc.Number:
		return v.Number
	}
	return v.Kind.String()
}
