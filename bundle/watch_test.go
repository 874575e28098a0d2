package bundle

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/targets"
)

// TestWatchModuleRebuild checks that Watch's rebuilds, which reuse esbuild's
// incremental contexts, see a change to a module the entry imports, and
// that a failed rebuild does not stop the watch.
func TestWatchModuleRebuild(t *testing.T) {
	src := writeSource(t, map[string]string{
		"manifest.json": `{"manifest_version": 3, "name": "x", "version": "1",
			"background": {"service_worker": "bg.js", "type": "module"}}`,
		"bg.js":       "import { word } from \"./lib/word.js\";\nconsole.log(word);\n",
		"lib/word.js": "export const word = \"first\";\n",
	})
	qs, err := targets.ParseQueries("chrome")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	builds := make(chan Rebuild, 10)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, Options{Source: src, OutDir: out, Targets: qs}, WatchOptions{Interval: 20 * time.Millisecond}, func(rb Rebuild) { builds <- rb })
	}()
	next := func() Rebuild {
		t.Helper()
		select {
		case rb := <-builds:
			return rb
		case <-time.After(20 * time.Second):
			t.Fatal("no build within 20s")
		}
		return Rebuild{}
	}
	bundled := func() string {
		data, err := os.ReadFile(filepath.Join(out, "chrome", "bg.js"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if rb := next(); rb.Err != nil || !strings.Contains(bundled(), "first") {
		t.Fatalf("first build: %v\n%s", rb.Err, bundled())
	}
	word := filepath.Join(src, "lib", "word.js")
	for i, step := range []struct {
		code, want string
		fails      bool
	}{
		{"export const word = \"second\";\n", "second", false},
		{"export const word = ;\n", "second", true},
		{"export const word = \"third!\";\n", "third!", false},
	} {
		if err := os.WriteFile(word, []byte(step.code), 0o644); err != nil {
			t.Fatal(err)
		}
		rb := next()
		if (rb.Err != nil) != step.fails || rb.N != i+1 || len(rb.Changed) != 1 || rb.Changed[0] != "lib/word.js" {
			t.Fatalf("rebuild %d: N=%d changed=%v err=%v", i+1, rb.N, rb.Changed, rb.Err)
		}
		if got := bundled(); !strings.Contains(got, step.want) {
			t.Fatalf("rebuild %d: the output lacks %q:\n%s", i+1, step.want, got)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Watch returned %v after the cancel", err)
	}
}
