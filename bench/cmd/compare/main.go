// Command compare times webext-shim against esbuild alone on bench/synth's
// synthetic extension, at each size N, for chrome,firefox.
//
//	go run ./bench/cmd/compare -n 100,1000,10000 -runs 5
//
// It builds cmd/webext-shim and the esbuild command of the version go.mod
// pins into a temporary directory, then, per N, runs each tool -warmup
// times untimed and -runs times timed, alternating which goes first, and
// prints a Markdown table of the median wall times, their ratio and the peak
// resident memory, followed by the command lines. See package bench for
// what each side does.
//
// Exit codes: 0 success, 1 a failed measurement, 2 bad flags.
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
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "100,1000,10000", "sizes N of the synthetic extension, comma-separated")
	runs := fs.Int("runs", 5, "timed runs of each tool per size")
	warmup := fs.Int("warmup", 1, "untimed runs of each tool per size before the timed ones")
	shared := fs.Int("shared", 0, "percentage of the library every ES module entry imports (0: the generator's default)")
	list := fs.String("targets", measure.DefaultTargets, "target list")
	minify := fs.Bool("minify", false, "minify on both sides")
	work := fs.String("work", "", "working directory (default: a new temporary directory, removed at the end)")
	quiet := fs.Bool("q", false, "print no progress on standard error")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ns, err := measure.ParseSizes(*sizes)
	if err != nil || fs.NArg() > 0 {
		if err == nil {
			err = fmt.Errorf("unexpected arguments %q", fs.Args())
		}
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 2
	}
	ctx := context.Background()
	dir, cleanup, err := workDir(*work)
	if err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	defer cleanup()
	progress := func(msg string) {
		if !*quiet {
			fmt.Fprintln(stderr, "compare:", msg)
		}
	}
	mod, err := measure.ModuleDir(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	progress("building webext-shim and esbuild")
	tools, err := measure.BuildTools(ctx, mod, dir)
	if err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	rs, err := measure.Compare(ctx, measure.CompareOptions{
		Modules: ns, SharedPercent: *shared, Runs: *runs, Warmup: *warmup,
		Targets: *list, Minify: *minify, Tools: tools, WorkDir: dir, Progress: progress,
	})
	if err != nil {
		fmt.Fprintf(stderr, "compare: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "webext-shim against esbuild %s alone, targets %s:\n\n", tools.EsbuildVersion, *list)
	fmt.Fprint(stdout, measure.CompareTable(rs))
	if len(rs) > 0 {
		fmt.Fprintf(stdout, "\nCommand lines (N=%d; OUT is a new directory per run):\n\n", rs[0].Modules)
		fmt.Fprint(stdout, measure.CompareCommands(rs[0]))
	}
	return 0
}

// workDir returns the working directory to use and what removes it.
func workDir(dir string) (string, func(), error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", nil, err
		}
		return dir, func() {}, nil
	}
	d, err := os.MkdirTemp("", "webext-shim-bench-")
	if err != nil {
		return "", nil, err
	}
	return d, func() { os.RemoveAll(d) }, nil
}
