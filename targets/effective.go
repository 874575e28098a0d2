package targets

import (
	"fmt"
	"slices"
	"strings"
)

// Effective is a target's range narrowed to the versions that can run the
// output: what ForManifestVersion returns.
type Effective struct {
	// Target is the effective target: the versions of the asked range that
	// load an extension of the manifest version, with the Origin of the
	// asked one. Its Constraint is the asked one with the new bounds added.
	Target Target
	// Raised is set when the oldest versions of the asked range cannot run
	// the output, so the minimum went up: the bundle says so in a note.
	Raised bool
	// Dropped lists the versions of the asked range left out, oldest
	// first.
	Dropped []string
	// First is the browser's first version that loads the manifest version,
	// from the tables.
	First string
}

// ForManifestVersion returns the effective range of target t for output
// of manifest version mv (2 or 3): t's range (the user's, or the one the
// manifest's minimum chose) intersected with the versions that load such
// an extension. The second set comes from the tables:
//
//   - Manifest V3 (FeatureManifestV3): the first version with the MV3-only
//     action API, BCD's api.action. Chrome 88 (Chrome's Manifest V3
//     announcement: available from Chrome 88; chrome-types' action is
//     @since Chrome 88, @chrome-min-manifest MV3), Edge 88 and Opera 74
//     (Chromium 88; BCD's engine versions of their releases), Firefox and
//     Firefox for Android 109 (where Firefox enabled Manifest V3 by
//     default; earlier it was behind a preference, which the tables count
//     as absent), Safari and Safari on iOS 15.4.
//   - Manifest V2 (FeatureManifestV2): BCD's manifest.manifest_version,
//     and for Chrome the overlay's end of Manifest V2 (no Chrome from 139
//     loads it), so an MV2 range for chrome also loses its newest versions
//     and its open end.
//
// It is an error when no version of the range can run the output.
func ForManifestVersion(t Target, mv int) (Effective, error) {
	var feature string
	switch mv {
	case 2:
		feature = FeatureManifestV2
	case 3:
		feature = FeatureManifestV3
	default:
		return Effective{}, fmt.Errorf("manifest version %d: want 2 or 3", mv)
	}
	s, err := Lookup(feature, t)
	if err != nil {
		return Effective{}, err
	}
	e := Effective{Target: t, First: s.Since, Dropped: s.Missing}
	if len(s.Missing) == 0 {
		return e, nil
	}
	var kept []string
	for _, v := range t.Versions {
		if !slices.Contains(s.Missing, v) {
			kept = append(kept, v)
		}
	}
	if len(kept) == 0 {
		since := "no version"
		if s.Since != "" && s.Since != Preview {
			since = "versions since " + s.Since
		}
		return Effective{}, fmt.Errorf("no version of %s loads a Manifest V%d extension (%s has it in %s)", t, mv, t.Browser.Name, since)
	}
	e.Raised = kept[0] != t.Min()
	e.Target.Versions = kept
	newest := t.Max() == e.Target.Max()
	e.Target.OpenEnded = t.OpenEnded && newest
	bounds := ">=" + e.Target.Min()
	if !newest {
		bounds += " <=" + e.Target.Max()
	}
	e.Target.Constraint = narrowConstraint(t.Constraint, bounds)
	return e, nil
}

// narrowConstraint adds bounds to every alternative of a Masterminds/semver
// constraint: ">=80 <100" and ">=88" give ">=80 <100 >=88"; "<90 || >=100"
// and ">=88" give "<90 >=88 || >=100 >=88".
func narrowConstraint(constraint, bounds string) string {
	if strings.TrimSpace(constraint) == "" {
		return bounds
	}
	alts := strings.Split(constraint, "||")
	for i, a := range alts {
		alts[i] = strings.TrimSpace(a) + " " + bounds
	}
	return strings.Join(alts, " || ")
}
