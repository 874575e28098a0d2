package bundle

import (
	"context"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// buildFor builds the source for the target list into a new directory and
// returns the result and that directory; a failed build fails the test.
func buildFor(t *testing.T, src, list string) (Result, string) {
	t.Helper()
	qs, err := targets.ParseQueries(list)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := Build(context.Background(), Options{Source: src, OutDir: out, Targets: qs})
	if err != nil {
		t.Fatalf("%v: %v", err, res.Diagnostics)
	}
	return res, out
}
