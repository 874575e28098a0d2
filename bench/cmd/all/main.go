// Command all runs every benchmark of package bench and writes the results
// as Markdown, the tables of BENCHMARKS.md:
//
//	go run ./bench/cmd/all -o bench/results.md
//
// In order: the machine; the build comparison of webext-shim against esbuild
// alone at each size (as bench/cmd/compare); the shim bytes (as
// bench/cmd/shimbytes); the fallback latency in Chromium (as
// bench/cmd/latency; it needs Debian's chromium package); the Go benchmarks
// of targets, shims and bundle. With the defaults it takes five to seven minutes
// on two CPUs. See package bench for what each measures.
//
// Exit codes: 0 success, 1 a failed measurement, 2 bad flags.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/webext-shim/webext-shim/bench/measure"
	"github.com/webext-shim/webext-shim/bench/synth"
	"github.com/webext-shim/webext-shim/internal/browsertest"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// config is what the flags say.
type config struct {
	sizes     []int
	runs      int
	warmup    int
	bytesN    int
	calls     int
	latWarmup int
	rounds    int
	benchtime string
	goBench   bool
	latency   bool
	out       string
	quiet     bool
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("all", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	sizes := fs.String("n", "100,1000,10000", "sizes N of the synthetic extension for the build comparison")
	fs.IntVar(&c.runs, "runs", 5, "timed runs of each tool per size")
	fs.IntVar(&c.warmup, "warmup", 1, "untimed runs of each tool per size")
	fs.IntVar(&c.bytesN, "bytes-n", 100, "size N of the synthetic extension for the shim bytes")
	fs.IntVar(&c.calls, "calls", 1000, "timed calls of each kind per latency round")
	fs.IntVar(&c.latWarmup, "latency-warmup", 100, "untimed calls of each kind per latency round")
	fs.IntVar(&c.rounds, "rounds", 5, "latency rounds")
	fs.StringVar(&c.benchtime, "benchtime", "1s", "-benchtime of the Go benchmarks")
	fs.BoolVar(&c.goBench, "gobench", true, "run the Go benchmarks")
	fs.BoolVar(&c.latency, "latency", true, "run the latency benchmark (needs chromium)")
	fs.StringVar(&c.out, "o", "", "write the Markdown to this file instead of standard output")
	fs.BoolVar(&c.quiet, "q", false, "print no progress on standard error")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var err error
	if c.sizes, err = measure.ParseSizes(*sizes); err != nil || fs.NArg() > 0 {
		if err == nil {
			err = fmt.Errorf("unexpected arguments %q", fs.Args())
		}
		fmt.Fprintf(stderr, "all: %v\n", err)
		return 2
	}
	var md bytes.Buffer
	if err := runAll(context.Background(), c, &md, stderr); err != nil {
		fmt.Fprintf(stderr, "all: %v\n", err)
		return 1
	}
	if c.out == "" {
		stdout.Write(md.Bytes())
		return 0
	}
	if err := os.WriteFile(c.out, md.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "all: %v\n", err)
		return 1
	}
	return 0
}

// runAll runs the benchmarks and writes the Markdown to md.
func runAll(ctx context.Context, c config, md io.Writer, stderr io.Writer) error {
	progress := func(msg string) {
		if !c.quiet {
			fmt.Fprintf(stderr, "all: %s %s\n", time.Now().Format("15:04:05"), msg)
		}
	}
	start := time.Now()
	machine := measure.DescribeMachine()
	mod, err := measure.ModuleDir(ctx)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "webext-shim-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	progress("building webext-shim and esbuild")
	tools, err := measure.BuildTools(ctx, mod, work)
	if err != nil {
		return err
	}
	chromium := ""
	if c.latency {
		chromium = measure.BrowserVersion(ctx, browsertest.ChromiumBinary)
		if chromium == "" {
			return fmt.Errorf("%q is missing: install Debian's chromium package (apt-get install -y chromium), or pass -latency=false", browsertest.ChromiumBinary)
		}
	}
	fmt.Fprintf(md, "## Machine\n\n%s\n", measure.MachineTable(machine, "esbuild", tools.EsbuildVersion+" (go.mod)", "Chromium", chromium))

	progress("build comparison")
	rs, err := measure.Compare(ctx, measure.CompareOptions{
		Modules: c.sizes, Runs: c.runs, Warmup: c.warmup, Tools: tools,
		WorkDir: filepath.Join(work, "compare"), Progress: progress,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(md, "## Build time: webext-shim against esbuild alone, targets %s\n\n", measure.DefaultTargets)
	fmt.Fprintf(md, "Synthetic extension of N modules (bench/synth, %d%% shared); wall time of %d alternating runs per tool after %d warm-up run(s).\n\n", synth.DefaultSharedPercent, c.runs, c.warmup)
	fmt.Fprint(md, measure.CompareTable(rs))
	if len(rs) > 0 {
		fmt.Fprintf(md, "\nCommand lines (N=%d; OUT is a new directory per run):\n\n```\n%s```\n\n", rs[0].Modules, measure.CompareCommands(rs[0]))
	}

	progress("shim bytes")
	var brs []measure.BytesResult
	seed, err := measure.ShimBytes(ctx, "seed", filepath.Join(mod, "testdata", "extensions", "seed"), measure.DefaultTargets, filepath.Join(work, "bytes-seed"))
	if err != nil {
		return err
	}
	brs = append(brs, seed)
	ext, err := synth.Generate(synth.Options{Modules: c.bytesN})
	if err != nil {
		return err
	}
	src := filepath.Join(work, "bytes-synth-src")
	if err := ext.Write(src); err != nil {
		return err
	}
	syn, err := measure.ShimBytes(ctx, fmt.Sprintf("synthetic N=%d", c.bytesN), src, measure.DefaultTargets, filepath.Join(work, "bytes-synth"))
	if err != nil {
		return err
	}
	brs = append(brs, syn)
	fmt.Fprintf(md, "## Shim bytes\n\nMinified; gzip at the best compression.\n\n%s\n", measure.BytesTable(brs))

	if c.latency {
		progress("fallback latency")
		r, err := measure.Latency(ctx, measure.LatencyOptions{
			Calls: c.calls, Warmup: c.latWarmup, Rounds: c.rounds, WorkDir: filepath.Join(work, "latency"), Progress: progress,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(md, "## Fallback latency in Chromium\n\n%s, extension built for %s (background: %s); %d rounds of %d sequential calls of each kind after %d warm-up calls, the kinds alternating; performance.now() step %.3f ms.\n\n%s\n",
			r.Browser, r.Target, r.Background, r.Rounds, r.Calls, r.Warmup, r.Resolution, measure.LatencyTable(r))
	}

	if c.goBench {
		progress("Go benchmarks")
		lines, err := measure.GoBench(ctx, mod, c.benchtime)
		if err != nil {
			return err
		}
		fmt.Fprintf(md, "## Go benchmarks\n\n`go test -run '^$' -bench . -benchmem -benchtime %s %s`\n\n```\n%s\n```\n\n", c.benchtime, strings.Join(measure.GoBenchPackages, " "), strings.Join(lines, "\n"))
	}
	fmt.Fprintf(md, "Total time of the run: %s; load average at the end: %s.\n", time.Since(start).Round(time.Second), measure.DescribeMachine().Load)
	return nil
}
