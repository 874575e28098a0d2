package bundle

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// DefaultOutDir is the output directory, inside the source directory,
// when Options.OutDir is empty.
const DefaultOutDir = "dist"

// Options configure Build.
type Options struct {
	// Source is the extension's source directory, with manifest.json at
	// its root ("" means the current directory).
	Source string
	// OutDir is where OUTDIR/<browser>/ are written ("" means "dist"
	// inside Source). It is skipped when it lies inside Source.
	OutDir string
	// Targets are the browsers and version ranges to build for; a query
	// without a version takes the manifest's declared minimum, else the
	// default range.
	Targets []targets.Query
	// Minify minifies the extension's scripts and the shims.
	Minify bool
	// Sourcemap writes a .map file next to each compiled script.
	Sourcemap bool
	// Strict makes compat problems (an API a target lacks that no shim
	// covers, a permission it refuses) and classic scripts that do not
	// parse errors instead of warnings.
	Strict bool
	// DryRun builds in memory and writes nothing: the compat report of
	// `webext-shim check`.
	DryRun bool
	// Zip also writes OUTDIR/<name>-<version>-<browser>.zip per target.
	// Archives are reproducible: the same input gives the same bytes.
	Zip bool
	// SourcesZip also writes OUTDIR/<name>-<version>-sources.zip, the
	// source archive addons.mozilla.org asks for (the files Build reads,
	// without the output, dotfiles or node_modules).
	SourcesZip bool
	// Shims are the shims the build may apply, each where a target needs
	// it; nil means webext-shim's own (shims.All). A shim is data, so an
	// embedder or a test may add its own.
	Shims []shims.Shim
	// ZipTime is the modification time of every archive entry; zero means
	// DefaultZipTime. (The command passes SOURCE_DATE_EPOCH.)
	ZipTime time.Time
}

// Result is what Build did.
type Result struct {
	// OutDir is the output directory used.
	OutDir string
	// Targets are the per-target results, in the order of Options.Targets.
	Targets []TargetResult
	// SourcesZip is the source archive written with Options.SourcesZip.
	SourcesZip string
	// Diagnostics are every message of the build, errors first, then by
	// file and position.
	Diagnostics Diagnostics
}

// TargetResult is the build for one target.
type TargetResult struct {
	// Target is the resolved target.
	Target targets.Target
	// Dir is the output directory, OUTDIR/<browser> ("" with DryRun).
	Dir string
	// Zip is the archive written with Options.Zip.
	Zip string
	// ManifestVersion is the output's manifest version.
	ManifestVersion int
	// Background is the output's background: "service worker", "page" or
	// "none".
	Background string
	// Shims are the names of the shims whose code is in the output.
	Shims []string
	// Files are the output's files, sorted by path.
	Files []File
	// Entries are the scripts the output's manifest and pages make the
	// browser load, which Build compiled, in the order first seen:
	// background, pages' scripts, content scripts.
	Entries []Entry
	// Written are the paths (sorted, relative to Dir) of the files this
	// build wrote or removed in Dir: every file when it wrote the whole
	// directory; under Watch, after the first build, only those whose
	// bytes changed and those the output no longer has (a file that is
	// in Written but not in Files was removed). Empty with DryRun.
	Written []string
}

// Entry is a script of the extension that Build compiled.
type Entry struct {
	// Path is slash-separated, relative to the extension's root.
	Path string
	// Module is set for an ES module (a module background, a
	// <script type="module">); a classic script otherwise.
	Module bool
}

// File is one file of a built extension.
type File struct {
	// Path is slash-separated, relative to the target's directory.
	Path string
	// Size is its size in bytes.
	Size int64
	// Generated is set for files webext-shim wrote or changed (compiled
	// scripts, rewritten pages, the manifest, its own scripts), unset for
	// files copied unchanged.
	Generated bool
}

// ErrFailed is wrapped by Build's error when the build has errors (in
// Result.Diagnostics); nothing was written then.
var ErrFailed = errors.New("build failed")

// ErrOptions is wrapped by Build's error when the options, not the source,
// are at fault: no targets, a target range that no release matches, an
// output directory that is the source, lies in it without being an
// earlier output, would replace it, or is a file. Nothing was written
// then. (A command reports these as usage errors.)
var ErrOptions = errors.New("invalid options")

// optionsError is an error in Options: its text is err's; it wraps both
// err and ErrOptions.
type optionsError struct{ err error }

func (e optionsError) Error() string   { return e.err.Error() }
func (e optionsError) Unwrap() []error { return []error{ErrOptions, e.err} }

// targetHook, when a test sets it, is called in each target's goroutine
// before the target builds.
var targetHook func(browser string)

// Build builds the extension in opts.Source for every target into
// OutDir/<browser>/. It writes nothing unless every target builds without
// errors; then each target's directory is replaced as a whole. The error
// is non-nil when the build failed: it wraps ErrFailed when the
// diagnostics say why, ErrOptions when the options are at fault, and is a
// plain error (unreadable source, unwritable output) otherwise.
func Build(ctx context.Context, opts Options) (Result, error) {
	if opts.Source == "" {
		opts.Source = "."
	}
	if opts.OutDir == "" {
		opts.OutDir = filepath.Join(opts.Source, DefaultOutDir)
	}
	res := Result{OutDir: opts.OutDir}
	if len(opts.Targets) == 0 {
		return res, optionsError{errors.New("no targets: give at least one browser, such as \"chrome,firefox\"")}
	}
	if !opts.ZipTime.IsZero() && (opts.Zip || opts.SourcesZip) {
		if err := checkZipTime(opts.ZipTime); err != nil {
			return res, optionsError{fmt.Errorf("the archives' time: %w", err)}
		}
	}
	if err := checkOutDir(opts.Source, opts.OutDir, opts.Targets); err != nil {
		return res, err
	}
	if !opts.DryRun && isOutputDir(opts.OutDir) {
		// An earlier build killed while it replaced the output may have
		// left a staging directory, and an output moved aside in it.
		if err := recoverStaging(opts.OutDir); err != nil {
			return res, err
		}
	}
	cache := buildCacheFrom(ctx)
	prev, changed := cache.previousSource()
	src, diags, err := readSource(opts.Source, opts.OutDir, prev, changed)
	if err != nil {
		cache.keepSource(nil)
		return res, err
	}
	// The next build of Watch reads only what changed since this one read
	// the source.
	defer cache.keepSource(src)
	plansHold := prev != nil && src != nil && planInputsSame(prev, src, changed)
	res.Diagnostics = diags
	if src == nil || diags.HasErrors() {
		return finish(res)
	}
	builds := make([]*targetBuild, len(opts.Targets))
	for i, q := range opts.Targets {
		m := src.manifest.Clone()
		ds := specialise(m, q.Browser, ManifestFile)
		t, err := targets.Resolve(q, manifestMinimum(m, q.Browser))
		if err != nil {
			if q.Constraint == "" {
				// The range comes from the manifest's minimum version.
				res.Diagnostics = append(res.Diagnostics, minimumDiagnostic(m, q, err))
				continue
			}
			return res, optionsError{fmt.Errorf("target %q: %w", q.Text, err)}
		}
		t, d, ok := effectiveTarget(m, t)
		if ok && d.Message != "" || !ok {
			res.Diagnostics = append(res.Diagnostics, d)
		}
		if !ok {
			continue
		}
		builds[i] = newTargetBuild(src, t, &opts, m, cache)
		builds[i].plansHold = plansHold
		builds[i].add(ds)
	}
	if res.Diagnostics.HasErrors() {
		return finish(res)
	}
	var wg sync.WaitGroup
	for _, b := range builds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if targetHook != nil {
				targetHook(b.t.Browser.Name)
			}
			b.run()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return res, err
	}
	for _, b := range builds {
		b.add(b.outsideInputs())
		res.Diagnostics = append(res.Diagnostics, b.diags...)
		tr := TargetResult{Target: b.t}
		if b.plan != nil {
			tr.ManifestVersion, tr.Background, tr.Shims = b.outMV, b.bgKind.String(), b.included
			tr.Files = b.files()
			for _, rel := range b.l.order {
				tr.Entries = append(tr.Entries, Entry{Path: rel, Module: b.l.entries[rel].module && !b.l.entries[rel].iife})
			}
		}
		res.Targets = append(res.Targets, tr)
	}
	res.Diagnostics = dedupe(res.Diagnostics)
	if res.Diagnostics.HasErrors() || opts.DryRun {
		return finish(res)
	}
	written, updated, err := cache.updateOutput(ctx, &opts, builds)
	if err != nil {
		return res, err
	}
	var archives archives
	if !updated {
		if archives, err = writeOutput(ctx, &opts, src, builds); err != nil {
			cache.forgetOutput()
			return res, err
		}
		cache.recordOutput(&opts, builds)
	}
	for i := range res.Targets {
		res.Targets[i].Dir = filepath.Join(opts.OutDir, builds[i].t.Browser.Name)
		if updated {
			res.Targets[i].Written = written[i]
			continue
		}
		res.Targets[i].Zip = archives.targets[i]
		for _, f := range res.Targets[i].Files {
			res.Targets[i].Written = append(res.Targets[i].Written, f.Path)
		}
	}
	res.SourcesZip = archives.sources
	return finish(res)
}

// newTargetBuild prepares the build of the specialised manifest m for t.
func newTargetBuild(src *source, t targets.Target, opts *Options, m *jsonc.Value, cache *buildCache) *targetBuild {
	return &targetBuild{src: src, t: t, opts: opts, m: m, eo: esbuildOptions{
		dir: src.dir, engines: shimjs.Engines([]targets.Target{t}), oldest: t.Browser.Name + " " + t.Min(), minify: opts.Minify, sourcemap: opts.Sourcemap,
		readShim: shims.Reader(opts.shims()), cache: cache, strict: opts.Strict, metaURLFiles: src.metaURLFiles(),
	}}
}

// shims returns the shims the build may apply.
func (o *Options) shims() []shims.Shim {
	if o.Shims == nil {
		return shims.All()
	}
	return o.Shims
}

// effectiveTarget narrows t to the versions that load the output's manifest
// version (targets.ForManifestVersion): no Chrome before 88 loads Manifest
// V3, so a build for "chrome>=14" compiles and checks for 88 on and writes
// 88 as the output's minimum. A raised minimum is said in a note; a range
// with no such version is an error (ok false).
func effectiveTarget(m *jsonc.Value, t targets.Target) (targets.Target, Diagnostic, bool) {
	mv := m.Get("manifest_version")
	if mv == nil || mv.Kind != jsonc.Number || (mv.Number != "2" && mv.Number != "3") {
		return t, Diagnostic{}, true // readLayout reports it
	}
	out := shims.DefaultManifestVersion(t, int(mv.Number[0]-'0'))
	pos := Pos{Line: 1, Column: 1}
	key, v := manifestMinimumValue(m, t.Browser)
	if v != nil {
		pos = v.Pos
	}
	e, err := targets.ForManifestVersion(t, out)
	if err != nil {
		d := diagAt(ManifestFile, pos, Error, "%v", err)
		d.Target = t.Browser.Name
		return t, d, false
	}
	if !e.Raised {
		return e.Target, Diagnostic{}, true
	}
	why := fmt.Sprintf("%s's output is Manifest V%d, which %s loads from %s on, so the build is for %s", t.Browser.Name, out, t.Browser.Title, e.First, e.Target.String())
	if v != nil {
		why = fmt.Sprintf("%q is %q, but %s", key, v.Str, why)
	}
	d := diagAt(ManifestFile, pos, Info, "%s", why)
	d.Target = t.Browser.Name
	return e.Target, d, true
}

// minimumDiagnostic reports a minimum version in the manifest that gives
// the query q no release (err is targets.Resolve's), at its position.
func minimumDiagnostic(m *jsonc.Value, q targets.Query, err error) Diagnostic {
	key, v := manifestMinimumValue(m, q.Browser)
	if v == nil {
		return Diagnostic{File: ManifestFile, Severity: Error, Message: fmt.Sprintf("target %q: %v", q.Text, err), Target: q.Browser.Name}
	}
	var d Diagnostic
	if ver, _, ok := targets.NormaliseVersion(v.Str); !ok || ver == targets.Preview {
		d = diagAt(ManifestFile, v.Pos, Error, "%q is %q, which is not a %s version; want one such as %q", key, v.Str, q.Browser.Name, minimumExample(q.Browser))
	} else {
		d = diagAt(ManifestFile, v.Pos, Error, "%q is %q: %v", key, v.Str, err)
	}
	d.Target = q.Browser.Name
	return d
}

// minimumExample is a minimum version in the form the browser's key takes.
func minimumExample(b targets.Browser) string {
	switch b.Family {
	case targets.Gecko:
		return "128.0"
	case targets.WebKit:
		return "17.4"
	}
	return "120"
}

// outsideInputs reports the files outside the source directory that
// esbuild bundled into an entry: an import of "../x.js" or of an absolute
// path, or a package found in a node_modules above the source. The
// extension must be made of its source's files only.
func (b *targetBuild) outsideInputs() Diagnostics {
	var diags Diagnostics
	names := make([]string, 0, len(b.compiled))
	for rel := range b.compiled {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		for _, in := range b.compiled[rel].inputs {
			if in == ".." || strings.HasPrefix(in, "../") || filepath.IsAbs(in) {
				diags = append(diags, Diagnostic{File: rel, Severity: Error,
					Message: fmt.Sprintf("the bundle imports %q, which is outside the source directory; an extension is made of its own files only", in)})
			}
		}
	}
	return diags
}

// finish sorts the diagnostics and sets the error of a failed build.
func finish(res Result) (Result, error) {
	sort.SliceStable(res.Diagnostics, func(i, j int) bool {
		a, b := res.Diagnostics[i], res.Diagnostics[j]
		if (a.Severity == Error) != (b.Severity == Error) {
			return a.Severity == Error
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	if n := countErrors(res.Diagnostics); n > 0 {
		s := "s"
		if n == 1 {
			s = ""
		}
		return res, fmt.Errorf("%w: %d error%s", ErrFailed, n, s)
	}
	return res, nil
}

func countErrors(ds Diagnostics) int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// dedupe merges diagnostics that differ only in their target: the same
// message about the same place on several targets is said once.
func dedupe(ds Diagnostics) Diagnostics {
	type key struct {
		file         string
		line, column int
		sev          Severity
		msg          string
	}
	index := map[key]int{}
	var out Diagnostics
	for _, d := range ds {
		k := key{d.File, d.Line, d.Column, d.Severity, d.Message}
		if i, ok := index[k]; ok {
			if out[i].Target != d.Target && !strings.Contains(","+out[i].Target+",", ","+d.Target+",") {
				out[i].Target += "," + d.Target
			}
			continue
		}
		index[k] = len(out)
		out = append(out, d)
	}
	return out
}

// files lists the target's output files: the source's files, replaced or
// joined by what the build produced.
func (b *targetBuild) files() []File {
	var out []File
	for _, rel := range b.src.files {
		if _, ok := b.out[rel]; ok || b.skip[rel] {
			continue
		}
		size := int64(0)
		if st, err := os.Stat(filepath.Join(b.src.dir, filepath.FromSlash(rel))); err == nil {
			size = st.Size()
		}
		out = append(out, File{Path: rel, Size: size})
	}
	for rel, data := range b.out {
		out = append(out, File{Path: rel, Size: int64(len(data)), Generated: true})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
