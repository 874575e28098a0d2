package shims

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// jsFiles holds the shims' JavaScript sources.
//
//go:embed js
var jsFiles embed.FS

// Namespace is the esbuild namespace of the shims' embedded modules. An
// import path "webext-shim:bgpage/client.js" names js/bgpage/client.js.
const Namespace = "webext-shim"

// Source returns the JavaScript source of the embedded file name (relative
// to js/, such as "bgpage/client.js").
func Source(name string) ([]byte, error) {
	b, err := fs.ReadFile(jsFiles, path.Join("js", name))
	if err != nil {
		return nil, fmt.Errorf("shim source %q: %w", name, err)
	}
	return b, nil
}

// Plugin returns an esbuild plugin that resolves "webext-shim:NAME" imports,
// and relative imports between shim files, to the embedded sources, so
// that builds need no files on disk. It also serves the generated glue
// modules of InjectPath and RenderRuntime.
func Plugin() api.Plugin {
	return api.Plugin{
		Name: "webext-shim",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^webext-shim:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, "webext-shim:"), Namespace: Namespace}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^\.\.?/`, Namespace: Namespace}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: path.Join(path.Dir(a.Importer), a.Path), Namespace: Namespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: Namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				if strings.Contains(a.Path, "?") {
					s, err := glueSource(a.Path)
					if err != nil {
						return api.OnLoadResult{}, err
					}
					return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
				}
				src, err := Source(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS, ResolveDir: ""}, nil
			})
		},
	}
}
