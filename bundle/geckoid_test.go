package bundle

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/webext-shim/webext-shim/targets"
)

// TestGeckoID: a missing gecko id never stops a build, since Firefox loads
// such an extension as a temporary add-on (Manifest V3 too); it stops only
// a --zip of Manifest V3 output, whose archive exists to be signed.
func TestGeckoID(t *testing.T) {
	const warning = `manifest.json:1:1: warning: browser_specific_settings.gecko.id is missing: Firefox gives the add-on a temporary id, and addons.mozilla.org needs one to sign it; add "gecko:browser_specific_settings": {"gecko": {"id": "name@example.com"}} to manifest.json`
	const zipError = `manifest.json:1:1: error: browser_specific_settings.gecko.id is missing: addons.mozilla.org signs a Manifest V3 archive only with an add-on id; add "gecko:browser_specific_settings": {"gecko": {"id": "name@example.com"}} to manifest.json`
	cases := []struct {
		name string
		mv   string
		zip  bool
		want string
	}{
		{"MV3 build", "3", false, warning},
		{"MV2 build", "2", false, warning},
		{"MV2 zip", "2", true, warning},
		{"MV3 zip", "3", true, zipError},
	}
	qs, err := targets.ParseQueries("firefox")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := writeSource(t, map[string]string{
				"manifest.json": `{"manifest_version": ` + c.mv + `, "name": "g", "version": "1"}`,
			})
			res, err := Build(context.Background(), Options{Source: src, OutDir: t.TempDir(), Targets: qs, Zip: c.zip})
			failed := strings.Contains(c.want, ": error: ")
			if failed != errors.Is(err, ErrFailed) {
				t.Errorf("err = %v, want failure %v", err, failed)
			}
			if len(res.Diagnostics) != 1 || res.Diagnostics[0].String() != c.want {
				t.Errorf("diagnostics %v\nwant %s", res.Diagnostics, c.want)
			}
		})
	}
}
