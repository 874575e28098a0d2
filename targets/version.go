package targets

import (
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Preview is the normalised version of a feature that only preview builds
// have; it sorts after every release.
const Preview = "preview"

// parseVersion parses a browser version such as "120", "17.4" or "15.4.1".
// It accepts what Masterminds/semver accepts in loose mode.
func parseVersion(v string) (*semver.Version, error) {
	return semver.NewVersion(v)
}

// compareVersions compares two normalised browser versions; Preview is
// greater than any release. Versions that do not parse compare as strings,
// after every parsable version, so that bad data never panics.
func compareVersions(a, b string) int {
	if a == b {
		return 0
	}
	if a == Preview {
		return 1
	}
	if b == Preview {
		return -1
	}
	// The tables' versions are one to three dot-separated numbers: compare
	// those without semver's regular expression, which took most of a
	// Lookup. The result is semver's: missing parts are 0.
	if na, ok := numericVersion(a); ok {
		if nb, ok := numericVersion(b); ok {
			for i := range na {
				if na[i] != nb[i] {
					if na[i] < nb[i] {
						return -1
					}
					return 1
				}
			}
			return 0
		}
	}
	va, errA := parseVersion(a)
	vb, errB := parseVersion(b)
	switch {
	case errA == nil && errB == nil:
		return va.Compare(vb)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// numericVersion parses "N", "N.N" or "N.N.N" (decimal digits only, each
// part at most 18 digits) into its three parts; ok is false for anything
// else, which compareVersions leaves to semver.
func numericVersion(v string) (parts [3]uint64, ok bool) {
	i := 0
	for n := range parts {
		start := i
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			parts[n] = parts[n]*10 + uint64(v[i]-'0')
			i++
		}
		if i == start || i-start > 18 {
			return parts, false
		}
		if i == len(v) {
			return parts, true
		}
		if v[i] != '.' {
			return parts, false
		}
		i++
	}
	return parts, false
}

// NormaliseVersion turns a version as BCD or a manifest writes it into the
// form the tables use: "≤79" becomes "79" (approx reports the upper bound),
// Firefox's "115.0a1" or "115.0" becomes "115", "17.4.0" becomes "17.4", and
// "preview" stays Preview. Chrome's four-part versions are accepted, as
// minimum_chrome_version accepts them ("1 to 4 dot-separated integers",
// Chrome's manifest reference): "6.0.0.0" becomes "6", and a fourth part
// that is not zero ("88.0.4324.150", a patch build) is dropped, since the
// tables know releases, not builds: "88.0.4324". ok is false for anything
// else, such as "", "latest" or five parts.
func NormaliseVersion(raw string) (v string, approx bool, ok bool) {
	s := strings.TrimSpace(raw)
	if s == Preview {
		return Preview, false, true
	}
	for _, p := range []string{"≤", "<="} {
		if strings.HasPrefix(s, p) {
			s, approx = strings.TrimSpace(strings.TrimPrefix(s, p)), true
		}
	}
	// Cut a pre-release tail of the Firefox kind: 115.0a1, 57.0b3, 120.0esr.
	for i, r := range s {
		if (r < '0' || r > '9') && r != '.' {
			s = s[:i]
			break
		}
	}
	s = strings.TrimRight(s, ".")
	if s == "" || strings.Contains(s, "..") {
		return "", false, false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return "", false, false
	}
	// Drop trailing ".0" parts: 115.0 -> 115, 17.4.0 -> 17.4, 6.0.0.0 -> 6.
	for len(parts) > 1 && strings.Trim(parts[len(parts)-1], "0") == "" {
		parts = parts[:len(parts)-1]
	}
	// A build's patch number: 88.0.4324.150 -> 88.0.4324.
	if len(parts) == 4 {
		parts = parts[:3]
	}
	for i, p := range parts {
		p = strings.TrimLeft(p, "0")
		if p == "" {
			p = "0"
		}
		parts[i] = p
	}
	return strings.Join(parts, "."), approx, true
}
