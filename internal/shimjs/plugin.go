package shimjs

import (
	"fmt"
	"path"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Namespace is the esbuild namespace of shim modules: the import specifier
// "webext-shim:bgpage/client.js" names the module "bgpage/client.js".
const Namespace = "webext-shim"

// Reader returns the source of a shim module, such as "bgpage/client.js".
type Reader func(module string) ([]byte, error)

// Plugin returns an esbuild plugin that resolves "webext-shim:NAME" imports,
// and relative imports between shim modules, to the sources read reads, and
// serves the generated modules of virtual (by module name) before those.
func Plugin(read Reader, virtual map[string]string) api.Plugin {
	return api.Plugin{
		Name: Namespace,
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^` + Namespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, Namespace+":"), Namespace: Namespace}, nil
			})
			b.OnResolve(api.OnResolveOptions{Filter: `^\.\.?/`, Namespace: Namespace}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: path.Join(path.Dir(a.Importer), a.Path), Namespace: Namespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: Namespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				if s, ok := virtual[a.Path]; ok {
					return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
				}
				src, err := read(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				s := string(src)
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
			})
		},
	}
}

// Spec is the import specifier of the shim module name.
func Spec(module string) string { return Namespace + ":" + module }

// BundleOptions configure BundleIIFE.
type BundleOptions struct {
	// Entry is the entry module (a shim module or a virtual one).
	Entry string
	// Read and Virtual serve the modules (see Plugin).
	Read    Reader
	Virtual map[string]string
	// Engines are the target engines (see Engines).
	Engines []api.Engine
	// Define are esbuild's defines.
	Define map[string]string
	// Minify minifies the output; without it the output stays readable,
	// but constant conditions the defines decide are still folded away.
	Minify bool
}

// BundleIIFE bundles the entry module into one IIFE.
func BundleIIFE(o BundleOptions) ([]byte, error) {
	res := api.Build(api.BuildOptions{
		Define:            o.Define,
		EntryPoints:       []string{Spec(o.Entry)},
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		Engines:           o.Engines,
		MinifyWhitespace:  o.Minify,
		MinifyIdentifiers: o.Minify,
		// Always: the constant conditions of the defines fold away in the
		// readable output too.
		MinifySyntax:  true,
		Charset:       api.CharsetUTF8,
		LegalComments: api.LegalCommentsNone,
		Plugins:       []api.Plugin{Plugin(o.Read, o.Virtual)},
		LogLevel:      api.LogLevelSilent,
		Outfile:       "out.js",
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return nil, fmt.Errorf("bundling the shim %q: %s", o.Entry, strings.Join(msgs, ""))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("bundling the shim %q gave %d files, want 1", o.Entry, len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}
