package main

import (
	"runtime/debug"
	"strings"
)

// oneShotGCPercent is the garbage collector's target (GOGC) of a command
// that builds once and exits.
const oneShotGCPercent = 400

// tuneGC configures the garbage collector for a command that builds once
// and exits: its heap only grows until the end, so collecting often is
// wasted work (with Go's default of 100, a fifth to a third of the wall
// time of the synthetic builds in BENCHMARKS.md). esbuild's own command
// turns the collector off for a single entry point; webext-shim collects
// four times less often instead, which keeps large builds (10,000 modules,
// several GiB) as fast without letting a bounded heap make the collector
// run without pause. Long-running --watch keeps the default, and so does
// a user who set GOGC or GOMEMLIMIT.
func tuneGC(args []string, getenv func(string) string) bool {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" || watching(args) {
		return false
	}
	debug.SetGCPercent(oneShotGCPercent)
	return true
}

// watching reports whether args ask for --watch (-w, alone or among other
// one-letter flags such as -qw).
func watching(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--watch" || strings.HasPrefix(a, "--watch="):
			return a != "--watch=false"
		case len(a) > 1 && a[0] == '-' && a[1] != '-':
			// A group of one-letter flags: -t and -o take a value, so a
			// "w" after them is that value.
			for _, c := range a[1:] {
				if c == 'w' {
					return true
				}
				if c == 't' || c == 'o' {
					break
				}
			}
		}
	}
	return false
}
