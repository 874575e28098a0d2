// Command shimbytes measures the bytes webext-shim's shims add to each
// script of the seed example and of bench/synth's synthetic extension, per
// target, minified and gzipped:
//
//	go run ./bench/cmd/shimbytes -n 100
//
// Each extension is built with bundle.Build (minified), and each of its
// entries compiled again by esbuild alone with the same options and no
// shims; the difference per script is what the shims add (a script
// webext-shim generates counts whole). It prints a Markdown table, with
// webextension-polyfill's size for reference. See package bench.
//
// Exit codes: 0 success, 1 a failed measurement, 2 bad flags.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/webext-shim/webext-shim/bench/measure"
	"github.com/webext-shim/webext-shim/bench/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("shimbytes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100, "size N of the synthetic extension")
	list := fs.String("targets", measure.DefaultTargets, "target list")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "shimbytes: unexpected arguments %q\n", fs.Args())
		return 2
	}
	rs, err := measureBytes(context.Background(), *n, *list)
	if err != nil {
		fmt.Fprintf(stderr, "shimbytes: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, measure.BytesTable(rs))
	return 0
}

// measureBytes measures the seed example and the synthetic extension of n
// modules.
func measureBytes(ctx context.Context, n int, list string) ([]measure.BytesResult, error) {
	mod, err := measure.ModuleDir(ctx)
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "webext-shim-bytes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	seed, err := measure.ShimBytes(ctx, "seed", filepath.Join(mod, "testdata", "extensions", "seed"), list, filepath.Join(work, "seed-out"))
	if err != nil {
		return nil, err
	}
	ext, err := synth.Generate(synth.Options{Modules: n})
	if err != nil {
		return nil, err
	}
	src := filepath.Join(work, "synth")
	if err := ext.Write(src); err != nil {
		return nil, err
	}
	syn, err := measure.ShimBytes(ctx, fmt.Sprintf("synthetic N=%d", n), src, list, filepath.Join(work, "synth-out"))
	if err != nil {
		return nil, err
	}
	return []measure.BytesResult{seed, syn}, nil
}
