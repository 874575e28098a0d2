package measure

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/browsertest"
	"github.com/webext-shim/webext-shim/internal/shimjs"
	"github.com/webext-shim/webext-shim/targets"
)

func TestSummarize(t *testing.T) {
	hundred := make([]float64, 100)
	for i := range hundred {
		hundred[i] = float64(100 - i) // 100..1, unsorted
	}
	for _, tc := range []struct {
		name string
		in   []float64
		want Stats
	}{
		{"empty", nil, Stats{}},
		{"one", []float64{3}, Stats{N: 1, Median: 3, P99: 3, Mean: 3, Min: 3, Max: 3}},
		{"odd", []float64{5, 1, 3}, Stats{N: 3, Median: 3, P99: 5, Mean: 3, Min: 1, Max: 5}},
		{"even", []float64{4, 1, 3, 2}, Stats{N: 4, Median: 2.5, P99: 4, Mean: 2.5, Min: 1, Max: 4}},
		{"hundred", hundred, Stats{N: 100, Median: 50.5, P99: 99, Mean: 50.5, Min: 1, Max: 100}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := slices.Clone(tc.in)
			if got := Summarize(tc.in); got != tc.want {
				t.Errorf("Summarize(%v) = %+v; want %+v", tc.in, got, tc.want)
			}
			if !slices.Equal(in, tc.in) {
				t.Error("Summarize changed its input")
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	s := make([]float64, 1000)
	for i := range s {
		s[i] = float64(i + 1)
	}
	for _, tc := range []struct{ p, want float64 }{{50, 500}, {99, 990}, {99.9, 999}, {100, 1000}, {0.01, 1}} {
		if got := Percentile(s, tc.p); got != tc.want {
			t.Errorf("Percentile(1..1000, %v) = %v; want %v", tc.p, got, tc.want)
		}
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		ok   bool
	}{
		{"100,1000,10000", []int{100, 1000, 10000}, true},
		{" 100 , 10k ", []int{100, 10000}, true},
		{"1K", []int{1000}, true},
		{"", nil, false},
		{"0", nil, false},
		{"-5", nil, false},
		{"10,,20", nil, false},
		{"ten", nil, false},
	} {
		got, err := ParseSizes(tc.in)
		if (err == nil) != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("ParseSizes(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// engineNames maps esbuild's engine constants back to the names of its
// --target flag.
var engineNames = map[api.EngineName]string{
	api.EngineChrome: "chrome", api.EngineEdge: "edge", api.EngineOpera: "opera",
	api.EngineFirefox: "firefox", api.EngineSafari: "safari", api.EngineIOS: "ios",
}

// TestEngineFlag checks that the esbuild command gets the engine that
// webext-shim's esbuild calls get (shims.Engines).
func TestEngineFlag(t *testing.T) {
	ts, err := targets.ResolveAll("chrome,edge,opera,firefox,firefox-android,safari,safari-ios>=17.4", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range ts {
		es := shimjs.Engines([]targets.Target{tg})
		if len(es) != 1 {
			t.Fatalf("%s: %d engines", tg, len(es))
		}
		if want := engineNames[es[0].Name] + es[0].Version; EngineFlag(tg) != want {
			t.Errorf("EngineFlag(%s) = %q; shims.Engines says %q", tg, EngineFlag(tg), want)
		}
	}
}

func TestEsbuildArgs(t *testing.T) {
	ts, err := targets.ResolveAll("firefox>=128", nil)
	if err != nil {
		t.Fatal(err)
	}
	entries := []bundle.Entry{{Path: "bg.js", Module: true}, {Path: "content/cs.js"}}
	got := EsbuildArgs(ts[0], entries, "OUT", true)
	want := []string{"--bundle", "--format=esm", "--platform=browser", "--target=firefox128", "--charset=utf8",
		"--legal-comments=inline", "--log-level=warning", "--outbase=.", "--outdir=" + filepath.Join("OUT", "firefox"), "--minify", "bg.js", "content/cs.js"}
	if !slices.Equal(got, want) {
		t.Errorf("EsbuildArgs = %q\nwant %q", got, want)
	}
	if got, want := WebextShimArgs("chrome,firefox", "OUT", "SRC", false), []string{"build", "-q", "-t", "chrome,firefox", "-o", "OUT", "SRC"}; !slices.Equal(got, want) {
		t.Errorf("WebextShimArgs = %q; want %q", got, want)
	}
}

// TestShimBytesSeed measures the seed example: the popup's script changes by
// a few bytes, the background's not at all, and the generated scripts count
// whole.
func TestShimBytesSeed(t *testing.T) {
	r, err := ShimBytes(context.Background(), "seed", filepath.Join("..", "..", "testdata", "extensions", "seed"), "chrome,firefox", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Targets) != 2 {
		t.Fatalf("%d targets; want 2", len(r.Targets))
	}
	for _, tb := range r.Targets {
		files := map[string]FileBytes{}
		for _, f := range tb.Files {
			files[f.Path] = f
		}
		if f := files["background.js"]; !f.Entry || f.Added() != 0 || f.With == 0 {
			t.Errorf("%s: background.js %+v; want an entry the shims leave alone", tb.Target, f)
		}
		if f := files["popup.js"]; !f.Entry || f.Added() <= 0 || f.Added() > 64 {
			t.Errorf("%s: popup.js %+v; want an entry a few bytes larger", tb.Target, f)
		}
		generated := 0
		for _, f := range tb.Files {
			if !f.Entry {
				generated++
				if f.Without != 0 || f.With < 500 || f.WithGzip >= f.With {
					t.Errorf("%s: generated %+v", tb.Target, f)
				}
			}
		}
		if generated == 0 {
			t.Errorf("%s: no generated script among %v", tb.Target, tb.Files)
		}
		if mn, gz := tb.Added(); mn <= 0 || gz <= 0 || mn >= PolyfillMinBytes {
			t.Errorf("%s: added %d / %d bytes", tb.Target, mn, gz)
		}
		if tb.Standalone == 0 || tb.StandaloneGzip == 0 || tb.BackgroundPage == 0 || tb.BackgroundPage > tb.Standalone {
			t.Errorf("%s: standalone %d / %d bytes, getBackgroundPage alone %d", tb.Target, tb.Standalone, tb.StandaloneGzip, tb.BackgroundPage)
		}
	}
	table := BytesTable([]BytesResult{r})
	for _, want := range []string{"| seed | chrome ", "`popup.js`", "**total**", "getBackgroundPage only", "webextension-polyfill", "10113 / 3030"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
}

func TestCompareTable(t *testing.T) {
	r := CompareResult{
		Modules: 1000, SourceFiles: 1007, SourceBytes: 3 << 20,
		WebextShim: []Run{{Wall: 1200 * time.Millisecond, CPU: 2 * time.Second, MaxRSS: 300 << 20}, {Wall: 1000 * time.Millisecond, CPU: 2 * time.Second, MaxRSS: 310 << 20}, {Wall: 1100 * time.Millisecond, CPU: 3 * time.Second}},
		Esbuild:    []Run{{Wall: 500 * time.Millisecond, CPU: time.Second, MaxRSS: 200 << 20}, {Wall: 550 * time.Millisecond, CPU: time.Second}, {Wall: 450 * time.Millisecond, CPU: time.Second}},
	}
	if got := r.Ratio(); got < 2.199 || got > 2.201 {
		t.Errorf("Ratio = %v; want 2.2", got)
	}
	if got := r.CPURatio(); got != 2 {
		t.Errorf("CPURatio = %v; want 2", got)
	}
	want := "| 1000 | 1007 files, 3.0 MiB | 3 + 3 | 1.100 s (1.000-1.200) | 0.500 s (0.450-0.550) | **2.20x** | 2.000 s / 1.000 s | 2.00x | 310.0 MiB | 200.0 MiB |\n"
	if table := CompareTable([]CompareResult{r}); !strings.HasSuffix(table, want) {
		t.Errorf("CompareTable:\n%s\nwant the row\n%s", table, want)
	}
}

func TestLatencyTable(t *testing.T) {
	r := LatencyResult{Calls: 4, Fallback: []float64{1, 2, 2, 3}, Floor: []float64{1, 1, 2, 2}, FallbackTotal: []float64{8}, FloorTotal: []float64{6}}
	if got := r.Ratio(); got != 2.0/1.5 {
		t.Errorf("Ratio = %v; want %v", got, 2.0/1.5)
	}
	table := LatencyTable(r)
	for _, want := range []string{"| 4 | 2.000 ms | 3.000 ms | 2.000 ms |", "| 4 | 1.500 ms | 2.000 ms | 1.500 ms |", "**1.33x**", "| 1.50x |", "1.33x"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
}

// TestCompareEndToEnd builds the two commands and compares them once on a
// small extension. It takes a few seconds, so it runs only with
// WEBEXT_SHIM_BENCH=1.
func TestCompareEndToEnd(t *testing.T) {
	if os.Getenv("WEBEXT_SHIM_BENCH") != "1" {
		t.Skip("set WEBEXT_SHIM_BENCH=1 to build webext-shim and esbuild and run a small comparison")
	}
	ctx := context.Background()
	mod, err := ModuleDir(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tools, err := BuildTools(ctx, mod, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tools.EsbuildVersion, "v0.") {
		t.Errorf("esbuild version %q", tools.EsbuildVersion)
	}
	rs, err := Compare(ctx, CompareOptions{Modules: []int{20}, Runs: 2, Tools: tools, WorkDir: filepath.Join(dir, "work")})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].WebextShim) != 2 || len(rs[0].Esbuild) != 2 {
		t.Fatalf("results %+v", rs)
	}
	for _, r := range append(rs[0].WebextShim, rs[0].Esbuild...) {
		if r.Wall <= 0 || r.CPU <= 0 || r.MaxRSS <= 1<<20 {
			t.Errorf("run %+v: want a positive time and more than a megabyte", r)
		}
	}
	if rs[0].Ratio() <= 0 {
		t.Errorf("ratio %v", rs[0].Ratio())
	}
}

// TestLatencySmoke runs a short latency measurement in Chromium, skipped
// (or failed with WEBEXT_SHIM_E2E=1) when Chromium is missing.
func TestLatencySmoke(t *testing.T) {
	browsertest.Require(t, browsertest.ChromiumBinary)
	r, err := Latency(context.Background(), LatencyOptions{Calls: 20, Warmup: 5, Rounds: 1, WorkDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Fallback) != 20 || len(r.Floor) != 20 || r.Background != "service worker" {
		t.Fatalf("result %+v", r)
	}
	for _, v := range append(slices.Clone(r.Fallback), r.Floor...) {
		if v < 0 || v > 5000 {
			t.Fatalf("call time %v ms", v)
		}
	}
	if r.Resolution <= 0 || r.Resolution > 1 {
		t.Errorf("timer step %v ms", r.Resolution)
	}
}
