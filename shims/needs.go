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
	// Background is set when the shim's background part may be needed: the
	// target cannot give extension pages what the shim provides without
	// reaching the background by message passing.
	Background bool
	// Reasons say, per feature, why: "runtime.getBackgroundPage: returns null
	// in private windows".
	Reasons []string
}

// Needs returns the shims of all that target t needs when its output is out.
// A target that needs nothing gets nothing.
func Needs(all []Shim, t targets.Target, out Output) ([]Need, error) {
	var needs []Need
	for _, shim := range all {
		n, err := need(shim, t, out)
		if err != nil {
			return nil, err
		}
		if len(n.Reasons) > 0 {
			needs = append(needs, n)
		}
	}
	return needs, nil
}

func need(shim Shim, t targets.Target, out Output) (Need, error) {
	n := Need{Shim: shim}
	if shim.Families != nil && !slices.Contains(shim.Families, t.Browser.Family) {
		return n, nil
	}
	needed := shim.Needed
	if needed == nil {
		needed = func(t targets.Target, out Output) ([]string, error) { return featureReasons(shim.Features, t, out) }
	}
	why, err := needed(t, out)
	if err != nil {
		return Need{}, fmt.Errorf("shim %q: %w", shim.Name, err)
	}
	n.Reasons = why
	n.Background = len(why) > 0 && shim.BackgroundPart != nil
	return n, nil
}

// featureReasons says, per feature, why t lacks it in a way a shim repairs:
// missing in some version of the range, not in a service-worker
// background, null in private windows.
func featureReasons(features []string, t targets.Target, out Output) ([]string, error) {
	var reasons []string
	for _, f := range features {
		s, err := targets.Lookup(f, t)
		if err != nil {
			return nil, err
		}
		var why []string
		if out.Background == BackgroundServiceWorker && s.NoServiceWorker {
			why = append(why, targets.NoteNoServiceWorker)
		}
		if slices.Contains(s.Quirks, targets.QuirkPrivateWindowNull) {
			why = append(why, "returns null in private windows")
		}
		if len(s.Missing) > 0 {
			why = append(why, "missing in "+t.Browser.Name+" "+versionSpan(s.Missing))
		}
		if len(why) > 0 {
			reasons = append(reasons, f+": "+strings.Join(why, "; "))
		}
	}
	return reasons, nil
}

// versionSpan formats a sorted list of versions as "88" or "88-120".
func versionSpan(vs []string) string {
	if len(vs) == 1 {
		return vs[0]
	}
	return vs[0] + "-" + vs[len(vs)-1]
}
