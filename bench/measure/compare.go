package measure

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/webext-shim/webext-shim/bench/synth"
	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/targets"
)

// DefaultTargets are the targets of the build comparison.
const DefaultTargets = "chrome,firefox"

// CompareOptions configure Compare.
type CompareOptions struct {
	// Modules are the sizes N of the synthetic extension to build.
	Modules []int
	// SharedPercent is passed to synth.Options.
	SharedPercent int
	// Runs is the number of timed runs of each tool per size (at least 1).
	// The runs alternate: webext-shim first in even runs, esbuild first in
	// odd ones.
	Runs int
	// Warmup is the number of untimed runs of each tool per size before the
	// timed ones (they fill the file system cache).
	Warmup int
	// Targets is the target list ("" means DefaultTargets).
	Targets string
	// Minify minifies on both sides.
	Minify bool
	// Tools are the commands to run (BuildTools).
	Tools Tools
	// WorkDir holds the generated sources and the outputs.
	WorkDir string
	// Progress, when set, is told what is about to run.
	Progress func(msg string)
}

// CompareResult is the comparison at one size.
type CompareResult struct {
	// Modules is N.
	Modules int
	// SourceFiles and SourceBytes describe the generated extension.
	SourceFiles int
	SourceBytes int64
	// Targets are the resolved targets, as webext-shim resolves them.
	Targets []targets.Target
	// EsbuildArgs are the esbuild command lines, one per target, without
	// the binary's path; they run concurrently.
	EsbuildArgs [][]string
	// WebextShimArgs is webext-shim's command line.
	WebextShimArgs []string
	// WebextShim and Esbuild are the timed runs.
	WebextShim, Esbuild []Run
}

// Wall returns the statistics of the runs' wall times in seconds.
func Wall(runs []Run) Stats {
	ds := make([]time.Duration, len(runs))
	for i, r := range runs {
		ds[i] = r.Wall
	}
	return Summarize(Seconds(ds))
}

// CPU returns the statistics of the runs' CPU times in seconds.
func CPU(runs []Run) Stats {
	ds := make([]time.Duration, len(runs))
	for i, r := range runs {
		ds[i] = r.CPU
	}
	return Summarize(Seconds(ds))
}

// PeakRSS returns the largest MaxRSS of the runs in bytes.
func PeakRSS(runs []Run) int64 {
	var m int64
	for _, r := range runs {
		m = max(m, r.MaxRSS)
	}
	return m
}

// Ratio is webext-shim's median wall time divided by esbuild's.
func (r CompareResult) Ratio() float64 {
	e := Wall(r.Esbuild).Median
	if e == 0 {
		return 0
	}
	return Wall(r.WebextShim).Median / e
}

// CPURatio is webext-shim's median CPU time divided by esbuild's: the ratio
// of the work done, less sensitive than wall time to other load on the
// machine.
func (r CompareResult) CPURatio() float64 {
	e := CPU(r.Esbuild).Median
	if e == 0 {
		return 0
	}
	return CPU(r.WebextShim).Median / e
}

// Compare generates the synthetic extension at each size and builds it for
// the targets with webext-shim and with esbuild alone, alternating.
//
// webext-shim runs as `webext-shim build -q -t TARGETS -o OUT SRC`: one
// process that reads the source, bundles every entry for every target,
// converts the manifest and writes OUT/<browser>/ complete.
//
// esbuild runs as one process per target, the targets concurrently, each
// bundling the same entries (ES module format, the target's engine at the
// version webext-shim uses, the same charset and legal-comment options) into
// OUT/<browser>/, and nothing else: no shims, no manifest, no other files.
func Compare(ctx context.Context, opts CompareOptions) ([]CompareResult, error) {
	if opts.Runs < 1 {
		return nil, fmt.Errorf("the number of runs is %d; want at least 1", opts.Runs)
	}
	if opts.Targets == "" {
		opts.Targets = DefaultTargets
	}
	workDir, err := filepath.Abs(opts.WorkDir)
	if err != nil {
		return nil, err
	}
	opts.WorkDir = workDir
	progress := opts.Progress
	if progress == nil {
		progress = func(string) {}
	}
	var results []CompareResult
	for _, n := range opts.Modules {
		ext, err := synth.Generate(synth.Options{Modules: n, SharedPercent: opts.SharedPercent})
		if err != nil {
			return nil, err
		}
		src := filepath.Join(opts.WorkDir, fmt.Sprintf("synth-%d", n))
		if err := os.RemoveAll(src); err != nil {
			return nil, err
		}
		if err := ext.Write(src); err != nil {
			return nil, err
		}
		ts, err := ResolveTargets(ctx, src, opts.Targets)
		if err != nil {
			return nil, err
		}
		var entries []bundle.Entry
		for _, e := range ext.Entries {
			entries = append(entries, bundle.Entry{Path: e.Path, Module: e.Module})
		}
		res := CompareResult{Modules: n, SourceFiles: len(ext.Files), SourceBytes: ext.Size(), Targets: ts}
		res.WebextShimArgs = WebextShimArgs(opts.Targets, "OUT", src, opts.Minify)
		for _, t := range ts {
			res.EsbuildArgs = append(res.EsbuildArgs, EsbuildArgs(t, entries, "OUT", opts.Minify))
		}
		runShim := func(out string) (Run, error) {
			return runChild(ctx, opts.Tools.Timeit, src, opts.Tools.WebextShim, WebextShimArgs(opts.Targets, out, src, opts.Minify)...)
		}
		runEsbuild := func(out string) (Run, error) {
			var cmds [][]string
			for _, t := range ts {
				cmds = append(cmds, EsbuildArgs(t, entries, out, opts.Minify))
			}
			return runConcurrently(ctx, opts.Tools.Timeit, src, opts.Tools.Esbuild, cmds)
		}
		tools := []struct {
			name string
			run  func(string) (Run, error)
			keep *[]Run
		}{
			{"webext-shim", runShim, &res.WebextShim},
			{"esbuild", runEsbuild, &res.Esbuild},
		}
		for i := range opts.Warmup + opts.Runs {
			order := []int{0, 1}
			if i%2 == 1 {
				order = []int{1, 0}
			}
			for _, k := range order {
				tool := tools[k]
				timed := i >= opts.Warmup
				kind := "warm-up"
				if timed {
					kind = fmt.Sprintf("run %d/%d", i-opts.Warmup+1, opts.Runs)
				}
				progress(fmt.Sprintf("N=%d %s %s", n, tool.name, kind))
				out := filepath.Join(opts.WorkDir, fmt.Sprintf("out-%d-%s", n, tool.name))
				if err := os.RemoveAll(out); err != nil {
					return nil, err
				}
				r, err := tool.run(out)
				if err != nil {
					return nil, err
				}
				if i == 0 {
					if err := checkOutput(out, ts, entries); err != nil {
						return nil, fmt.Errorf("%s: %w", tool.name, err)
					}
				}
				if err := os.RemoveAll(out); err != nil {
					return nil, err
				}
				if timed {
					*tool.keep = append(*tool.keep, r)
				}
			}
		}
		results = append(results, res)
		if err := os.RemoveAll(src); err != nil {
			return nil, err
		}
	}
	return results, nil
}

// ResolveTargets resolves the target list for the extension in src as
// webext-shim's build does (the manifest's minimum versions included): it
// runs bundle.Build without writing anything.
func ResolveTargets(ctx context.Context, src, list string) ([]targets.Target, error) {
	qs, err := targets.ParseQueries(list)
	if err != nil {
		return nil, err
	}
	res, err := bundle.Build(ctx, bundle.Options{Source: src, OutDir: filepath.Join(src, "..", ".resolve-out"), Targets: qs, DryRun: true})
	if err != nil {
		return nil, fmt.Errorf("building %q: %w: %v", src, err, res.Diagnostics)
	}
	ts := make([]targets.Target, len(res.Targets))
	for i, t := range res.Targets {
		ts[i] = t.Target
	}
	return ts, nil
}

// WebextShimArgs is webext-shim's command line for the comparison.
func WebextShimArgs(list, out, src string, minify bool) []string {
	args := []string{"build", "-q", "-t", list, "-o", out}
	if minify {
		args = append(args, "--minify")
	}
	return append(args, src)
}

// EngineFlag is esbuild's --target value for t: its engine at the oldest
// version of its range, as shims.Engines gives webext-shim's esbuild calls.
func EngineFlag(t targets.Target) string {
	return t.Browser.Engine + t.Min()
}

// EsbuildArgs is the esbuild command line that bundles the entries for t into
// out/<browser>/, run in the source directory. A classic script without
// imports comes out of a bundle as it went in, so the content script is
// bundled in the same call.
func EsbuildArgs(t targets.Target, entries []bundle.Entry, out string, minify bool) []string {
	args := []string{
		"--bundle",
		"--format=esm",
		"--platform=browser",
		"--target=" + EngineFlag(t),
		"--charset=utf8",
		"--legal-comments=inline",
		"--log-level=warning",
		"--outbase=.",
		"--outdir=" + filepath.Join(out, t.Browser.Name),
	}
	if minify {
		args = append(args, "--minify")
	}
	for _, e := range entries {
		args = append(args, e.Path)
	}
	return args
}

// runConcurrently runs one process of name per argument list at the same
// time. The wall time is until the last ends (measured here, so it includes
// starting the timeit helpers); CPU is the sum of the processes' CPU times
// and MaxRSS the sum of their peaks (an upper bound of their peak together).
func runConcurrently(ctx context.Context, timeit, dir, name string, cmds [][]string) (Run, error) {
	runs := make([]Run, len(cmds))
	errs := make([]error, len(cmds))
	var wg sync.WaitGroup
	start := time.Now()
	for i, args := range cmds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runs[i], errs[i] = runChild(ctx, timeit, dir, name, args...)
		}()
	}
	wg.Wait()
	total := Run{Wall: time.Since(start)}
	if err := errors.Join(errs...); err != nil {
		return Run{}, err
	}
	for _, r := range runs {
		total.MaxRSS += r.MaxRSS
		total.CPU += r.CPU
	}
	return total, nil
}

// checkOutput checks that a build wrote every entry for every target.
func checkOutput(out string, ts []targets.Target, entries []bundle.Entry) error {
	for _, t := range ts {
		for _, e := range entries {
			p := filepath.Join(out, t.Browser.Name, filepath.FromSlash(e.Path))
			if _, err := os.Stat(p); err != nil {
				return fmt.Errorf("the output lacks %q: %w", p, err)
			}
		}
	}
	return nil
}
