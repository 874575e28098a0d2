package bundle

import (
	"encoding/json"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/shims"
)

// moduleEntry is one ES module entry of a module group.
type moduleEntry struct {
	rel string
	// handlers are the shims' modules evaluated before the entry: the
	// handler modules (the first module script of a background that serves
	// the fallback) and the patch modules (see targetBuild.patches).
	handlers []string
}

// entryNamespace is the esbuild namespace of the generated modules that
// evaluate an entry's handler modules first, then the entry.
const entryNamespace = "webext-shim-entry"

// compileModuleGroup bundles ES module entries that share the
// replacements rs (and their file extension) with one esbuild build, so
// that the modules they share are read and parsed once; without code
// splitting, each entry still becomes one self-contained module, as if
// bundled alone. Where the browser namespace may reach the bundles, its
// table covers the browser.* uses of the group's files, which esbuild's
// metafile tells: when the table for them differs from the one for the
// entries alone, the group is bundled again with it. Between the builds of
// Watch, a group starts from the defines it settled on last time, so that
// a rebuild bundles once (and keeps one esbuild context) while the uses of
// its files stay the same.
func compileModuleGroup(o esbuildOptions, es []moduleEntry, rs []shims.Replacement) map[string]compiled {
	withHandlers := slices.ContainsFunc(es, func(e moduleEntry) bool { return len(e.handlers) > 0 })
	if len(rs) == 0 && !withHandlers {
		return bundleGroupWith(o, es, rs, nil)
	}
	files := make([]string, len(es))
	for i, e := range es {
		files[i] = e.rel
	}
	fail := func(err error) map[string]compiled {
		return map[string]compiled{es[0].rel: {diags: Diagnostics{{File: es[0].rel, Severity: Error, Message: err.Error()}}}}
	}
	handlers := make([]string, len(es))
	for i, e := range es {
		handlers[i] = strings.Join(e.handlers, ",")
	}
	definesKey := cacheKey("group defines", files, handlers, rs, o.engines, o.minify, o.sourcemap, o.iife)
	first, known := o.cache.lastDefines(definesKey)
	if !known {
		var err error
		if first, err = o.defines(files); err != nil {
			return fail(err)
		}
	}
	cs := bundleGroupWith(o, es, rs, first)
	var inputs []string
	shimmed := false
	for _, c := range cs {
		if c.code == nil {
			return cs
		}
		shimmed = shimmed || c.shimmed
		inputs = append(inputs, c.inputs...)
	}
	if !shimmed {
		return cs
	}
	all, err := o.defines(inputs)
	if err != nil {
		return fail(err)
	}
	if !maps.Equal(all, first) {
		cs = bundleGroupWith(o, es, rs, all)
	}
	o.cache.keepDefines(definesKey, all)
	return cs
}

// bundleGroupWith bundles the group with the shims' defines. Diagnostics go
// to the first entry's result.
func bundleGroupWith(o esbuildOptions, es []moduleEntry, rs []shims.Replacement, define map[string]string) map[string]compiled {
	opts := moduleBuildOptions(o)
	ext := path.Ext(es[0].rel)
	opts.Outdir = o.dir
	opts.OutExtension = map[string]string{".js": ext}
	byOutput := map[string]string{} // output path -> entry
	withHandlers := false
	for _, e := range es {
		in := e.rel
		if len(e.handlers) > 0 {
			in = entryNamespace + ":" + e.rel + "?handler=" + strings.Join(e.handlers, ",")
			withHandlers = true
		}
		out := strings.TrimSuffix(e.rel, ext)
		opts.EntryPointsAdvanced = append(opts.EntryPointsAdvanced, api.EntryPoint{InputPath: in, OutputPath: out})
		byOutput[filepath.Join(o.dir, filepath.FromSlash(out))+ext] = e.rel
	}
	opts.Plugins = o.plugins(o.shimPlugin(shimjs.InjectSource(nil, exports(rs))), entryPlugin(o.dir))
	if len(rs) > 0 || withHandlers {
		if len(rs) > 0 {
			opts.Inject = []string{shimjs.Spec(injectModule)}
		}
		opts.Define = define
	}
	entries := make([]string, len(es))
	for i, e := range es {
		entries[i] = e.rel + "?" + strings.Join(e.handlers, ",")
	}
	res := o.cache.moduleBuild(cacheKey("group", entries, rs, define, o.engines, o.minify, o.sourcemap, o.iife, o.metaURLFiles), opts)
	var note Diagnostics
	if isLoweringFailure(res.Errors) {
		note = Diagnostics{loweringNote(es[0].rel, res.Errors, o.oldest)}
		opts.Engines = nil
		res = o.cache.moduleBuild(cacheKey("group", entries, rs, define, "as written", o.minify, o.sourcemap, o.iife, o.metaURLFiles), opts)
	}
	out := make(map[string]compiled, len(es))
	first := compiled{diags: append(note, esbuildDiagnostics(res.Errors, Error, o.dir)...)}
	first.diags = append(first.diags, esbuildDiagnostics(res.Warnings, Warning, o.dir)...)
	if len(res.Errors) > 0 {
		out[es[0].rel] = first
		return out
	}
	for _, f := range res.OutputFiles {
		p, isMap := strings.CutSuffix(f.Path, ".map")
		rel, ok := byOutput[p]
		if !ok {
			continue
		}
		c := out[rel]
		if isMap {
			c.sourcemap = f.Contents
		} else {
			c.code = f.Contents
		}
		out[rel] = c
	}
	var meta metafile
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err == nil {
		for outPath, o2 := range meta.Outputs {
			rel, ok := byOutput[filepath.Join(o.dir, filepath.FromSlash(outPath))]
			if !ok {
				continue
			}
			c := out[rel]
			c.addInputs(o2.Inputs)
			out[rel] = c
		}
	}
	c := out[es[0].rel]
	c.diags = first.diags
	out[es[0].rel] = c
	return out
}

// metafile is the part of esbuild's metafile the bundler reads.
type metafile struct {
	Outputs map[string]struct {
		Inputs map[string]struct {
			BytesInOutput int `json:"bytesInOutput"`
		} `json:"inputs"`
	} `json:"outputs"`
}

// addInputs records an output's inputs: the source files (sorted) and the
// shim modules with code in it.
func (c *compiled) addInputs(inputs map[string]struct {
	BytesInOutput int `json:"bytesInOutput"`
}) {
	for in, info := range inputs {
		if module, ok := strings.CutPrefix(in, shimjs.Namespace+":"); ok {
			if info.BytesInOutput > 0 {
				c.shimmed = true
				c.shimModules = append(c.shimModules, module)
			}
			continue
		}
		if !strings.Contains(in, ":") {
			c.inputs = append(c.inputs, filepath.ToSlash(in))
		}
	}
	slices.Sort(c.inputs)
	slices.Sort(c.shimModules)
}

// moduleBuildOptions are the esbuild options of every module bundle.
func moduleBuildOptions(o esbuildOptions) api.BuildOptions {
	format := api.FormatESModule
	if o.iife {
		format = api.FormatIIFE
	}
	opts := api.BuildOptions{
		AbsWorkingDir:     o.dir,
		Bundle:            true,
		Write:             false,
		Format:            format,
		Platform:          api.PlatformBrowser,
		Engines:           o.engines,
		MinifyWhitespace:  o.minify,
		MinifyIdentifiers: o.minify,
		MinifySyntax:      o.minify,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsInline,
		Metafile:          true,
		LogLevel:          api.LogLevelSilent,
	}
	if o.sourcemap {
		opts.Sourcemap = api.SourceMapLinked
	}
	return opts
}

// entryPlugin serves the generated entry modules of entryNamespace:
// "webext-shim-entry:background.js?handler=a/handler.js,a/patch.js"
// imports the shim modules listed, then ./background.js (resolved in dir, as
// the entry itself would be).
func entryPlugin(dir string) api.Plugin {
	return api.Plugin{
		Name: entryNamespace,
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `^` + entryNamespace + `:`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				return api.OnResolveResult{Path: strings.TrimPrefix(a.Path, entryNamespace+":"), Namespace: entryNamespace}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: entryNamespace}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				rel, query, _ := strings.Cut(a.Path, "?")
				var s strings.Builder
				s.WriteString("// Generated by webext-shim: the shims' handler and patch modules, then the entry.\n")
				for _, h := range strings.Split(strings.TrimPrefix(query, "handler="), ",") {
					s.WriteString("import \"" + shimjs.Spec(h) + "\";\n")
				}
				s.WriteString("import \"./" + rel + "\";\n")
				code := s.String()
				return api.OnLoadResult{Contents: &code, Loader: api.LoaderJS, ResolveDir: dir}, nil
			})
		},
	}
}
