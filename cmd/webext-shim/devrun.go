package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/devloop"
	"github.com/webext-shim/webext-shim/targets"
)

// envBrowserBinary names the browser executable of run when
// --browser-binary is not given.
const envBrowserBinary = "WEBEXT_SHIM_BROWSER"

// runFlags are the flags of run beyond those of build.
type runFlags struct {
	binary   *string
	profile  *string
	private  *bool
	startURL *string
	open     *string
	headless *bool
}

func runCommand() *command {
	return &command{
		name:    "run",
		summary: "start a browser with the extension; rebuild and reload it on every change",
		usage:   "webext-shim run [--target chrome|firefox] [--start-url URL] [--open popup|options] [flags] [SRC]",
		long: `Builds SRC for one target (default chrome), starts that browser with a new temporary
profile and the built extension loaded (Chromium: as an unpacked extension; Firefox: as a
temporary add-on), opens --start-url and, with --open, the extension's popup or options
page in a tab. Then it watches SRC: each change rebuilds the output and reloads the
extension in the browser, and the extension's pages that were open open again. Uncaught
errors and console.error calls of the background and the extension's pages are printed
with their place in the source (through the output's source maps, which run always
writes) and where they came from.

Ctrl-C closes the browser and removes the temporary profile. When the browser is closed
or crashes, the run ends with exit status 1.

The browser is Debian's chromium or firefox-esr, looked up on PATH, or --browser-binary
(or the environment variable ` + envBrowserBinary + `).

Examples:
  webext-shim run
  webext-shim run -t firefox --start-url https://example.com --open popup src/
  webext-shim run -t "chrome>=120" --headless --profile ~/.cache/my-extension-profile`,
		flags: func(fs *pflag.FlagSet) func(*env, []string) int {
			f := declareBuildFlags(fs, false)
			*f.target = "chrome"
			fs.Lookup("target").DefValue = "chrome"
			fs.Lookup("target").Usage = "the one `TARGET` to build and run, for example \"firefox>=115\""
			for _, name := range []string{"watch", "json", "sourcemap"} {
				fs.MarkHidden(name)
			}
			r := &runFlags{
				binary:   fs.String("browser-binary", "", "the browser `PATH` (default $"+envBrowserBinary+", else chromium or firefox-esr on PATH)"),
				profile:  fs.String("profile", "", "use and keep the profile `DIR` (default a new temporary profile, removed at the end)"),
				private:  fs.Bool("private", false, "Firefox: allow the add-on in private windows"),
				startURL: fs.String("start-url", "", "open `URL` in a tab once the extension is loaded"),
				open:     fs.String("open", "", "open the extension's `PAGE` in a tab: popup or options"),
				headless: fs.Bool("headless", false, "run the browser without a window (for CI and tests)"),
			}
			return func(e *env, args []string) int { return runDev(e, f, r, args) }
		},
	}
}

// devOptions turns the flags of run into the loop's options.
func devOptions(e *env, f *buildFlags, r *runFlags, args []string) (devloop.Options, error) {
	if *f.watch || *f.json {
		return devloop.Options{}, usagef("run always watches and prints no JSON: leave out --watch and --json")
	}
	opts, err := f.options(e.name, args, false, os.Getenv)
	if err != nil {
		return devloop.Options{}, err
	}
	if len(opts.Targets) != 1 {
		return devloop.Options{}, usagef("run starts one browser: --target %q names %d", *f.target, len(opts.Targets))
	}
	if fam := opts.Targets[0].Browser.Family; fam != targets.Chromium && fam != targets.Gecko {
		return devloop.Options{}, usagef("run starts Chromium or Firefox; target %q is neither", opts.Targets[0].Text)
	}
	if *r.open != "" && *r.open != "popup" && *r.open != "options" {
		return devloop.Options{}, usagef("--open %q: popup or options", *r.open)
	}
	if *r.private && opts.Targets[0].Browser.Family != targets.Gecko {
		return devloop.Options{}, usagef("--private is for Firefox targets")
	}
	binary := *r.binary
	if binary == "" {
		binary = os.Getenv(envBrowserBinary)
	}
	return devloop.Options{
		Build:    opts,
		Binary:   binary,
		Profile:  *r.profile,
		Private:  *r.private,
		StartURL: *r.startURL,
		Open:     *r.open,
		Headless: *r.headless,
	}, nil
}

// runDev runs the development loop and prints what it reports.
func runDev(e *env, f *buildFlags, r *runFlags, args []string) int {
	opts, err := devOptions(e, f, r, args)
	if err != nil {
		return e.fail(err)
	}
	src := opts.Build.Source
	hooks := devloop.Hooks{
		Built: func(rb bundle.Rebuild) {
			e.printDiagnostics(src, rb.Result.Diagnostics, *f.quiet)
			switch {
			case rb.N > 0:
				fmt.Fprintln(e.stderr, e.rebuildLine(rb))
			case rb.Err == nil && !*f.quiet:
				e.printBuildSummary(rb.Result, false, f.verbose != nil && *f.verbose, rb.Duration)
			}
		},
		Launched: func(l devloop.Launched) {
			profile := "a temporary profile, removed at the end"
			if l.Profile != "" {
				profile = "the profile " + l.Profile
			}
			fmt.Fprintf(e.stderr, "started %s (%s) with %s\n", l.Browser, l.Binary, profile)
		},
		Loaded: func(l devloop.Loaded) {
			if !l.Reload {
				fmt.Fprintf(e.stderr, "loaded %s as %s in %s; watching %s for changes (Ctrl-C to stop)\n",
					l.Dir, l.BaseURL, l.LoadTime.Round(time.Millisecond), src)
				return
			}
			line := fmt.Sprintf("%s reloaded the extension in %s", e.paint(styleDim, "["+e.now().Format("15:04:05")+"]"),
				l.LoadTime.Round(time.Millisecond))
			if len(l.Reopened) > 0 {
				line += "; reopened " + strings.Join(l.Reopened, ", ")
			}
			fmt.Fprintln(e.stderr, line)
		},
		Opened: func(url string) {
			fmt.Fprintf(e.stderr, "opened %s\n", url)
		},
		Error: func(be devloop.BrowserError) {
			fmt.Fprintln(e.stderr, e.formatBrowserError(src, be))
		},
		Problem: func(err error) {
			fmt.Fprintf(e.stderr, "webext-shim %s: %v\n", e.name, err)
		},
	}
	err = devloop.Run(e.ctx, opts, hooks)
	switch {
	case err == nil:
		fmt.Fprintln(e.stderr, "closed the browser")
		return exitOK
	case errors.Is(err, devloop.ErrBrowserGone):
		fmt.Fprintf(e.stderr, "webext-shim %s: the browser was closed or crashed; stopping\n", e.name)
		return exitBuild
	}
	return e.fail(err)
}

// formatBrowserError formats an error the browser reported as a diagnostic
// at its place in the source ("SRC/background.js:4:9: error: ..."), or at
// its place in the output when no source map covers it, with the context
// it came from.
func (e *env) formatBrowserError(src string, be devloop.BrowserError) string {
	d := bundle.Diagnostic{Severity: bundle.Error, Message: be.Kind + ": " + be.Message + " (" + be.Context + ")"}
	switch {
	case be.Source.File != "":
		d.File, d.Line, d.Column = be.Source.File, be.Source.Line, be.Source.Column
	case be.Output.File != "":
		// An absolute URL: formatDiagnostic leaves it as it is only when
		// it is an absolute path, so it goes into the message.
		place := be.Output.File
		if be.Output.Line > 0 {
			place += fmt.Sprintf(":%d:%d", be.Output.Line, be.Output.Column)
		}
		d.Message = place + ": " + d.Message
	}
	return e.formatDiagnostic(src, d)
}
