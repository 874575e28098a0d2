package bundle

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/bench/synth"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

// editedModule is the library module the rebuild benchmarks edit: the
// first of the shared part, which every ES module entry bundles.
const editedModule = "lib/shared/m00000.js"

// rebuildSizes are the numbers of library modules BenchmarkWatchRebuild
// measures.
var rebuildSizes = []int{100, 1000, 10000}

// editLine returns the module's source with its label line changed by a
// counter: a one-line edit.
func editLine(b testing.TB, orig []byte, i int) []byte {
	b.Helper()
	const line = `  label: "module 0 of the shared part",`
	if !bytes.Contains(orig, []byte(line)) {
		b.Fatalf("%s has no line %q", editedModule, line)
	}
	return bytes.Replace(orig, []byte(line), fmt.Appendf(nil, `  label: "module 0 of the shared part, edit %d",`, i), 1)
}

// rebuildSetup writes bench/synth's extension of n modules and builds it
// once for chrome,firefox under a watcher, as Watch's first build.
func rebuildSetup(b *testing.B, n int) (*synth.Extension, string, *watcher, Result) {
	b.Helper()
	ext, err := synth.Generate(synth.Options{Modules: n})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	src := filepath.Join(dir, "src")
	if err := ext.Write(src); err != nil {
		b.Fatal(err)
	}
	qs, err := targets.ParseQueries("chrome,firefox")
	if err != nil {
		b.Fatal(err)
	}
	w, err := newWatcher(Options{Source: src, OutDir: filepath.Join(dir, "out"), Targets: qs})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(w.cache.dispose)
	rb := w.build(context.Background())
	if rb.Err != nil {
		b.Fatalf("first build: %v\n%v", rb.Err, rb.Result.Diagnostics)
	}
	return ext, src, w, rb.Result
}

// BenchmarkWatchRebuild measures the time from a one-line edit of a library
// module of bench/synth's extension (one that the background, the popup and
// the options page all bundle) to the rebuilt output on disk, for chrome and
// firefox, at N library modules:
//
//   - webext-shim: the rebuild of Watch after the edit: the source tree
//     stamped once to find what changed (Watch does this on each look), then
//     the incremental build, which rewrites the output files whose bytes
//     changed. Watch's polling interval and its wait for the tree to hold
//     still are not part of it.
//   - esbuild: esbuild's own incremental Rebuild of the same four entries
//     for the same two targets (two api.Contexts, one per target, with the
//     engine versions webext-shim uses, rebuilt concurrently as webext-shim
//     builds its targets), writing to disk: the lower bound of the job.
//
// Run: go test -run '^$' -bench WatchRebuild -benchtime 20x -count 5 ./bundle
func BenchmarkWatchRebuild(b *testing.B) {
	for _, n := range rebuildSizes {
		b.Run(fmt.Sprintf("N=%d/tool=webext-shim", n), func(b *testing.B) { benchShimRebuild(b, n) })
		b.Run(fmt.Sprintf("N=%d/tool=esbuild", n), func(b *testing.B) { benchEsbuildRebuild(b, n) })
	}
}

func benchShimRebuild(b *testing.B, n int) {
	_, src, w, _ := rebuildSetup(b, n)
	module := filepath.Join(src, filepath.FromSlash(editedModule))
	orig, err := os.ReadFile(module)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	i := 0
	cpu := startCPU()
	for b.Loop() {
		i++
		if err := os.WriteFile(module, editLine(b, orig, i), 0o644); err != nil {
			b.Fatal(err)
		}
		stamps, err := stampTree(w.opts.Source, w.opts.OutDir)
		if err != nil {
			b.Fatal(err)
		}
		changed := w.stamps.diff(stamps)
		if len(changed) != 1 || changed[0] != editedModule {
			b.Fatalf("edit %d: the watcher sees %v changed", i, changed)
		}
		w.changed(stamps, changed)
		if rb := w.build(ctx); rb.Err != nil {
			b.Fatalf("rebuild %d: %v\n%v", i, rb.Err, rb.Result.Diagnostics)
		}
	}
	b.StopTimer()
	cpu.report(b, i)
	checkEdit(b, filepath.Join(w.opts.OutDir, "chrome", "popup", "popup.js"), i)
}

func benchEsbuildRebuild(b *testing.B, n int) {
	ext, src, _, first := rebuildSetup(b, n)
	var entries []string
	for _, e := range ext.Entries {
		entries = append(entries, e.Path)
	}
	out := filepath.Join(b.TempDir(), "esbuild")
	var ctxs []api.BuildContext
	for _, tr := range first.Targets {
		c, cerr := api.Context(api.BuildOptions{
			AbsWorkingDir: src,
			EntryPoints:   entries,
			Outdir:        filepath.Join(out, tr.Target.Browser.Name),
			Bundle:        true,
			Write:         true,
			Format:        api.FormatESModule,
			Platform:      api.PlatformBrowser,
			Engines:       shimjs.Engines([]targets.Target{tr.Target}),
			Charset:       api.CharsetUTF8,
			LegalComments: api.LegalCommentsInline,
			LogLevel:      api.LogLevelSilent,
		})
		if cerr != nil {
			b.Fatal(cerr)
		}
		b.Cleanup(c.Dispose)
		if res := c.Rebuild(); len(res.Errors) > 0 {
			b.Fatalf("esbuild: %v", res.Errors)
		}
		ctxs = append(ctxs, c)
	}
	module := filepath.Join(src, filepath.FromSlash(editedModule))
	orig, err := os.ReadFile(module)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	cpu := startCPU()
	for b.Loop() {
		i++
		if err := os.WriteFile(module, editLine(b, orig, i), 0o644); err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([][]api.Message, len(ctxs))
		for k, c := range ctxs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[k] = c.Rebuild().Errors
			}()
		}
		wg.Wait()
		for _, e := range errs {
			if len(e) > 0 {
				b.Fatalf("esbuild: %v", e)
			}
		}
	}
	b.StopTimer()
	cpu.report(b, i)
	checkEdit(b, filepath.Join(out, "chrome", "popup", "popup.js"), i)
}

// cpuClock reads the CPU time the process used (user and system, all
// threads): on a shared machine it depends much less on other load than
// wall time does.
type cpuClock time.Duration

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuClock { return cpuClock(processCPU()) }

// report reports the CPU time per iteration since c, in milliseconds, as
// the metric cpu-ms/op.
func (c cpuClock) report(b *testing.B, iterations int) {
	if iterations > 0 {
		b.ReportMetric(float64(processCPU()-time.Duration(c))/float64(iterations)/1e6, "cpu-ms/op")
	}
}

// checkEdit fails the benchmark unless the output file holds the last edit.
func checkEdit(b *testing.B, file string, i int) {
	b.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	if want := fmt.Sprintf("edit %d", i); !strings.Contains(string(data), want) {
		b.Fatalf("%s lacks %q", file, want)
	}
}
