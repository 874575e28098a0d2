package measure

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/browsertest"
	"github.com/webext-shim/webext-shim/shims"
	"github.com/webext-shim/webext-shim/targets"
)

// latencyExt is the source of the latency benchmark's extension.
//
//go:embed latencyext
var latencyExt embed.FS

// The kinds of calls the latency benchmark times.
const (
	// KindFallback is `await page.fn()` through the getBackgroundPage
	// fallback.
	KindFallback = "fallback"
	// KindFloor is a plain runtime.sendMessage round trip to a listener that
	// answers at once.
	KindFloor = "floor"
)

// LatencyOptions configure Latency.
type LatencyOptions struct {
	// Calls is the number of timed sequential calls of each kind per round.
	Calls int
	// Warmup is the number of untimed calls of each kind before them.
	Warmup int
	// Rounds is the number of rounds; each opens the page anew and runs
	// both kinds, in alternating order.
	Rounds int
	// Target is the Chromium target list to build for ("" means "chrome").
	Target string
	// WorkDir holds the extension's source and build.
	WorkDir string
	// Progress, when set, is told what is about to run.
	Progress func(msg string)
}

// LatencyResult is what Latency measured, in milliseconds.
type LatencyResult struct {
	// Target is the resolved target the extension was built for.
	Target targets.Target
	// Background is the built background ("service worker").
	Background string
	// Shims are the shims in the built extension.
	Shims []string
	// Browser is the browser's version line.
	Browser string
	// Rounds, Calls and Warmup are as run.
	Rounds, Calls, Warmup int
	// Fallback and Floor are every timed call's duration, all rounds
	// pooled.
	Fallback, Floor []float64
	// FallbackTotal and FloorTotal are each round's loop time.
	FallbackTotal, FloorTotal []float64
	// Resolution is the smallest step of performance.now() in the page.
	Resolution float64
}

// Ratio is the fallback's median call time divided by the floor's.
func (r LatencyResult) Ratio() float64 {
	f := Summarize(r.Floor).Median
	if f == 0 {
		return 0
	}
	return Summarize(r.Fallback).Median / f
}

// MeanRatio is the fallback's mean call time (total loop time over the calls)
// divided by the floor's.
func (r LatencyResult) MeanRatio() float64 {
	f := Summarize(r.FloorTotal).Mean
	if f == 0 {
		return 0
	}
	return Summarize(r.FallbackTotal).Mean / f
}

// pageResult is what the page's measure() returns.
type pageResult struct {
	Times      []float64 `json:"times"`
	Total      float64   `json:"total"`
	Resolution float64   `json:"resolution"`
}

// Latency builds the latency benchmark's extension with webext-shim for
// Chromium (a classic service-worker background defining fn(), and a page
// whose classic script calls it), loads it into a headless Chromium with
// internal/browsertest, and times, in the extension's page, opts.Calls
// sequential `await page.fn()` calls through the getBackgroundPage fallback
// and as many `await chrome.runtime.sendMessage(...)` round trips to a
// listener of the same background that answers at once (the floor).
func Latency(ctx context.Context, opts LatencyOptions) (LatencyResult, error) {
	if opts.Calls < 1 || opts.Rounds < 1 || opts.Warmup < 0 {
		return LatencyResult{}, fmt.Errorf("calls %d, rounds %d, warm-up %d: want calls and rounds of at least 1", opts.Calls, opts.Rounds, opts.Warmup)
	}
	if opts.Target == "" {
		opts.Target = "chrome"
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}
	src := filepath.Join(opts.WorkDir, "latency-src")
	out := filepath.Join(opts.WorkDir, "latency-out")
	if err := os.RemoveAll(src); err != nil {
		return LatencyResult{}, err
	}
	sub, err := fs.Sub(latencyExt, "latencyext")
	if err != nil {
		return LatencyResult{}, err
	}
	if err := os.CopyFS(src, sub); err != nil {
		return LatencyResult{}, fmt.Errorf("writing the latency extension: %w", err)
	}
	qs, err := targets.ParseQueries(opts.Target)
	if err != nil {
		return LatencyResult{}, err
	}
	if len(qs) != 1 || qs[0].Browser.Family != targets.Chromium {
		return LatencyResult{}, fmt.Errorf("the latency target %q is not one Chromium browser", opts.Target)
	}
	progress("building the latency extension for " + opts.Target)
	res, err := bundle.Build(ctx, bundle.Options{Source: src, OutDir: out, Targets: qs})
	if err != nil {
		return LatencyResult{}, fmt.Errorf("building the latency extension: %w: %v", err, res.Diagnostics)
	}
	tr := res.Targets[0]
	r := LatencyResult{Target: tr.Target, Background: tr.Background, Shims: tr.Shims, Rounds: opts.Rounds, Calls: opts.Calls, Warmup: opts.Warmup}
	if !slices.Contains(tr.Shims, shims.GetBackgroundPage.Name) {
		return LatencyResult{}, fmt.Errorf("the latency extension's build for %s has no getBackgroundPage shim (shims: %q)", tr.Target, tr.Shims)
	}
	r.Browser = BrowserVersion(ctx, browsertest.ChromiumBinary)
	progress("starting " + r.Browser)
	c, err := browsertest.NewChromium(tr.Dir)
	if err != nil {
		return LatencyResult{}, err
	}
	defer c.Close()
	id := c.ExtensionID(tr.Dir)
	url := "chrome-extension://" + id + "/page.html"
	r.Resolution = -1
	for round := range opts.Rounds {
		kinds := []string{KindFallback, KindFloor}
		if round%2 == 1 {
			kinds = []string{KindFloor, KindFallback}
		}
		for _, kind := range kinds {
			progress(fmt.Sprintf("round %d/%d: %d %s calls", round+1, opts.Rounds, opts.Calls, kind))
			rctx, cancel := context.WithTimeout(ctx, time.Duration(opts.Calls+opts.Warmup)*50*time.Millisecond+10*time.Second)
			v, err := c.EvalInPage(rctx, url, fmt.Sprintf("measure(%q, %d, %d)", kind, opts.Calls, opts.Warmup))
			cancel()
			if err != nil {
				return LatencyResult{}, fmt.Errorf("round %d, %s: %w (errors: %q)", round+1, kind, err, c.Errors(id))
			}
			var pr pageResult
			if err := json.Unmarshal(v, &pr); err != nil {
				return LatencyResult{}, fmt.Errorf("round %d, %s: reading the page's result: %w", round+1, kind, err)
			}
			if len(pr.Times) != opts.Calls {
				return LatencyResult{}, fmt.Errorf("round %d, %s: %d times; want %d", round+1, kind, len(pr.Times), opts.Calls)
			}
			if r.Resolution < 0 || pr.Resolution < r.Resolution {
				r.Resolution = pr.Resolution
			}
			if kind == KindFallback {
				r.Fallback = append(r.Fallback, pr.Times...)
				r.FallbackTotal = append(r.FallbackTotal, pr.Total)
			} else {
				r.Floor = append(r.Floor, pr.Times...)
				r.FloorTotal = append(r.FloorTotal, pr.Total)
			}
		}
	}
	if errs := c.Errors(id); len(errs) > 0 {
		return LatencyResult{}, fmt.Errorf("the extension reported errors: %q", errs)
	}
	return r, nil
}
