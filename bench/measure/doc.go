// Package measure takes the measurements of BENCHMARKS.md and formats their
// tables; the commands under bench/cmd are thin layers over it. It returns
// results and errors and prints nothing.
//
// The measurements:
//
//   - Compare: the wall time, CPU time and peak memory of a webext-shim build
//     against esbuild alone on the synthetic extension (bench/synth), both
//     run as child processes through bench/internal/timeit (Run, Stats);
//   - ShimBytes: the bytes the shims add to each file of an extension, per
//     target (BytesResult);
//   - Latency: the time of a call through the getBackgroundPage fallback in
//     Chromium (LatencyResult);
//   - GoBench: the Go benchmarks of GoBenchPackages;
//   - DescribeMachine and BrowserVersion: the machine and the browser the
//     numbers come from.
//
// CompareTable, BytesTable, LatencyTable and MachineTable turn the results
// into the Markdown of BENCHMARKS.md. bench's package documentation says
// how each side of a comparison is run and what it includes.
package measure
