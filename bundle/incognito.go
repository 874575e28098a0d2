package bundle

import (
	"github.com/webext-shim/webext-shim/internal/jsonc"
	"github.com/webext-shim/webext-shim/targets"
)

// incognitoFallback is what a browser without "split" incognito mode does
// with it: Firefox ESR 153 says `incognito "split" is unsupported. Falling
// back to incognito "not_allowed"` and loads the extension so.
const incognitoFallback = "not_allowed"

// incognitoMode writes the incognito mode the target falls back to where
// the tables say it lacks the one asked for, with a warning, so that the
// output says what the browser does.
func (b *targetBuild) incognitoMode() {
	v := b.m.Get("incognito")
	if v == nil || v.Kind != jsonc.String || v.Str != "split" {
		return
	}
	s, err := targets.Lookup("manifest.incognito.split", b.t)
	// BCD records Firefox's "split" as a partial implementation (its note:
	// "treated as requesting not_allowed").
	if err != nil || s.Unknown || !s.Partial && len(s.Missing) < len(b.t.Versions) {
		return
	}
	b.warnf(ManifestFile, v.Pos, "incognito %q is not supported by %s, which runs the extension as %q (not in private windows); written so", v.Str, b.t, incognitoFallback)
	b.m.Set("incognito", &jsonc.Value{Kind: jsonc.String, Str: incognitoFallback, Pos: v.Pos})
}
