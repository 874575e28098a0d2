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

// compiled is an entry after esbuild.
type compiled struct {
	code []byte
	// sourcemap is the external source map ("" when not asked for).
	sourcemap []byte
	// uses are the replacements that remained in the code: for a classic
	// script, the shims' exports it reaches through shims.GlobalName.
	uses []shims.Replacement
	// inputs are, for a module entry, the source files of its bundle
	// (source-relative); for a classic script, the script itself.
	inputs []string
	// shimmed is set when shim code is in the output (module bundles).
	shimmed bool
	// shimModules are the embedded shim modules with code in the output
	// (module bundles), such as "namespace/browser.js".
	shimModules []string
	diags       Diagnostics
}

// injectModule is the name of the generated module for esbuild's inject
// (shimjs.InjectSource).
const injectModule = "inject.js"

// shimPlugin returns the plugin that serves the shims' modules and the
// generated inject module of source.
func (o esbuildOptions) shimPlugin(inject string) api.Plugin {
	return shimjs.Plugin(o.readShim, map[string]string{injectModule: inject})
}

// esbuildOptions are the options every entry shares on one target.
type esbuildOptions struct {
	dir     string // the source directory
	engines []api.Engine
	// oldest names the oldest version of the range ("firefox 49"), for the
	// note on syntax left as written (lowering.go).
	oldest    string
	minify    bool
	sourcemap bool
	// iife bundles module entries into classic scripts (content scripts
	// written as modules) instead of ES modules.
	iife bool
	// defines returns the defines the shims' JavaScript reads in a bundle
	// of code made of the given source files (shims.DefinesFor): they drop
	// the code paths the target never takes, and hold tables of the APIs
	// the code uses.
	defines func(files []string) (map[string]string, error)
	// readShim reads the shims' modules (shims.Reader).
	readShim func(module string) ([]byte, error)
	// cache keeps work between the builds of Watch (nil: no cache).
	cache *buildCache
	// metaURLFiles are the source's modules that mention import.meta.url
	// (metaurl.go).
	metaURLFiles []string
	// strict makes a classic script that does not parse an error
	// (Options.Strict); without it the script is copied as written
	// (notparsed.go).
	strict bool
}

// compileClassic compiles a classic script on its own (esbuild's transform,
// no bundling): its top-level declarations stay globals, minified or not.
// The replacements are applied with define; those that remain in the output
// are the ones the script uses.
func compileClassic(o esbuildOptions, rel string, code []byte, rs []shims.Replacement) compiled {
	opts := api.TransformOptions{
		Sourcefile:        rel,
		Loader:            api.LoaderJS,
		Engines:           o.engines,
		MinifyWhitespace:  o.minify,
		MinifyIdentifiers: o.minify,
		MinifySyntax:      o.minify,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsInline,
		Define:            shimjs.Defines(exports(rs)),
		LogLevel:          api.LogLevelSilent,
	}
	if o.sourcemap {
		opts.Sourcemap = api.SourceMapExternal
		opts.SourcesContent = api.SourcesContentInclude
	}
	res := api.Transform(string(code), opts)
	var note Diagnostics
	if lowering := loweringFailures(res.Errors); len(lowering) > 0 {
		// Left as written; a syntax error besides is found without the
		// engines, and then the script is copied as it is (notparsed.go).
		opts.Engines = nil
		res = api.Transform(string(code), opts)
		if len(res.Errors) == 0 {
			note = Diagnostics{loweringNote(rel, lowering, o.oldest)}
		}
	}
	if len(res.Errors) > 0 {
		return notParsed(o, rel, code, res.Errors)
	}
	c := compiled{inputs: []string{rel}, diags: append(note, esbuildDiagnostics(res.Warnings, Warning, "")...)}
	c.code = res.Code
	if o.sourcemap {
		c.sourcemap = res.Map
		c.code = append(c.code, "//# sourceMappingURL="+path.Base(rel)+".map\n"...)
	}
	out := string(res.Code)
	for _, r := range rs {
		if usesExport(out, shimjs.GlobalName+"."+r.Export) && !slices.Contains(c.uses, r) {
			c.uses = append(c.uses, r)
		}
	}
	return c
}

// usesExport reports whether code has the expression ref not followed by
// more of an identifier (__webextShim.browser, not __webextShim.browserOnMessage).
func usesExport(code, ref string) bool {
	for i := 0; ; {
		j := strings.Index(code[i:], ref)
		if j < 0 {
			return false
		}
		end := i + j + len(ref)
		if end == len(code) || !isIdentByte(code[end]) {
			return true
		}
		i = end
	}
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// compileModuleLoader bundles the generated module that imports the given
// module scripts in order: a Chromium service worker made of several
// module scripts.
func compileModuleLoader(o esbuildOptions, out string, scripts []string, rs []shims.Replacement, handlers []string) compiled {
	var b strings.Builder
	b.WriteString("// Generated by webext-shim: the background's module scripts, in order.\n")
	for _, s := range scripts {
		b.WriteString("import \"./" + s + "\";\n")
	}
	return bundleModule(o, out, api.BuildOptions{Stdin: &api.StdinOptions{Contents: b.String(), Sourcefile: out, ResolveDir: o.dir, Loader: api.LoaderJS}}, rs, handlers, scripts)
}

// bundleModule bundles one module entry; files are its source files as far
// as they are known before bundling (the entry itself). The shims' defines
// may depend on the API uses of every file in the bundle, which esbuild's
// metafile tells: when the defines for them differ from those for files,
// the entry is bundled again with them. Between the builds of Watch, it
// starts from the defines it settled on last time (compileModuleGroup).
func bundleModule(o esbuildOptions, rel string, opts api.BuildOptions, rs []shims.Replacement, handlers, files []string) compiled {
	if len(rs) == 0 && len(handlers) == 0 {
		return bundleModuleWith(o, rel, opts, rs, handlers, nil)
	}
	stdin := ""
	if opts.Stdin != nil {
		stdin = opts.Stdin.Contents
	}
	definesKey := cacheKey("module defines", rel, opts.EntryPoints, stdin, rs, handlers, o.engines, o.minify, o.sourcemap)
	first, known := o.cache.lastDefines(definesKey)
	if !known {
		var err error
		if first, err = o.defines(files); err != nil {
			return compiled{diags: Diagnostics{{File: rel, Severity: Error, Message: err.Error()}}}
		}
	}
	c := bundleModuleWith(o, rel, opts, rs, handlers, first)
	if c.code == nil || !c.shimmed {
		return c
	}
	all, err := o.defines(c.inputs)
	if err != nil {
		return compiled{diags: Diagnostics{{File: rel, Severity: Error, Message: err.Error()}}}
	}
	if !maps.Equal(all, first) {
		c = bundleModuleWith(o, rel, opts, rs, handlers, all)
	}
	o.cache.keepDefines(definesKey, all)
	return c
}

// bundleModuleWith bundles one module entry with the shims' defines.
func bundleModuleWith(o esbuildOptions, rel string, opts api.BuildOptions, rs []shims.Replacement, handlers []string, define map[string]string) compiled {
	base := moduleBuildOptions(o)
	base.EntryPoints, base.Stdin = opts.EntryPoints, opts.Stdin
	opts = base
	opts.Outfile = filepath.Join(o.dir, filepath.FromSlash(rel))
	opts.Plugins = o.plugins(o.shimPlugin(shimjs.InjectSource(handlers, exports(rs))))
	if len(rs) > 0 || len(handlers) > 0 {
		opts.Inject = []string{shimjs.Spec(injectModule)}
		opts.Define = define
	}
	stdin := ""
	if opts.Stdin != nil {
		stdin = opts.Stdin.Contents
	}
	res := o.cache.moduleBuild(cacheKey("module", rel, opts.EntryPoints, stdin, rs, handlers, define, o.engines, o.minify, o.sourcemap, o.metaURLFiles), opts)
	var note Diagnostics
	if isLoweringFailure(res.Errors) {
		note = Diagnostics{loweringNote(rel, res.Errors, o.oldest)}
		opts.Engines = nil
		res = o.cache.moduleBuild(cacheKey("module", rel, opts.EntryPoints, stdin, rs, handlers, define, "as written", o.minify, o.sourcemap, o.metaURLFiles), opts)
	}
	c := compiled{diags: append(note, esbuildDiagnostics(res.Errors, Error, o.dir)...)}
	c.diags = append(c.diags, esbuildDiagnostics(res.Warnings, Warning, o.dir)...)
	if len(res.Errors) > 0 {
		return c
	}
	for _, f := range res.OutputFiles {
		if strings.HasSuffix(f.Path, ".map") {
			c.sourcemap = f.Contents
		} else {
			c.code = f.Contents
		}
	}
	var meta metafile
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err == nil {
		for _, out := range meta.Outputs {
			c.addInputs(out.Inputs)
		}
	}
	return c
}

// esbuildDiagnostics turns esbuild's messages into diagnostics with 1-based
// columns; file paths are made relative to dir.
func esbuildDiagnostics(msgs []api.Message, sev Severity, dir string) Diagnostics {
	var out Diagnostics
	for _, m := range msgs {
		d := Diagnostic{Severity: sev, Message: m.Text}
		if l := m.Location; l != nil {
			d.File = l.File
			if dir != "" && filepath.IsAbs(d.File) {
				if rel, err := filepath.Rel(dir, d.File); err == nil {
					d.File = filepath.ToSlash(rel)
				}
			}
			d.Line, d.Column = l.Line, l.Column+1
		}
		for _, n := range m.Notes {
			if n.Text != "" {
				d.Message += " (" + n.Text + ")"
			}
		}
		out = append(out, d)
	}
	return out
}
