package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/targets"
)

// defaultTargets are the targets of build and check without --target.
const defaultTargets = "chrome,firefox"

// buildFlags are the flags build and check share.
type buildFlags struct {
	target    *string
	outDir    *string
	minify    *bool
	sourcemap *bool
	zip       *bool
	srcZip    *bool
	strict    *bool
	json      *bool
	quiet     *bool
	verbose   *bool
	watch     *bool
}

func declareBuildFlags(fs *pflag.FlagSet, check bool) *buildFlags {
	f := &buildFlags{
		target: fs.StringP("target", "t", defaultTargets, "the `LIST` of targets, for example \"firefox>=115,chrome,safari\""),
	}
	if !check {
		f.outDir = fs.StringP("outdir", "o", "", "write `OUTDIR`/<browser>/ for each target (default SRC/dist)")
		f.minify = fs.Bool("minify", false, "minify the scripts")
		f.sourcemap = fs.Bool("sourcemap", false, "write a .map file next to each compiled script")
		f.zip = fs.Bool("zip", false, "also write OUTDIR/<name>-<version>-<browser>.zip per target (reproducible)")
		f.srcZip = fs.Bool("sources-zip", false, "also write OUTDIR/<name>-<version>-sources.zip, the source archive for addons.mozilla.org")
		f.watch = fs.BoolP("watch", "w", false, "build, then rebuild every target whenever a source file changes, until interrupted")
		f.verbose = fs.BoolP("verbose", "v", false, "list every file of the output, the copied ones too")
	}
	f.strict = fs.Bool("strict", false, "make compat warnings, and classic scripts that do not parse, errors (exit 1)")
	f.json = fs.Bool("json", false, "print one JSON document with the result and nothing else on standard output")
	f.quiet = fs.BoolP("quiet", "q", false, "print nothing but errors")
	return f
}

// options turns the parsed flags and arguments of build (or check, with
// dryRun) into the bundler's options; getenv reads SOURCE_DATE_EPOCH.
func (f *buildFlags) options(name string, args []string, dryRun bool, getenv func(string) string) (bundle.Options, error) {
	if len(args) > 1 {
		return bundle.Options{}, usagef("%s takes one source directory, got %d arguments: %q", name, len(args), args)
	}
	opts := bundle.Options{Source: ".", Strict: *f.strict, DryRun: dryRun}
	if len(args) == 1 {
		opts.Source = args[0]
	}
	if st, err := os.Stat(opts.Source); err != nil || !st.IsDir() {
		return bundle.Options{}, usagef("the source %q is not a directory", opts.Source)
	}
	qs, err := targets.ParseQueries(*f.target)
	if err != nil {
		return bundle.Options{}, usageError{err}
	}
	for _, q := range qs {
		// A range no release matches is a mistake in the command line
		// (ranges without a version come from the manifest: Build reports
		// those).
		if q.Constraint != "" {
			if _, err := targets.Resolve(q, ""); err != nil {
				return bundle.Options{}, usageError{fmt.Errorf("target %q: %w", q.Text, err)}
			}
		}
	}
	opts.Targets = qs
	if dryRun {
		return opts, nil
	}
	opts.OutDir, opts.Minify, opts.Sourcemap = *f.outDir, *f.minify, *f.sourcemap
	opts.Zip, opts.SourcesZip = *f.zip, *f.srcZip
	if epoch := getenv("SOURCE_DATE_EPOCH"); epoch != "" && (opts.Zip || opts.SourcesZip) {
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || secs < 315532800 || secs > 4294967295 {
			return bundle.Options{}, usagef("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970 between 1980 and 2106 (the times zip files can record)", epoch)
		}
		opts.ZipTime = time.Unix(secs, 0).UTC()
	}
	return opts, nil
}

func buildCommand() *command {
	return &command{
		name:    "build",
		summary: "build the extension in SRC for every target (the default command)",
		usage:   "webext-shim [build] [--target LIST] [-o OUTDIR] [flags] [SRC]",
		long: `Reads SRC/manifest.json (default SRC "."), bundles every script the manifest and its pages
load with esbuild for each target's browser versions, adds the shims a target needs only
where the code uses them, converts the manifest (Manifest V3 with a service worker for
Chromium, background scripts for Firefox) and writes each extension, ready to load, to
OUTDIR/<browser>/. Each OUTDIR/<browser>/ is replaced as a whole, and only when every
target built: a failed build leaves the previous output untouched.

It lists, per target, the compiled and generated files (marked *) with their sizes, and the
number and size of the files copied unchanged; -v lists every file.

Manifest keys may carry a browser or family prefix at any depth ("firefox:background",
"chromium:permissions", "gecko:...", "webkit:..."): the most specific wins per target.

Examples:
  webext-shim --target firefox,chrome
  webext-shim build -t "chrome>=120,firefox>=115,safari" -o build/ src/
  webext-shim --target chrome --minify --strict --json > build-report.json
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) webext-shim -t firefox,chrome --zip --sources-zip
  webext-shim -t firefox,chrome --watch src/

With --watch, a change to any source file or the manifest rebuilds every target and prints
one line; a rebuild compiles again what the change reaches and rewrites only the output
files whose bytes changed. A failed rebuild prints its errors, keeps the previous output
and goes on watching. Stop it with Ctrl-C.

Archives (--zip, --sources-zip) are reproducible: entries sorted, mode 0644, every time
1980-01-01 UTC, or SOURCE_DATE_EPOCH when it is set.`,
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			f := declareBuildFlags(fs, false)
			return func(e *env, args []string) int { return runBuild(e, f, args, false) }
		},
	}
}

func checkCommand() *command {
	return &command{
		name:    "check",
		summary: "report what each target lacks, writing nothing",
		usage:   "webext-shim check [--target LIST] [--strict] [--json] [SRC]",
		long: `Builds SRC in memory, as build does, and prints the diagnostics: extension APIs the code
uses that a target lacks and no shim covers, manifest keys a target does not support,
permissions it refuses, syntax errors. Nothing is written. Exit 1 on errors (with --strict,
compat warnings and classic scripts that do not parse are errors).

Examples:
  webext-shim check --target chrome,firefox
  webext-shim check -t "chrome>=120" --strict extension/`,
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			f := declareBuildFlags(fs, true)
			return func(e *env, args []string) int { return runBuild(e, f, args, true) }
		},
	}
}

// runBuild runs build (or check, with dryRun).
func runBuild(e *env, f *buildFlags, args []string, dryRun bool) int {
	opts, err := f.options(e.name, args, dryRun, os.Getenv)
	if err != nil {
		return e.fail(err)
	}
	if !dryRun && *f.watch {
		if *f.json {
			return e.fail(usagef("--watch and --json cannot be combined: --json prints one document"))
		}
		return watch(e, f, opts)
	}
	start := e.now()
	res, err := bundle.Build(e.ctx, opts)
	elapsed := e.now().Sub(start)
	if err != nil && !errors.Is(err, bundle.ErrFailed) {
		e.printDiagnostics(opts.Source, res.Diagnostics, *f.quiet)
		if errors.Is(err, bundle.ErrOptions) {
			return e.fail(usageError{err})
		}
		return e.fail(err)
	}
	if *f.json {
		if err := writeBuildJSON(e.stdout, opts.Source, res, err, dryRun); err != nil {
			return e.fail(err)
		}
	} else {
		e.printDiagnostics(opts.Source, res.Diagnostics, *f.quiet)
		if !*f.quiet && err == nil {
			e.printBuildSummary(res, dryRun, f.verbose != nil && *f.verbose, elapsed)
		}
	}
	if err != nil {
		if !*f.json && dryRun {
			fmt.Fprintf(e.stderr, "webext-shim %s: %v\n", e.name, err)
		} else if !*f.json {
			fmt.Fprintf(e.stderr, "webext-shim %s: %v; nothing written\n", e.name, err)
		}
		return exitBuild
	}
	return exitOK
}

// printDiagnostics prints the diagnostics as compilers do, with paths
// relative to the current directory (only the errors when quiet).
func (e *env) printDiagnostics(srcDir string, ds bundle.Diagnostics, quiet bool) {
	for _, d := range ds {
		if quiet && d.Severity != bundle.Error {
			continue
		}
		fmt.Fprintln(e.stderr, e.formatDiagnostic(srcDir, d))
	}
}

// formatDiagnostic formats d as "SRC/popup.js:12:5: warning: message": the
// file joined to the source directory so that editors and terminals can
// open it, the position 1-based, the severity coloured on a terminal.
func (e *env) formatDiagnostic(srcDir string, d bundle.Diagnostic) string {
	var b strings.Builder
	if d.File != "" {
		file := d.File
		if !filepath.IsAbs(file) {
			file = filepath.Join(srcDir, filepath.FromSlash(file))
		}
		if d.Line > 0 {
			file += ":" + strconv.Itoa(d.Line)
			if d.Column > 0 {
				file += ":" + strconv.Itoa(d.Column)
			}
		}
		b.WriteString(e.paint(styleBold, file+":"))
		b.WriteString(" ")
	}
	sev := string(d.Severity) + ":"
	switch d.Severity {
	case bundle.Error:
		sev = e.paint(styleRed, sev)
	case bundle.Warning:
		sev = e.paint(styleMagenta, sev)
	default:
		sev = e.paint(styleBold, sev)
	}
	b.WriteString(sev)
	b.WriteString(" ")
	b.WriteString(d.Message)
	return b.String()
}

// printBuildSummary prints, per target, the compiled and generated files
// with their sizes, the number and size of the files copied unchanged (each
// of them too when verbose), and the shims; then one line of totals.
func (e *env) printBuildSummary(res bundle.Result, dryRun, verbose bool, elapsed time.Duration) {
	w := e.stderr
	files, bytes := 0, int64(0)
	for _, tr := range res.Targets {
		where := tr.Dir
		if dryRun {
			where = "checked"
		}
		shimList := "no shims"
		if len(tr.Shims) > 0 {
			shimList = "shims: " + strings.Join(tr.Shims, ", ")
		}
		fmt.Fprintf(w, "%s -> %s (Manifest V%d, background: %s, %s)\n", e.paint(styleBold, tr.Target.String()), where, tr.ManifestVersion, tr.Background, shimList)
		if tr.Zip != "" {
			fmt.Fprintf(w, "  archive %s\n", tr.Zip)
		}
		if dryRun {
			continue
		}
		width := 0
		for _, f := range tr.Files {
			if verbose || f.Generated {
				width = max(width, len(f.Path))
			}
		}
		copied, copiedBytes := 0, int64(0)
		for _, f := range tr.Files {
			files++
			bytes += f.Size
			mark := "*"
			if !f.Generated {
				copied++
				copiedBytes += f.Size
				if !verbose {
					continue
				}
				mark = " "
			}
			fmt.Fprintf(w, "  %s %-*s %s\n", mark, width, f.Path, e.paint(styleDim, fmt.Sprintf("%9s", humanSize(f.Size))))
		}
		if copied > 0 && !verbose {
			fmt.Fprintf(w, "  %s\n", e.paint(styleDim, fmt.Sprintf("copied %s file%s, %s (-v lists them)", groupDigits(copied), plural(copied), humanSize(copiedBytes))))
		}
	}
	warnings := 0
	for _, d := range res.Diagnostics {
		if d.Severity == bundle.Warning {
			warnings++
		}
	}
	if res.SourcesZip != "" {
		fmt.Fprintf(w, "sources archive %s\n", res.SourcesZip)
	}
	verb := "built"
	if dryRun {
		verb = "checked"
	}
	total := fmt.Sprintf("%s %d target%s", verb, len(res.Targets), plural(len(res.Targets)))
	if !dryRun {
		total += fmt.Sprintf(", %s files, %s (* compiled or generated)", groupDigits(files), humanSize(bytes))
	}
	total += fmt.Sprintf(", %d warning%s in %s", warnings, plural(warnings), elapsed.Round(time.Millisecond))
	fmt.Fprintln(w, e.paint(styleGreen, total))
}

// groupDigits formats n with a comma between groups of three digits:
// "1,996".
func groupDigits(n int) string {
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// humanSize formats a byte count: "812 B", "14.2 kB", "1.3 MB".
func humanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// buildJSON is the --json document of build and check.
type buildJSON struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	// Source is the source directory; the diagnostics' files are relative
	// to it.
	Source      string              `json:"source"`
	OutDir      string              `json:"outdir,omitempty"`
	SourcesZip  string              `json:"sourcesZip,omitempty"`
	Targets     []targetJSON        `json:"targets"`
	Diagnostics []bundle.Diagnostic `json:"diagnostics"`
}

type targetJSON struct {
	Browser         string     `json:"browser"`
	Range           string     `json:"range"`
	Dir             string     `json:"dir,omitempty"`
	Zip             string     `json:"zip,omitempty"`
	ManifestVersion int        `json:"manifestVersion"`
	Background      string     `json:"background"`
	Shims           []string   `json:"shims"`
	Files           []fileJSON `json:"files,omitempty"`
}

type fileJSON struct {
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Generated bool   `json:"generated"`
}

func writeBuildJSON(w io.Writer, srcDir string, res bundle.Result, buildErr error, dryRun bool) error {
	doc := buildJSON{OK: buildErr == nil, Source: filepath.ToSlash(srcDir), Targets: []targetJSON{}, Diagnostics: res.Diagnostics}
	if buildErr != nil {
		doc.Error = buildErr.Error()
	}
	if !dryRun {
		doc.OutDir = filepath.ToSlash(res.OutDir)
		doc.SourcesZip = filepath.ToSlash(res.SourcesZip)
	}
	if doc.Diagnostics == nil {
		doc.Diagnostics = bundle.Diagnostics{}
	}
	for _, tr := range res.Targets {
		tj := targetJSON{Browser: tr.Target.Browser.Name, Range: tr.Target.String(), Dir: filepath.ToSlash(tr.Dir), Zip: filepath.ToSlash(tr.Zip),
			ManifestVersion: tr.ManifestVersion, Background: tr.Background, Shims: tr.Shims}
		if tj.Shims == nil {
			tj.Shims = []string{}
		}
		if !dryRun {
			tj.Files = []fileJSON{}
			for _, f := range tr.Files {
				tj.Files = append(tj.Files, fileJSON{Path: f.Path, Size: f.Size, Generated: f.Generated})
			}
		}
		doc.Targets = append(doc.Targets, tj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
