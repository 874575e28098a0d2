package bundle

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// A module bundled into another file keeps what import.meta.url meant in
// it: the module's own URL. esbuild leaves import.meta.url as it is in an
// ES module bundle, where it is the bundle's URL, so a module that finds a
// file next to it (wasm-bindgen's `new URL("x_bg.wasm", import.meta.url)`)
// would fetch it next to the bundle instead, and fail. Each module of the
// source that says import.meta.url is loaded with it replaced by its own
// URL, made from the bundle's: new URL("/lib/x.js", import.meta.url).href,
// the output keeping the source's layout. (A text in a string or comment
// that spells it is replaced too.) An IIFE bundle (a content script written
// as modules, never run as a module by the browsers) is left to esbuild,
// which warns that import.meta is empty there.

// metaURL matches import.meta.url in a module's text.
var metaURL = regexp.MustCompile(`\bimport\.meta\.url\b`)

// moduleLoaders are the loaders of the files esbuild loads as modules of
// the source, by extension.
var moduleLoaders = map[string]api.Loader{
	".js": api.LoaderJS, ".mjs": api.LoaderJS, ".cjs": api.LoaderJS, ".jsx": api.LoaderJSX,
	".ts": api.LoaderTS, ".mts": api.LoaderTS, ".cts": api.LoaderTS, ".tsx": api.LoaderTSX,
}

// metaURLFiles returns the source's modules that mention import.meta.url,
// sorted; the source is read for them once, whatever the number of targets.
func (s *source) metaURLFiles() []string {
	s.metaURLOnce.Do(func() {
		for _, rel := range s.files {
			if _, ok := moduleLoaders[strings.ToLower(path.Ext(rel))]; !ok {
				continue
			}
			if b, err := s.read(rel); err == nil && bytes.Contains(b, []byte("import.meta.url")) {
				s.metaURL = append(s.metaURL, rel)
			}
		}
	})
	return s.metaURL
}

// metaURLPlugin loads the files (source-relative, under dir) with their
// import.meta.url replaced by their own URL.
func metaURLPlugin(dir string, files []string) api.Plugin {
	alternatives := make([]string, len(files))
	for i, rel := range files {
		alternatives[i] = regexp.QuoteMeta(filepath.Join(dir, filepath.FromSlash(rel)))
	}
	return api.Plugin{
		Name: "webext-shim-import-meta-url",
		Setup: func(b api.PluginBuild) {
			b.OnLoad(api.OnLoadOptions{Filter: `^(?:` + strings.Join(alternatives, "|") + `)$`, Namespace: "file"}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				code, err := os.ReadFile(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				rel, err := filepath.Rel(dir, a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				own := []byte("new URL(" + strconv.Quote("/"+filepath.ToSlash(rel)) + ", import.meta.url).href")
				text := string(metaURL.ReplaceAllLiteral(code, own))
				return api.OnLoadResult{Contents: &text, Loader: moduleLoaders[strings.ToLower(filepath.Ext(a.Path))]}, nil
			})
		},
	}
}

// plugins returns the plugins of a module build: the given ones, and the
// one for import.meta.url where the source needs it.
func (o esbuildOptions) plugins(ps ...api.Plugin) []api.Plugin {
	if len(o.metaURLFiles) > 0 && !o.iife {
		ps = append(ps, metaURLPlugin(o.dir, o.metaURLFiles))
	}
	return ps
}
