package corpus

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/webext-shim/webext-shim/internal/browsertest"
)

// TestRunInBrowsers runs the whole measurement on one extension with an
// error in its background and one in its popup, in both browsers, and
// checks that each error lands in its context, in the source and in the
// output.
func TestRunInBrowsers(t *testing.T) {
	browsertest.Require(t, browsertest.ChromiumBinary)
	browsertest.Require(t, browsertest.FirefoxBinary)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var progress []string
	rep, err := Run(ctx, Options{
		Dirs:     []string{"testdata/e2e"},
		Targets:  []string{"chrome", "firefox"},
		WorkDir:  t.TempDir(),
		Progress: func(s string) { progress = append(progress, s) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Extensions) != 1 || len(rep.Extensions[0].Targets) != 2 {
		t.Fatalf("report: %+v", rep)
	}
	// "CONTEXT: TEXT" per error, the text cut at the first quote-free
	// fragment that identifies it.
	summary := func(l *Load) []string {
		if l == nil {
			return []string{"not measured"}
		}
		if !l.Loaded {
			return []string{"not loaded: " + l.Error}
		}
		out := []string{"background " + l.Background}
		for _, c := range l.Contexts {
			if c.OpenError != "" {
				out = append(out, c.Name+": "+c.OpenError)
			}
			for _, e := range c.Errors {
				text := e.Text
				for _, key := range []string{"errs: background boom", "errs: popup thrown"} {
					if strings.Contains(text, key) {
						text = key
					}
				}
				out = append(out, c.Name+": "+text)
			}
		}
		return out
	}
	want := []string{"background started", "background: errs: background boom", "popup: errs: popup thrown"}
	for _, tr := range rep.Extensions[0].Targets {
		if !tr.Built {
			t.Errorf("%s: not built: %s %v", tr.Target, tr.BuildError, tr.Diagnostics)
		}
		for what, l := range map[string]*Load{"source": tr.Source, "output": tr.Output} {
			want := want
			if tr.Target == "chrome" && what == "source" {
				// The output has the service worker alone.
				want = append([]string{want[0], "manifest: 'background.scripts' requires manifest version of 2 or lower."}, want[1:]...)
			}
			if got := summary(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s:\n%s\nwant\n%s", tr.Target, what, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	}
	for _, tot := range rep.Totals {
		if tot.Loaded != 1 || tot.SourceLoaded != 1 || tot.Clean != 0 || tot.Errors != 2 || tot.Matched != 0 {
			t.Errorf("totals %+v", tot)
		}
	}
	if len(progress) != 6 {
		t.Errorf("progress:\n%s", strings.Join(progress, "\n"))
	}
}
