package measure

import (
	"fmt"
	"strings"
)

// table is a Markdown table under construction.
type table struct {
	b strings.Builder
}

func (t *table) row(cells ...string) {
	t.b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

func (t *table) header(cells ...string) {
	t.row(cells...)
	seps := make([]string, len(cells))
	for i := range seps {
		seps[i] = "---"
	}
	t.row(seps...)
}

// MachineTable formats the machine and the tools' versions as a Markdown
// table; the versions are given as name, version pairs.
func MachineTable(m Machine, versions ...string) string {
	var t table
	t.header("", "")
	t.row("CPU", fmt.Sprintf("%s, %d logical CPUs", orUnknown(m.CPU), m.CPUs))
	if m.MemoryBytes > 0 {
		t.row("memory", fmt.Sprintf("%.1f GiB", float64(m.MemoryBytes)/(1<<30)))
	}
	t.row("OS", m.OS)
	t.row("Go", m.Go)
	for i := 0; i+1 < len(versions); i += 2 {
		t.row(versions[i], orUnknown(versions[i+1]))
	}
	if m.Load != "" {
		t.row("load average at the start", m.Load)
	}
	return t.b.String()
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// CompareTable formats build comparisons as a Markdown table: wall times in
// seconds (median, and the range), their ratio, CPU times and their ratio,
// and peak memory.
func CompareTable(rs []CompareResult) string {
	var t table
	t.header("N modules", "source", "runs", "webext-shim wall, median (min-max)", "esbuild wall, median (min-max)", "wall ratio", "CPU time, median: webext-shim / esbuild", "CPU ratio", "webext-shim peak RSS", "esbuild peak RSS (2 processes)")
	for _, r := range rs {
		w, e := Wall(r.WebextShim), Wall(r.Esbuild)
		wc, ec := CPU(r.WebextShim), CPU(r.Esbuild)
		t.row(
			fmt.Sprintf("%d", r.Modules),
			fmt.Sprintf("%d files, %s", r.SourceFiles, Bytes(r.SourceBytes)),
			fmt.Sprintf("%d + %d", w.N, e.N),
			fmt.Sprintf("%.3f s (%.3f-%.3f)", w.Median, w.Min, w.Max),
			fmt.Sprintf("%.3f s (%.3f-%.3f)", e.Median, e.Min, e.Max),
			fmt.Sprintf("**%.2fx**", r.Ratio()),
			fmt.Sprintf("%.3f s / %.3f s", wc.Median, ec.Median),
			fmt.Sprintf("%.2fx", r.CPURatio()),
			Bytes(PeakRSS(r.WebextShim)),
			Bytes(PeakRSS(r.Esbuild)),
		)
	}
	return t.b.String()
}

// CompareCommands lists the command lines of a comparison, for the record.
func CompareCommands(r CompareResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "webext-shim %s\n", strings.Join(r.WebextShimArgs, " "))
	for i, args := range r.EsbuildArgs {
		sep := " &"
		if i == len(r.EsbuildArgs)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "esbuild %s%s\n", strings.Join(args, " "), sep)
	}
	return b.String()
}

// BytesTable formats shim bytes as a Markdown table: per extension, target
// and script, the minified and gzipped sizes with and without the shims,
// each target's total, the standalone script (whole, and with the
// getBackgroundPage shim alone), and webextension-polyfill for reference.
func BytesTable(rs []BytesResult) string {
	var t table
	t.header("extension", "target", "script", "webext-shim (min / gzip)", "esbuild alone (min / gzip)", "added by shims, minified", "added by shims, gzip")
	for _, r := range rs {
		for _, tb := range r.Targets {
			for _, f := range tb.Files {
				alone := "(generated)"
				if f.Entry {
					alone = fmt.Sprintf("%d / %d", f.Without, f.WithoutGzip)
				}
				t.row(r.Name, tb.Target.String(), "`"+f.Path+"`", fmt.Sprintf("%d / %d", f.With, f.WithGzip), alone, signed(f.Added()), signed(f.AddedGzip()))
			}
			mn, gz := tb.Added()
			t.row(r.Name, tb.Target.String(), "**total**", "", "", "**"+signed(mn)+"**", "**"+signed(gz)+"**")
		}
	}
	var seen []string
	for _, r := range rs {
		for _, tb := range r.Targets {
			name := tb.Target.String()
			if contains(seen, name) {
				continue
			}
			seen = append(seen, name)
			t.row("standalone script", name, "`webext-shim shim --minify`", fmt.Sprintf("%d / %d", tb.Standalone, tb.StandaloneGzip), "", fmt.Sprint(tb.Standalone), fmt.Sprint(tb.StandaloneGzip))
			t.row("standalone script, getBackgroundPage only", name, "`webext-shim shim --api runtime.getBackgroundPage --minify`",
				fmt.Sprintf("%d / %d", tb.BackgroundPage, tb.BackgroundPageGzip), "", fmt.Sprint(tb.BackgroundPage), fmt.Sprint(tb.BackgroundPageGzip))
		}
	}
	t.row("webextension-polyfill", "any", "`browser-polyfill.min.js`", fmt.Sprintf("%d / %d", PolyfillMinBytes, PolyfillGzipBytes), "", fmt.Sprint(PolyfillMinBytes), fmt.Sprint(PolyfillGzipBytes))
	return t.b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func signed(n int) string {
	if n > 0 {
		return fmt.Sprintf("+%d", n)
	}
	return fmt.Sprint(n)
}

// LatencyTable formats a latency measurement as a Markdown table, times in
// milliseconds.
func LatencyTable(r LatencyResult) string {
	var t table
	t.header("calls", "n", "median", "p99", "mean (loop time / calls)", "min", "max")
	fb, fl := Summarize(r.Fallback), Summarize(r.Floor)
	perCall := func(totals []float64) float64 { return Summarize(totals).Mean / float64(r.Calls) }
	t.row("`await page.fn()` through the getBackgroundPage fallback", fmt.Sprint(fb.N), ms(fb.Median), ms(fb.P99), ms(perCall(r.FallbackTotal)), ms(fb.Min), ms(fb.Max))
	t.row("`await chrome.runtime.sendMessage(...)` to a trivial listener (floor)", fmt.Sprint(fl.N), ms(fl.Median), ms(fl.P99), ms(perCall(r.FloorTotal)), ms(fl.Min), ms(fl.Max))
	t.row("**fallback / floor**", "", fmt.Sprintf("**%.2fx**", r.Ratio()), ratio(fb.P99, fl.P99), fmt.Sprintf("%.2fx", r.MeanRatio()), "", "")
	return t.b.String()
}

func ms(v float64) string { return fmt.Sprintf("%.3f ms", v) }

func ratio(a, b float64) string {
	if b == 0 {
		return ""
	}
	return fmt.Sprintf("%.2fx", a/b)
}

// Bytes formats a size in bytes with a binary unit: "1.5 MiB".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
