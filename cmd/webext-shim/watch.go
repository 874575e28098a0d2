package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/webext-shim/webext-shim/bundle"
)

// watch runs build --watch: the first build prints what a plain build
// prints; each rebuild prints its diagnostics and one line. It returns
// when the command is interrupted: 0, or 1 when the last build failed.
func watch(e *env, f *buildFlags, opts bundle.Options) int {
	lastFailed := false
	err := bundle.Watch(e.ctx, opts, bundle.WatchOptions{}, func(rb bundle.Rebuild) {
		if rb.Err != nil && !errors.Is(rb.Err, bundle.ErrFailed) {
			e.printDiagnostics(opts.Source, rb.Result.Diagnostics, *f.quiet)
			fmt.Fprintf(e.stderr, "webext-shim %s: %v; watching for changes\n", e.name, rb.Err)
			lastFailed = true
			return
		}
		e.printDiagnostics(opts.Source, rb.Result.Diagnostics, *f.quiet)
		lastFailed = rb.Err != nil
		if rb.N == 0 {
			if rb.Err == nil && !*f.quiet {
				e.printBuildSummary(rb.Result, false, *f.verbose, rb.Duration)
			}
			if rb.Err != nil {
				fmt.Fprintf(e.stderr, "webext-shim %s: %v; nothing written\n", e.name, rb.Err)
			}
			fmt.Fprintf(e.stderr, "watching %s for changes (Ctrl-C to stop)\n", opts.Source)
			return
		}
		fmt.Fprintln(e.stderr, e.rebuildLine(rb))
	})
	if err != nil {
		return e.fail(err)
	}
	if lastFailed {
		return exitBuild
	}
	return exitOK
}

// rebuildLine is the one line a rebuild prints:
// "[15:04:05] popup.js changed: rebuilt 2 targets in 41ms, 1 warning".
func (e *env) rebuildLine(rb bundle.Rebuild) string {
	what := "files changed"
	switch n := len(rb.Changed); {
	case n == 1:
		what = rb.Changed[0] + " changed"
	case n > 1 && n <= 3:
		what = strings.Join(rb.Changed, ", ") + " changed"
	case n > 3:
		what = fmt.Sprintf("%s and %d more files changed", rb.Changed[0], n-1)
	}
	errs, warns := 0, 0
	for _, d := range rb.Result.Diagnostics {
		switch d.Severity {
		case bundle.Error:
			errs++
		case bundle.Warning:
			warns++
		}
	}
	stamp := e.paint(styleDim, "["+e.now().Format("15:04:05")+"]")
	if rb.Err != nil {
		return fmt.Sprintf("%s %s: %s, %d error%s; the previous output is kept", stamp, what, e.paint(styleRed, "build failed"), errs, plural(errs))
	}
	return fmt.Sprintf("%s %s: rebuilt %d target%s in %s, %d warning%s", stamp, what,
		len(rb.Result.Targets), plural(len(rb.Result.Targets)), rb.Duration.Round(time.Millisecond), warns, plural(warns))
}
