package measure

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/webext-shim/webext-shim/bundle"
)

// Entry is a script an extension's manifest makes the browser load, directly
// or through one of its pages.
type Entry struct {
	// Path is slash-separated, relative to the extension's root.
	Path string
	// Module is set for an ES module: a module background or a
	// <script type="module">. Anything else is a classic script.
	Module bool
}

// pageKeys are the manifest keys naming extension pages whose scripts
// FindEntries follows.
var pageKeys = [][]string{
	{"background", "page"},
	{"action", "default_popup"},
	{"browser_action", "default_popup"},
	{"page_action", "default_popup"},
	{"options_ui", "page"},
	{"options_page"},
	{"sidebar_action", "default_panel"},
	{"side_panel", "default_path"},
	{"devtools_page"},
	{"chrome_url_overrides", "newtab"},
}

// FindEntries lists the scripts of the extension in dir, in the order its
// manifest names them: background scripts or service worker, the local
// scripts of the pages the manifest names, content scripts. It reads the
// manifest as written, without webext-shim's per-browser key prefixes, which
// the benchmarks' extensions do not use.
func FindEntries(dir string) ([]Entry, error) {
	data, err := os.ReadFile(filepath.Join(dir, bundle.ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	m, err := bundle.ParseJSONC(data)
	if err != nil {
		return nil, fmt.Errorf("reading the manifest: %w", err)
	}
	var out []Entry
	add := func(rel string, module bool) {
		for _, e := range out {
			if e.Path == rel {
				return
			}
		}
		out = append(out, Entry{Path: rel, Module: module})
	}
	bgModule := m.Path("background", "type") != nil && m.Path("background", "type").Str == "module"
	if sw := m.Path("background", "service_worker"); sw != nil {
		add(strings.TrimPrefix(sw.Str, "/"), bgModule)
	}
	if list := m.Path("background", "scripts"); list != nil {
		for _, s := range list.Items {
			add(strings.TrimPrefix(s.Str, "/"), bgModule)
		}
	}
	for _, keys := range pageKeys {
		v := m.Path(keys...)
		if v == nil || v.Kind != bundle.String {
			continue
		}
		rel := strings.TrimPrefix(v.Str, "/")
		html, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, fmt.Errorf("reading the page %q: %w", rel, err)
		}
		for _, tag := range bundle.FindScripts(html) {
			if !tag.HasSrc || !tag.IsJavaScript() || strings.Contains(tag.Src, ":") {
				continue
			}
			src := tag.Src
			if strings.HasPrefix(src, "/") {
				src = path.Clean(src[1:])
			} else {
				src = path.Join(path.Dir(rel), src)
			}
			add(src, tag.Module)
		}
	}
	if cs := m.Get("content_scripts"); cs != nil {
		for _, item := range cs.Items {
			if js := item.Get("js"); js != nil {
				for _, s := range js.Items {
					add(strings.TrimPrefix(s.Str, "/"), false)
				}
			}
		}
	}
	return out, nil
}
