package devloop

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/bundle"
	"github.com/webext-shim/webext-shim/internal/browser"
	"github.com/webext-shim/webext-shim/targets"
)

// BenchmarkEditToReload measures, in headless Chromium, the time from a
// one-line edit of a library module of the background to the reloaded
// extension: the new service worker has run its script. The source tree is
// looked at every Interval; the figures split the time into the watch's
// delay, the build and the browser's reload. Run it with
//
//	flock /tmp/browser.lock go test ./internal/devloop -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	if _, err := exec.LookPath(browser.ChromiumBinary); err != nil {
		b.Skipf("no %s: %v", browser.ChromiumBinary, err)
	}
	for _, interval := range []time.Duration{bundle.DefaultWatchInterval, 20 * time.Millisecond} {
		b.Run(fmt.Sprintf("interval=%v", interval), func(b *testing.B) {
			benchmarkEditToReload(b, interval)
		})
	}
}

func benchmarkEditToReload(b *testing.B, interval time.Duration) {
	src := b.TempDir()
	files := map[string]string{
		"manifest.json":  `{"manifest_version": 3, "name": "bench", "version": "1", "background": {"service_worker": "background.js", "type": "module"}}`,
		"background.js":  "import { version } from \"./lib/version.js\";\nself.version = version();\n",
		"lib/version.js": "export function version() {\n  return 0;\n}\n",
	}
	for name, text := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	qs, err := targets.ParseQueries("chrome")
	if err != nil {
		b.Fatal(err)
	}
	loaded := make(chan Loaded, 1)
	failed := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: bundle.Options{Source: src, Targets: qs}, Headless: true, Interval: interval},
			Hooks{Loaded: func(l Loaded) { loaded <- l }, Problem: func(err error) { failed <- err }})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	wait := func() Loaded {
		select {
		case l := <-loaded:
			return l
		case err := <-failed:
			b.Fatal(err)
		case err := <-done:
			b.Fatalf("the run ended: %v", err)
		case <-time.After(60 * time.Second):
			b.Fatal("no load within 60s")
		}
		return Loaded{}
	}
	wait() // the first load
	var build, load time.Duration
	b.ResetTimer()
	for i := 1; i <= b.N; i++ {
		// mtimes of the same second differ by their nanoseconds; sizes
		// differ too once i has more digits.
		edit := fmt.Sprintf("export function version() {\n  return %d;\n}\n", i)
		if err := os.WriteFile(filepath.Join(src, "lib", "version.js"), []byte(edit), 0o644); err != nil {
			b.Fatal(err)
		}
		l := wait()
		build += l.BuildTime
		load += l.LoadTime
	}
	b.StopTimer()
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms/op")
	b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "reload-ms/op")
}
