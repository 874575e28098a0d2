package shims

import (
	"fmt"
	"slices"
	"strings"

	"github.com/webext-shim/webext-shim/targets"
)

// Need is one shim a target needs, and why.
type Need struct {
	Shim Shim
	// Fallback is set when the shim must reach the background by message
	// passing (so its background handler is needed): the getBackgroundPage
	// shim's fallback.
	Fallback bool
	// Reasons say, per feature, why: "runtime.getBackgroundPage: returns null
	// in private windows".
	Reasons []string
}

// Needs returns the shims target t needs when its built background is bg.
// A target that needs nothing gets nothing.
func Needs(t targets.Target, bg BackgroundKind) ([]Need, error) {
	var needs []Need
	for _, shim := range All() {
		n, err := need(shim, t, bg)
		if err != nil {
			return nil, err
		}
		if len(n.Reasons) > 0 {
			needs = append(needs, n)
		}
	}
	return needs, nil
}

func need(shim Shim, t targets.Target, bg BackgroundKind) (Need, error) {
	n := Need{Shim: shim}
	if shim.Families != nil && !slices.Contains(shim.Families, t.Browser.Family) {
		return n, nil
	}
	for _, f := range shim.Features {
		s, err := targets.Lookup(f, t)
		if err != nil {
			return Need{}, fmt.Errorf("shim %q: %w", shim.Name, err)
		}
		var why []string
		if bg == BackgroundServiceWorker && s.NoServiceWorker {
			why = append(why, targets.NoteNoServiceWorker)
		}
		if slices.Contains(s.Quirks, targets.QuirkPrivateWindowNull) {
			why = append(why, "returns null in private windows")
		}
		if len(s.Missing) > 0 {
			why = append(why, "missing in "+t.Browser.Name+" "+versionSpan(s.Missing))
		}
		if len(why) > 0 {
			n.Fallback = shim.Handler != ""
			n.Reasons = append(n.Reasons, f+": "+strings.Join(why, "; "))
		}
	}
	return n, nil
}

// versionSpan formats a sorted list of versions as "88" or "88-120".
func versionSpan(vs []string) string {
	if len(vs) == 1 {
		return vs[0]
	}
	return vs[0] + "-" + vs[len(vs)-1]
}
