package shims

import (
	"fmt"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// benchTargets resolves the target list or fails the benchmark.
func benchTargets(b *testing.B, list string) []targets.Target {
	b.Helper()
	ts, err := targets.ResolveAll(list, nil)
	if err != nil {
		b.Fatal(err)
	}
	return ts
}

// BenchmarkRenderStandalone renders the standalone script (`webext-shim
// shim`), one esbuild bundle of the embedded shims.
func BenchmarkRenderStandalone(b *testing.B) {
	for _, list := range []string{"chrome", "firefox", "chrome,firefox"} {
		for _, minify := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/minify=%v", list, minify), func(b *testing.B) {
				ts := benchTargets(b, list)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := RenderStandalone(ts, StandaloneOptions{Minify: minify}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRenderRuntime renders the runtime scripts a build writes for
// classic scripts: a page's (the client) and a service worker's (the
// handler and the onMessage filters).
func BenchmarkRenderRuntime(b *testing.B) {
	for _, tc := range []struct {
		name string
		ctx  Context
	}{
		{"page", Page},
		{"background", Background},
	} {
		for _, list := range []string{"chrome", "firefox"} {
			b.Run(tc.name+"/"+list, func(b *testing.B) {
				ts := benchTargets(b, list)
				bg := DefaultBackground(ts[0], BackgroundServiceWorker)
				needs := needsOf(b, ts[0], bg)
				rs := replacementsIn(needs, tc.ctx, true)
				var first []string
				if tc.ctx == Background {
					first = handlersOf(needs)
				}
				if len(rs) == 0 {
					b.Fatalf("%s needs no replacement in %s", list, tc.ctx)
				}
				define := testDefines(b, ts, nil)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := renderRuntime(ts, rs, first, define); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkNeeds decides what a target needs, the first step of every
// target's build.
func BenchmarkNeeds(b *testing.B) {
	for _, list := range []string{"chrome", "firefox"} {
		b.Run(list, func(b *testing.B) {
			ts := benchTargets(b, list)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Needs(All(), ts[0], Output{Background: BackgroundServiceWorker, ManifestVersion: 3}); err != nil {
					b.Fatal(err)
				}
				if _, err := DefinesFor(All(), ts, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
