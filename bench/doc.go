// Package bench holds webext-shim's benchmarks; this is their manual. The
// results and the machine they came from are in BENCHMARKS.md at the root of
// the repository. One command reproduces every table there:
//
//	go run ./bench/cmd/all -o bench-results.md
//
// It needs Go, and Debian's chromium package for the latency table (`apt-get
// install -y chromium`, or pass -latency=false); it builds everything else
// itself. With the defaults it takes five to seven minutes on two CPUs. Its
// parts run on their own too:
//
//	go run ./bench/cmd/compare -n 100,1000,10000 -runs 5   # build time against esbuild alone
//	go run ./bench/cmd/shimbytes -n 100                     # bytes the shims add
//	go run ./bench/cmd/latency -calls 1000 -rounds 5        # the fallback in Chromium
//	go test -run '^$' -bench . -benchmem ./targets ./shims ./bundle ./internal/jsscan
//
// The corpus runner is not part of bench/cmd/all: it measures real
// extensions in real browsers, and its results are in CORPUS.md:
//
//	go run ./bench/cmd/corpus -t chrome,firefox -o corpus.md -json corpus.json DIR...
//
// # Layout
//
//   - bench/synth generates the synthetic extension of N library modules
//     (see its documentation for the module graph). It is deterministic.
//   - bench/measure runs the measurements and formats their tables; it
//     returns results and prints nothing.
//   - bench/cmd/compare, shimbytes, latency and all are thin commands over
//     bench/measure, and bench/cmd/corpus over bench/corpus. Exit codes: 0
//     success, 1 a failed measurement, 2 bad flags.
//   - bench/corpus builds every extension under some directories with
//     bundle.Build, loads each output (and each source the browser can load,
//     as a baseline) into headless Chromium and Firefox through
//     internal/browsertest, and returns per extension the build's
//     diagnostics, whether it loaded and its background started, and the
//     errors of its background and pages, matched to the diagnostics; it
//     prints nothing. bench/cmd/corpus is its thin command (-o markdown,
//     -json every detail, -lock the file to flock around each browser
//     launch, /tmp/browser.lock by default). See its package documentation
//     for what counts as an error and how extensions are skipped.
//   - bench/internal/timeit runs one process and records its wall time, CPU
//     time and peak resident memory (getrusage). A Go program cannot measure
//     a child's peak memory itself: Go starts children with vfork, and Linux
//     carries the parent's peak over into the child's maxrss at exec.
//   - The Go benchmarks (testing.B) live next to the code they measure:
//     bundle/build_bench_test.go, bundle/rebuild_bench_test.go (watch
//     rebuilds against esbuild's incremental Rebuild), targets/bench_test.go,
//     shims/render_bench_test.go, internal/jsscan/jsscan_test.go.
//
// # Build time: what each side does
//
// compare builds cmd/webext-shim and the esbuild command at the version
// go.mod pins (`go build github.com/evanw/esbuild/cmd/esbuild`), with the same
// toolchain, into a temporary directory, and generates the synthetic
// extension at each N. Then, per N, it runs each side -warmup times untimed
// and -runs times timed, alternating which side goes first, each run into a
// new output directory that is removed afterwards (outside the timing). Both
// sides run as child processes through timeit, so that the wall time, the
// CPU time and the peak memory are measured the same way.
//
//   - webext-shim: `webext-shim build -q -t chrome,firefox -o OUT SRC`, the
//     built command, one process: it reads the manifest and the sources,
//     bundles the three ES module entries and compiles the classic content
//     script for each target with esbuild's Go API, adds the shims,
//     converts the manifest, copies the other files and writes
//     OUT/chrome and OUT/firefox.
//   - esbuild alone: one `esbuild --bundle --format=esm --platform=browser
//     --target=ENGINE --charset=utf8 --legal-comments=inline --outbase=.
//     --outdir=OUT/BROWSER` process per target, both targets at the same
//     time, with the same four entries. ENGINE is the engine and version
//     webext-shim gives esbuild for that target (the oldest version of the
//     target's range, as shims.Engines). It only bundles: no shims, no
//     manifest, no copies, so it is the lower bound of the job. The classic
//     content script has no imports and comes out of the bundle as it went
//     in.
//
// The tables give the median wall time of each side, its range, the ratio of
// the medians, the median CPU time (user and system) of each side and its
// ratio, and the peak resident memory (for esbuild, the sum of the two
// processes' peaks).
//
// # Shim bytes
//
// shimbytes builds the seed example (testdata/extensions/seed) and the
// synthetic extension (N=100 by default) with bundle.Build, minified, for
// chrome,firefox; then it compiles each entry again with esbuild's Go API
// alone, with the same engines, minification, charset and legal comments and
// no shims (a module bundled, a classic script transformed, as webext-shim
// compiles them). Per output script, the difference is what the shims add;
// a script webext-shim generated (webext-shim-runtime.js,
// webext-shim-background.js) counts whole. Sizes are minified bytes and
// gzip at the best compression (compress/gzip). The table also gives the
// minified standalone script per target, whole (`webext-shim shim --minify`)
// and with the getBackgroundPage shim alone (`--api
// runtime.getBackgroundPage`), and webextension-polyfill's browser-polyfill.min.js (10,113 bytes minified,
// 3,030 gzip) for reference.
//
// # Fallback latency
//
// latency builds a small extension (bench/measure/latencyext: a classic
// service-worker background defining fn() and a trivial runtime.onMessage
// listener, a page with a classic script) with bundle.Build for chrome, loads
// it into a headless Chromium with internal/browsertest, and in the
// extension's page times -calls sequential `await page.fn()` calls, page
// being chrome.extension.getBackgroundPage() (the shim's handle: a Chromium
// service worker has no background page), and as many `await
// chrome.runtime.sendMessage({type: "floor"})` round trips to the
// background's listener, which answers at once: the floor, since the
// fallback is one such round trip. Each of -rounds rounds opens the page
// anew and makes -warmup untimed calls of each kind first; the kinds
// alternate. The page is cross-origin isolated (COOP and COEP in the
// manifest), which makes performance.now() step in microseconds instead of
// 100 µs. The table gives the median, 99th percentile, mean (the loop's
// time over the number of calls), minimum and maximum of each kind, and the
// ratios.
package bench
