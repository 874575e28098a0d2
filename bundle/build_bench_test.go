package bundle

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/webext-shim/webext-shim/bench/synth"
	"github.com/webext-shim/webext-shim/targets"
)

// benchBuild builds src for chrome,firefox b.N times, each time into a new
// output directory (removed outside the timer), as a fresh command run does.
func benchBuild(b *testing.B, src string, opts Options) {
	b.Helper()
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		b.Fatal(err)
	}
	opts.Source = src
	opts.Targets = qs
	outs := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		opts.OutDir = filepath.Join(outs, fmt.Sprint(i))
		res, err := Build(context.Background(), opts)
		if err != nil {
			b.Fatalf("build: %v\n%v", err, res.Diagnostics)
		}
		b.StopTimer()
		if err := os.RemoveAll(opts.OutDir); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkBuildSeed builds the seed example (classic scripts: one esbuild
// transform per script and target, and the generated runtime scripts).
func BenchmarkBuildSeed(b *testing.B) {
	for _, minify := range []bool{false, true} {
		b.Run(fmt.Sprintf("minify=%v", minify), func(b *testing.B) {
			benchBuild(b, filepath.Join("..", "testdata", "extensions", "seed"), Options{Minify: minify})
		})
	}
}

// BenchmarkBuildSynthetic builds bench/synth's extension of N library
// modules (three ES module entries, a classic content script).
func BenchmarkBuildSynthetic(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			ext, err := synth.Generate(synth.Options{Modules: n})
			if err != nil {
				b.Fatal(err)
			}
			src := filepath.Join(b.TempDir(), "src")
			if err := ext.Write(src); err != nil {
				b.Fatal(err)
			}
			benchBuild(b, src, Options{})
		})
	}
}

// BenchmarkBuildSyntheticDryRun is BenchmarkBuildSynthetic with N=100 as
// `webext-shim check` runs it: everything but the output.
func BenchmarkBuildSyntheticDryRun(b *testing.B) {
	ext, err := synth.Generate(synth.Options{Modules: 100})
	if err != nil {
		b.Fatal(err)
	}
	src := b.TempDir()
	if err := ext.Write(src); err != nil {
		b.Fatal(err)
	}
	benchBuild(b, src, Options{DryRun: true})
}
