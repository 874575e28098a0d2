// Command latency times the getBackgroundPage fallback in a real Chromium:
//
//	go run ./bench/cmd/latency -calls 1000 -rounds 5
//
// It builds a small extension with webext-shim for chrome (a classic
// service-worker background defining fn(), a page calling it), loads it into
// a headless Chromium (Debian's chromium package) and, in the extension's
// page, times sequential `await page.fn()` calls through the fallback and as
// many plain `chrome.runtime.sendMessage` round trips to a trivial listener
// of the same background, the floor. It prints a Markdown table of the
// medians, 99th percentiles and means, and their ratios. See package bench.
//
// Exit codes: 0 success, 1 a failed measurement (or no Chromium), 2 bad flags.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/webext-shim/webext-shim/bench/measure"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("latency", flag.ContinueOnError)
	fs.SetOutput(stderr)
	calls := fs.Int("calls", 1000, "timed sequential calls of each kind per round")
	warmup := fs.Int("warmup", 100, "untimed calls of each kind per round before the timed ones")
	rounds := fs.Int("rounds", 5, "rounds (each opens the page anew; the kinds alternate)")
	target := fs.String("target", "chrome", "the Chromium target to build for")
	quiet := fs.Bool("q", false, "print no progress on standard error")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "latency: unexpected arguments %q\n", fs.Args())
		return 2
	}
	work, err := os.MkdirTemp("", "webext-shim-latency-")
	if err != nil {
		fmt.Fprintf(stderr, "latency: %v\n", err)
		return 1
	}
	defer os.RemoveAll(work)
	r, err := measure.Latency(context.Background(), measure.LatencyOptions{
		Calls: *calls, Warmup: *warmup, Rounds: *rounds, Target: *target, WorkDir: work,
		Progress: func(msg string) {
			if !*quiet {
				fmt.Fprintln(stderr, "latency:", msg)
			}
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "latency: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s, extension built for %s (background: %s, shims: %v), %d rounds of %d calls of each kind after %d warm-up calls; performance.now() step %.3f ms:\n\n",
		r.Browser, r.Target, r.Background, r.Shims, r.Rounds, r.Calls, r.Warmup, r.Resolution)
	fmt.Fprint(stdout, measure.LatencyTable(r))
	return 0
}
